//! Breakdowns and their totals within a sentence (`共…其中…`): each
//! breakdown gets its total's indicator, and a total's parts are marked.

use super::*;

fn same_sentence(a: &MappedQuantity, b: &MappedQuantity) -> bool {
    a.sentence_start == b.sentence_start
        && a.sentence_end == b.sentence_end
        && a.sentence_end > a.sentence_start
}

/// Give each breakdown its total: among the earlier level numbers of the
/// sentence in its unit that are at least as large as the run of breakdowns
/// it heads, one said as a total (共/合计), else the nearest (`成功调解36起，其中…24起、6起、4起、3起` belongs to the
/// 42起 before it, since 37 > 36). A breakdown takes its total's indicator.
pub(super) fn attach_breakdowns(qs: &mut [MappedQuantity]) {
    let n = qs.len();
    let mut i = 0;
    while i < n {
        if qs[i].role != Role::Breakdown {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut run = 0.0;
        while j < n
            && qs[j].role == Role::Breakdown
            && same_sentence(&qs[i], &qs[j])
            && qs[j].unit == qs[i].unit
        {
            run += qs[j].value;
            j += 1;
        }
        let candidates: Vec<usize> = (0..i)
            .rev()
            .filter(|&p| {
                qs[p].role == Role::Level
                    && same_sentence(&qs[p], &qs[i])
                    && qs[p].unit == qs[i].unit
            })
            .collect();
        // A total said as such (共/合计) wins over a nearer number.
        let fits: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&p| qs[p].value >= run)
            .collect();
        let parent = fits
            .iter()
            .copied()
            .find(|&p| has_any(&qs[p].clause, &cues().total_words))
            .or_else(|| fits.first().copied())
            .or_else(|| candidates.first().copied());
        for k in i..j {
            qs[k].parent = parent;
            if let Some(p) = parent
                && qs[p].indicator.is_some()
            {
                qs[k].indicator = qs[p].indicator.clone();
                qs[k].matched = qs[p].matched.clone();
            }
        }
        i = j.max(i + 1);
    }
}

/// A total said with 共/合计 followed, in its sentence, by two or more numbers
/// in its unit, of its indicator or of none, that add up to no more than it:
/// those are its parts (`共开展执法检查360次，日常检查300次、专项检查60次`).
pub(super) fn parts_after_total(qs: &mut [MappedQuantity]) {
    let cues = cues();
    for p in 0..qs.len() {
        if qs[p].role != Role::Level || qs[p].indicator.is_none() {
            continue;
        }
        let head: String = qs[p].clause.chars().collect();
        if !has_any(&head, &cues.total_words) {
            continue;
        }
        let mut run = 0.0;
        let mut members = Vec::new();
        for k in p + 1..qs.len() {
            if !same_sentence(&qs[p], &qs[k]) {
                break;
            }
            if qs[k].role != Role::Level || qs[k].unit != qs[p].unit {
                continue;
            }
            // A part may name itself in words the catalog does not know
            // (`日常检查300次`); another indicator ends the run.
            if qs[k].indicator.is_some() && qs[k].indicator != qs[p].indicator {
                break;
            }
            run += qs[k].value;
            members.push(k);
        }
        if members.len() >= 2 && run <= qs[p].value {
            for k in members {
                qs[k].role = Role::Breakdown;
                qs[k].parent = Some(p);
                qs[k].indicator = qs[p].indicator.clone();
                qs[k].matched = qs[p].matched.clone();
            }
        }
    }
}
