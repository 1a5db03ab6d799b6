//! Copied text (雷同): for each report of the year, the share of its
//! sentences that are near-duplicates of a sentence of another unit's report
//! of the same year, or of the same unit's report of last year, with the
//! passages side by side.
//!
//! Method, near-linear in the total text: sentences are normalized
//! ([`crate::text::normalize`]: letters only, figures folded), cut into
//! character shingles; shingles that at least [`CopyConfig::boilerplate_share`]
//! of the district's units write (and at least
//! [`CopyConfig::boilerplate_min_units`]) are boilerplate and left out; a
//! sentence with too little wording of its own left is boilerplate (counted
//! apart, never copying). The rest get MinHash signatures; LSH buckets give
//! candidate pairs, verified by exact Jaccard ≥ [`CopyConfig::threshold`].
//! Buckets larger than [`CopyConfig::max_bucket`] are skipped: a sentence
//! that many units share is boilerplate the frequency rule missed, and the
//! cap keeps the cost linear.

mod hashers;
mod minhash;
mod model;

use std::collections::{HashMap, HashSet};

use fazhi_core::ParsedReport;

use crate::text::{Sentence, hash_chars, normalize, sentences};
use hashers::{Fast, Fast2};
use minhash::{band_keys, jaccard, shingles, signature};
pub use model::*;

struct Unit {
    report: usize,
    sentence: Sentence,
    own: Vec<u64>,
}

/// The sentences of a report's statutory parts (the whole text when it has none).
fn report_sentences(chars: &[char], parsed: &ParsedReport) -> Vec<Sentence> {
    if parsed.sections.is_empty() {
        return sentences(chars, 0, chars.len());
    }
    parsed
        .sections
        .iter()
        .flat_map(|s| sentences(chars, s.start, s.end))
        .collect()
}

/// Analyse the reports of `year` against each other and against last year's
/// reports (`reports` may hold both years; others are ignored).
pub fn detect(year: i32, reports: &[CopyInput<'_>], cfg: &CopyConfig) -> CopyAnalysis {
    let reports: Vec<&CopyInput<'_>> = reports
        .iter()
        .filter(|r| r.year == year || r.year == year - 1)
        .collect();
    // Units by code, so a unit's two years count once in the frequencies.
    let mut unit_ids: HashMap<&str, usize> = HashMap::new();
    for r in &reports {
        let n = unit_ids.len();
        unit_ids.entry(r.agency.code.as_str()).or_insert(n);
    }
    let unit_of: Vec<usize> = reports
        .iter()
        .map(|r| unit_ids.get(r.agency.code.as_str()).copied().unwrap_or(0))
        .collect();

    let mut all: Vec<(usize, Sentence, Vec<u64>, u64)> = Vec::new();
    let mut per_unit: Vec<Vec<u64>> = vec![Vec::new(); unit_ids.len()];
    for (ri, r) in reports.iter().enumerate() {
        let chars: Vec<char> = r.text.chars().collect();
        for s in report_sentences(&chars, r.parsed) {
            let norm = normalize(&s.text);
            if norm.len() < cfg.min_chars {
                continue;
            }
            let sh = shingles(&norm);
            if let Some(u) = per_unit.get_mut(unit_of[ri]) {
                u.extend_from_slice(&sh);
            }
            all.push((ri, s, sh, hash_chars(&norm)));
        }
    }
    let mut df: HashMap<u64, usize, Fast> = HashMap::default();
    for mut u in per_unit {
        u.sort_unstable();
        u.dedup();
        for s in u {
            *df.entry(s).or_default() += 1;
        }
    }
    let common_floor = cfg
        .boilerplate_min_units
        .max((unit_ids.len() as f64 * cfg.boilerplate_share).ceil() as usize);

    let mut judged: Vec<Unit> = Vec::new();
    let mut boiler_count = vec![0usize; reports.len()];
    let mut boiler: HashMap<u64, (String, HashSet<usize>)> = HashMap::new();
    for (ri, s, sh, key) in all {
        let own: Vec<u64> = sh
            .iter()
            .copied()
            .filter(|x| df.get(x).copied().unwrap_or(0) < common_floor)
            .collect();
        if own.len() < cfg.min_own_shingles || own.len() * 5 < sh.len() {
            boiler_count[ri] += 1;
            boiler
                .entry(key)
                .or_insert_with(|| (s.text.clone(), HashSet::new()))
                .1
                .insert(unit_of[ri]);
        } else {
            judged.push(Unit {
                report: ri,
                sentence: s,
                own,
            });
        }
    }

    // Allowed pairs: same year, other unit; or same unit, consecutive years.
    let relation = |a: usize, b: usize| -> Option<CopySource> {
        let (ra, rb) = (reports[a], reports[b]);
        if unit_of[a] != unit_of[b] && ra.year == rb.year {
            Some(CopySource::OtherUnit)
        } else if unit_of[a] == unit_of[b] && ra.year != rb.year {
            Some(CopySource::OwnLastYear)
        } else {
            None
        }
    };
    // LSH: (band key, sentence) sorted, so each bucket is a run.
    let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(judged.len() * minhash::BANDS);
    for (i, u) in judged.iter().enumerate() {
        for k in band_keys(&signature(&u.own)) {
            keyed.push((k, i as u32));
        }
    }
    keyed.sort_unstable();
    let mut seen: HashSet<(u32, u32), Fast2> = HashSet::default();
    // Per judged sentence of this year: best (similarity, other sentence, source).
    let mut best: Vec<Option<(f64, usize, CopySource)>> = vec![None; judged.len()];
    for members in keyed.chunk_by(|a, b| a.0 == b.0) {
        if members.len() < 2 || members.len() > cfg.max_bucket {
            continue;
        }
        for (x, &(_, i)) in members.iter().enumerate() {
            for &(_, j) in &members[x + 1..] {
                let (i, j) = (i.min(j), i.max(j));
                let (iu, ju) = (&judged[i as usize], &judged[j as usize]);
                let Some(source) = relation(iu.report, ju.report) else {
                    continue;
                };
                if !seen.insert((i, j)) {
                    continue;
                }
                let sim = jaccard(&iu.own, &ju.own);
                if sim < cfg.threshold {
                    continue;
                }
                for (me, other) in [(i as usize, j as usize), (j as usize, i as usize)] {
                    if reports[judged[me].report].year != year {
                        continue;
                    }
                    let better =
                        best[me].is_none_or(|(s, o, _)| sim > s || (sim == s && other < o));
                    if better {
                        best[me] = Some((sim, other, source));
                    }
                }
            }
        }
    }

    let mut out = CopyAnalysis {
        year,
        candidates: seen.len(),
        ..CopyAnalysis::default()
    };
    // `judged` is in report order: each report's sentences are one range.
    let mut ranges = vec![(0usize, 0usize); reports.len()];
    for (i, u) in judged.iter().enumerate() {
        let r = &mut ranges[u.report];
        if r.1 == 0 {
            r.0 = i;
        }
        r.1 = i + 1;
    }
    for (ri, r) in reports.iter().enumerate().filter(|(_, r)| r.year == year) {
        let mine: Vec<usize> = (ranges[ri].0..ranges[ri].1).collect();
        let mut rc = ReportCopying {
            agency: r.agency.clone(),
            submission_id: r.submission_id.clone(),
            sentences: mine.len(),
            boilerplate_sentences: boiler_count[ri],
            copied_sentences: 0,
            copied_share: 0.0,
            from_other_units: 0,
            from_own_last_year: 0,
            passages: Vec::new(),
        };
        let mut sims: Vec<f64> = Vec::new();
        let mut last_copied: Option<usize> = None;
        // Index (in `reports`) of each passage's other report.
        let mut other_of: Vec<usize> = Vec::new();
        for (k, &i) in mine.iter().enumerate() {
            let Some((sim, o, source)) = best[i] else {
                continue;
            };
            let follows = last_copied.is_some_and(|l| l + 1 == k);
            last_copied = Some(k);
            rc.copied_sentences += 1;
            match source {
                CopySource::OtherUnit => rc.from_other_units += 1,
                CopySource::OwnLastYear => rc.from_own_last_year += 1,
            }
            let (me, other) = (&judged[i], &judged[o]);
            let other_report = reports[other.report];
            let extend = rc.passages.last_mut().filter(|p| {
                p.other_submission_id == other_report.submission_id && p.source == source && follows
            });
            match extend {
                Some(p) => {
                    p.text.push_str(&me.sentence.text);
                    p.end = me.sentence.end;
                    p.other_start = p.other_start.min(other.sentence.start);
                    p.other_end = p.other_end.max(other.sentence.end);
                    p.sentences += 1;
                    sims.push(sim);
                }
                None => {
                    finish(&mut rc.passages, &sims);
                    sims = vec![sim];
                    other_of.push(other.report);
                    rc.passages.push(CopiedPassage {
                        source,
                        text: me.sentence.text.clone(),
                        start: me.sentence.start,
                        end: me.sentence.end,
                        other_agency: other_report.agency.clone(),
                        other_submission_id: other_report.submission_id.clone(),
                        other_year: other_report.year,
                        other_text: String::new(),
                        other_start: other.sentence.start,
                        other_end: other.sentence.end,
                        sentences: 1,
                        similarity: 0.0,
                    });
                }
            }
        }
        finish(&mut rc.passages, &sims);
        // Passage texts: this report's exact span, the other's exact span.
        let chars: Vec<char> = r.text.chars().collect();
        for (p, &o) in rc.passages.iter_mut().zip(&other_of) {
            p.text = chars.get(p.start..p.end).unwrap_or(&[]).iter().collect();
            p.other_text = reports
                .get(o)
                .map(|x| {
                    x.text
                        .chars()
                        .skip(p.other_start)
                        .take(p.other_end - p.other_start)
                        .collect()
                })
                .unwrap_or_default();
        }
        if rc.sentences > 0 {
            rc.copied_share =
                (rc.copied_sentences as f64 / rc.sentences as f64 * 1000.0).round() / 1000.0;
        }
        out.reports.push(rc);
    }
    let mut bp: Vec<Boilerplate> = boiler
        .into_values()
        .filter(|(_, u)| u.len() >= common_floor)
        .map(|(text, u)| Boilerplate {
            text,
            units: u.len(),
        })
        .collect();
    bp.sort_by(|a, b| b.units.cmp(&a.units).then(a.text.cmp(&b.text)));
    bp.truncate(30);
    out.boilerplate = bp;
    out
}

/// Close the last passage: its mean similarity.
fn finish(passages: &mut [CopiedPassage], sims: &[f64]) {
    if let Some(p) = passages.last_mut()
        && !sims.is_empty()
    {
        p.similarity = (sims.iter().sum::<f64>() / sims.len() as f64 * 100.0).round() / 100.0;
    }
}
