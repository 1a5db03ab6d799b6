//! Part three: the leaders' duty told from countable facts (how many units'
//! leaders held 专题研究, how many times; 述法; 会前学法), then the district
//! government's own part in its own words.

use super::prose::{Cites, Para, plain, short_names};
use crate::duty::kind_name;
use crate::model::{AgencyPassages, Block, DistrictSummary, DutyFact, MappedQuantity, Passage};
use crate::names::short_name;

/// One kind of fact across units: `N家单位…，其中…报告了次数，合计M次`.
fn kind_sentence(summary: &DistrictSummary, kind: &str, cites: &mut Cites, p: &mut Para) -> bool {
    let mut ids = Vec::new();
    let mut counted = Vec::new();
    let mut counted_units = Vec::new();
    for a in &summary.duty_facts {
        for f in a.facts.iter().filter(|f| f.kind == kind) {
            ids.push(cites.passage(
                &a.agency,
                &a.submission_id,
                &Passage {
                    text: f.sentence.clone(),
                    start: f.start,
                    end: f.end,
                },
            ));
            if let Some(q) = &f.count {
                let src = source_of(&a.agency, &a.submission_id, q);
                counted.push((cites.source(&src), q.value, q.qualifier, q.unit.clone()));
                counted_units.push(a.agency.clone());
            }
        }
    }
    if ids.is_empty() {
        return false;
    }
    p.units(cites, &ids)
        .text(format!("单位报告主要负责人{}", kind_name(kind)));
    // Counts are summed per unit of measure (次 and 场 apart).
    let unit = counted.first().map(|c| c.3.clone());
    if let Some(unit) = unit {
        let same: Vec<&(usize, f64, fazhi_core::Qualifier, String)> =
            counted.iter().filter(|c| c.3 == unit).collect();
        if let Some((v, q)) = crate::totals::sum(same.iter().map(|c| (c.1, c.2))) {
            let cids: Vec<usize> = same.iter().map(|c| c.0).collect();
            p.text(format!(
                "，其中{}报告了次数，合计",
                short_names(&counted_units)
            ));
            p.sum(cites, &cids, v, q, &unit);
        }
    }
    p.cites(&ids);
    true
}

/// The district government's own leader-duty passages, in its own words;
/// its counts are derived from their numbers, other digits quoted.
fn own_part(a: &AgencyPassages, facts: &[DutyFact], cites: &mut Cites) -> Option<Block> {
    let mut p = Para::default();
    p.text(format!(
        "{}主要负责同志履职情况：",
        short_name(&a.agency.name)
    ));
    let mut any = false;
    for passage in &a.passages {
        let mut counts: Vec<&MappedQuantity> = facts
            .iter()
            .filter_map(|f| f.count.as_ref())
            .filter(|q| q.start >= passage.start && q.end <= passage.end)
            .collect();
        counts.sort_by_key(|q| q.start);
        counts.dedup_by_key(|q| q.start);
        let chars: Vec<char> = passage.text.chars().collect();
        let whole = cites.passage(&a.agency, &a.submission_id, passage);
        let mut pieces = Para::default();
        let mut at = 0;
        let mut clean = true;
        for q in &counts {
            let a1 = (q.end - passage.start).min(chars.len());
            let a0 = (q.start - passage.start).min(a1);
            let before: String = chars[at.min(a0)..a0].iter().collect();
            pieces.quoted(&before, whole);
            let shown: String = chars[a0..a1].iter().collect();
            clean &= shown == q.text;
            let id = cites.source(&source_of(&a.agency, &a.submission_id, q));
            pieces
                .sum(cites, &[id], q.value, q.qualifier, &q.unit)
                .cite(id);
            at = a1;
        }
        if !clean {
            continue;
        }
        let rest: String = chars[at.min(chars.len())..].iter().collect();
        pieces.quoted(rest.trim_end(), whole);
        p.0.extend(pieces.0);
        p.cite(whole);
        any = true;
    }
    any.then(|| p.block())
}

fn source_of(
    agency: &crate::model::AgencyRef,
    submission_id: &str,
    q: &MappedQuantity,
) -> crate::model::Source {
    crate::model::Source {
        agency: agency.clone(),
        submission_id: submission_id.to_owned(),
        text: q.text.clone(),
        start: q.start,
        end: q.end,
        value: q.value,
        unit: q.unit.clone(),
        qualifier: q.qualifier,
        number: q.number.clone(),
        role: q.role,
        sentence: q.sentence.clone(),
        sentence_start: q.sentence_start,
        sentence_end: q.sentence_end,
        clause: q.clause.clone(),
        clause_start: q.clause_start,
        clause_end: q.clause_end,
        theme: q.theme.clone(),
        part: q.part,
    }
}

pub(crate) fn part(summary: &DistrictSummary, cites: &mut Cites, out: &mut Vec<Block>) {
    let mut p = Para::default();
    p.text("全区各单位党政主要负责人认真履行推进法治建设第一责任人职责。");
    let mut told = 0;
    for kind in ["special_study", "shufa", "study"] {
        let mut k = Para::default();
        if kind_sentence(summary, kind, cites, &mut k) {
            if told > 0 {
                p.text("；");
            }
            p.0.extend(k.0);
            told += 1;
        }
    }
    if told > 0 {
        p.text("。");
    } else {
        p.text("各单位报告中未见专题研究、述法、会前学法的具体情况。");
    }
    out.push(p.block());
    let missing: Vec<&str> = ["special_study", "shufa", "study"]
        .into_iter()
        .filter(|k| {
            !summary
                .duty_facts
                .iter()
                .any(|a| a.facts.iter().any(|f| f.kind == *k))
        })
        .collect();
    if told > 0 && !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|k| kind_name(k)).collect();
        out.push(plain(format!(
            "各单位报告中均未提及主要负责人{}的情况，需在下一年度加强。",
            names.join("、")
        )));
    }
    let gov: Vec<&str> = summary
        .duty_facts
        .iter()
        .filter(|a| a.district_government)
        .map(|a| a.agency.code.as_str())
        .collect();
    for a in summary
        .leader_duty
        .iter()
        .filter(|a| gov.contains(&a.agency.code.as_str()))
    {
        let facts: Vec<DutyFact> = summary
            .duty_facts
            .iter()
            .filter(|d| d.agency.code == a.agency.code)
            .flat_map(|d| d.facts.iter().cloned())
            .collect();
        if let Some(b) = own_part(a, &facts, cites) {
            out.push(b);
        }
    }
}
