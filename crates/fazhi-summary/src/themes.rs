//! Classification of items into the 纲要 chapters (plus `publicity`) by the
//! terms of `catalog/themes.toml`, the per-chapter listing and the agencies ×
//! chapters matrix.
//!
//! Scoring by meaning, not by one word: each distinct term found in the
//! item's label counts ten times its length in characters, one found only
//! in its body once its length, so the label decides, its most specific
//! wording first (`行政执法信息化建设滞后` is about 信息化, not about 执法;
//! `学法和用法之间的矛盾` is about 学法), and the body decides only for a label
//! no term matches. An item carries every chapter whose score is at least a
//! third of the best score, or whose terms are worth 6; best first, ties in
//! chapter order. An item no
//! term matches is `unclassified`, never dropped. Chapter counts use the
//! best chapter only, so each item is counted once.

use crate::catalog::{Themes, UNCLASSIFIED};
use crate::charset::CharSet;
use crate::model::{
    AgencyRef, ClassifiedItem, ThemeHit, ThemeMatrix, ThemeMatrixRow, ThemeSummary, ThemedItem,
};
use fazhi_core::Part;

/// The chapters an item belongs to, best first, with their evidence terms.
pub fn classify(themes: &Themes, label: &str, text: &str) -> Vec<ThemeHit> {
    let mut hits: Vec<(usize, ThemeHit)> = Vec::new();
    let (in_label, in_text) = (CharSet::of(label), CharSet::of(text));
    for (pos, theme) in themes.themes.iter().enumerate() {
        let mut score = 0u32;
        let mut terms = Vec::new();
        for term in &theme.terms {
            let weight = if in_label.contains(label, term) {
                10 * term.chars().count() as u32
            } else if in_text.contains(text, term) {
                term.chars().count() as u32
            } else {
                continue;
            };
            if !terms.contains(term) {
                score += weight;
                terms.push(term.clone());
            }
        }
        if score > 0 {
            hits.push((
                pos,
                ThemeHit {
                    code: theme.code.clone(),
                    terms,
                    score,
                },
            ));
        }
    }
    let best = hits.iter().map(|(_, h)| h.score).max().unwrap_or(0);
    hits.retain(|(_, h)| h.score * 3 >= best || h.score >= 6);
    hits.sort_by(|(pa, a), (pb, b)| b.score.cmp(&a.score).then(pa.cmp(pb)));
    hits.into_iter().map(|(_, h)| h).collect()
}

/// The code of an item's best chapter (`unclassified` when none).
pub fn primary(item: &ClassifiedItem) -> &str {
    item.themes
        .first()
        .map_or(UNCLASSIFIED, |h| h.code.as_str())
}

/// One report's classified items, for assembling.
pub(crate) struct AgencyItems<'a> {
    pub agency: &'a AgencyRef,
    pub submission_id: &'a str,
    pub items: &'a [ClassifiedItem],
}

fn codes(themes: &Themes) -> Vec<String> {
    themes
        .themes
        .iter()
        .map(|t| t.code.clone())
        .chain(std::iter::once(UNCLASSIFIED.to_owned()))
        .collect()
}

/// Whether an item is listed under `code`, and as its best chapter.
fn membership<'i>(item: &'i ClassifiedItem, code: &str) -> Option<(bool, &'i [String])> {
    if code == UNCLASSIFIED {
        return item.themes.is_empty().then_some((true, &[][..]));
    }
    item.themes
        .iter()
        .position(|h| h.code == code)
        .map(|i| (i == 0, item.themes[i].terms.as_slice()))
}

/// Per chapter: its items with their agency, and counts per part.
pub(crate) fn theme_summaries(themes: &Themes, reports: &[AgencyItems<'_>]) -> Vec<ThemeSummary> {
    codes(themes)
        .into_iter()
        .map(|code| {
            let mut s = ThemeSummary {
                name: themes.name(&code),
                code: code.clone(),
                agencies: Vec::new(),
                measures: 0,
                shortcomings: 0,
                plans: 0,
                items: Vec::new(),
            };
            for r in reports {
                for item in r.items {
                    let Some((primary, terms)) = membership(item, &code) else {
                        continue;
                    };
                    // Counts and agencies: the item's best chapter only.
                    if primary {
                        match item.part {
                            Part::Measures => {
                                s.measures += 1;
                                if !s.agencies.contains(r.agency) {
                                    s.agencies.push(r.agency.clone());
                                }
                            }
                            Part::Shortcomings => s.shortcomings += 1,
                            Part::NextYear => s.plans += 1,
                            Part::LeaderDuty | Part::Other => {}
                        }
                    }
                    s.items.push(ThemedItem {
                        agency: r.agency.clone(),
                        submission_id: r.submission_id.to_owned(),
                        part: item.part,
                        label: item.label.clone(),
                        text: item.excerpt.clone(),
                        start: item.start,
                        end: item.cite_end,
                        terms: terms.to_vec(),
                        primary,
                    });
                }
            }
            s
        })
        .collect()
}

/// Agencies × chapters: measures items per best chapter (each item once).
pub(crate) fn matrix(themes: &Themes, reports: &[AgencyItems<'_>]) -> ThemeMatrix {
    let columns = codes(themes);
    let rows = reports
        .iter()
        .map(|r| ThemeMatrixRow {
            agency: r.agency.clone(),
            counts: columns
                .iter()
                .map(|code| {
                    r.items
                        .iter()
                        .filter(|i| {
                            i.part == Part::Measures && membership(i, code).is_some_and(|(p, _)| p)
                        })
                        .count()
                })
                .collect(),
        })
        .collect();
    ThemeMatrix {
        themes: columns,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::themes;

    fn codes_of(label: &str, text: &str) -> Vec<String> {
        classify(themes(), label, text)
            .into_iter()
            .map(|h| h.code)
            .collect()
    }

    #[test]
    fn label_terms_decide_and_several_themes_are_kept() {
        let c = codes_of(
            "持续推进政府职能转变",
            "深化“放管服”改革，法治化营商环境不断优化，推进“智慧政务”建设，构建数字化平台。",
        );
        assert_eq!(c.first().map(String::as_str), Some("functions"));
        assert!(c.contains(&"digital".to_owned()), "{c:?}");
        assert_eq!(
            codes_of("深化法治宣传，加强宣传效应", "开展各类法治宣传活动20余场")[0],
            "publicity"
        );
        assert_eq!(codes_of("调解员队伍存在不稳定的现象", "")[0], "disputes");
    }

    #[test]
    fn evidence_terms_are_reported_and_nothing_matches_nothing() {
        let hits = classify(themes(), "严格规范性文件合法性审核", "");
        assert_eq!(hits[0].code, "rules");
        assert!(hits[0].terms.contains(&"规范性文件".to_owned()));
        assert!(classify(themes(), "其他", "无").is_empty());
    }
}
