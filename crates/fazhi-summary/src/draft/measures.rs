//! Part one: per 纲要 chapter, the district's lead sentence, representative
//! measures of the units (short names), the indicator totals as `全区共…`
//! sentences with their parts, and the numbers kept apart.

use fazhi_core::{Part, QuantityKind};

use super::prose::{Cites, Para, apart_note, as_clause, cn_num, fmt_num, heading};
use crate::catalog::{Catalog, Themes, UNCLASSIFIED};
use crate::model::{Block, DistrictSummary, IndicatorTotal, Passage, Source, ThemeSummary};
use crate::names::short_name;

/// Representative measures shown per chapter (one per unit, best first).
const REPRESENTATIVE: usize = 6;

fn phrase(catalog: &Catalog, t: &IndicatorTotal) -> String {
    t.code
        .as_deref()
        .and_then(|c| catalog.get(c))
        .and_then(|d| d.phrase.clone())
        .unwrap_or_else(|| t.name.clone())
}

/// Sources grouped by unit, in first-appearance order.
fn by_unit(sources: &[Source]) -> Vec<Vec<&Source>> {
    let mut out: Vec<Vec<&Source>> = Vec::new();
    for s in sources {
        match out.iter_mut().find(|g| g[0].agency == s.agency) {
            Some(g) => g.push(s),
            None => out.push(vec![s]),
        }
    }
    out
}

/// `区政府70余场、250余场，西营门街道20余场`: each unit's own numbers.
fn unit_parts(p: &mut Para, cites: &mut Cites, sources: &[Source]) {
    for (i, group) in by_unit(sources).iter().enumerate() {
        if i > 0 {
            p.text("，");
        }
        p.text(short_name(&group[0].agency.name));
        // Words only when every number of the unit has its own.
        let worded = group.len() > 1
            && group.iter().all(|s| {
                let (b, a) = own_words(s);
                b.is_some() || a.is_some()
            });
        for (j, s) in group.iter().enumerate() {
            if j > 0 {
                p.text("、");
            }
            let id = cites.source(s);
            // Several numbers of one unit: each with its own words when short
            // (`律师讲座34场`, or after it: `2次法治专题讲座`).
            let (before, after) = if worded { own_words(s) } else { (None, None) };
            if let Some(w) = &before {
                p.quoted(w, id);
            }
            p.sum(cites, &[id], s.value, s.qualifier, &s.unit);
            if let Some(w) = after.filter(|_| before.is_none()) {
                p.quoted(&w, id);
            }
        }
    }
}

/// The words before a number in its clause (`律师讲座`) and after it
/// (`法治专题讲座`), each when short; the unit's self-reference dropped.
fn own_words(s: &Source) -> (Option<String>, Option<String>) {
    let chars: Vec<char> = s.clause.chars().collect();
    let a = s.start.saturating_sub(s.clause_start).min(chars.len());
    let b = s.end.saturating_sub(s.clause_start).min(chars.len()).max(a);
    let mut before = chars[..a].iter().collect::<String>().trim().to_owned();
    for own in ["我街", "我局", "我镇", "我区", "我中心", "我委", "我办"] {
        if let Some(rest) = before.strip_prefix(own) {
            before = rest.to_owned();
        }
    }
    let after = chars[b..].iter().collect::<String>().trim().to_owned();
    let short = |w: String| {
        let n = w.chars().count();
        (2..=12).contains(&n).then_some(w)
    };
    (short(before), short(after))
}

/// A count total: `全区共{phrase}{total}，其中…。` (or one unit's own number).
fn count_sentence(catalog: &Catalog, t: &IndicatorTotal, cites: &mut Cites) -> Para {
    let mut p = Para::default();
    let (Some(v), Some(q)) = (t.value, t.qualifier) else {
        return p;
    };
    let ph = phrase(catalog, t);
    if let [one] = t.sources.as_slice() {
        let id = cites.source(one);
        p.text(format!("{}{ph}", short_name(&one.agency.name)));
        p.sum(cites, &[id], one.value, one.qualifier, &one.unit)
            .cite(id)
            .text("。");
        return p;
    }
    let ids: Vec<usize> = t.sources.iter().map(|s| cites.source(s)).collect();
    if t.agencies_count == 1 {
        // One unit, several numbers: `旧宫镇共组织…45场，其中律师讲座34场、法治培训11场`.
        p.text(format!("{}共{ph}", short_name(&t.sources[0].agency.name)));
        p.sum(cites, &ids, v, q, &t.unit).text("，其中");
        let mut tail = Para::default();
        unit_parts(&mut tail, cites, &t.sources);
        // Drop the unit's name the parts would repeat.
        if let Some(crate::model::Inline::Text { text }) = tail.0.first_mut() {
            let name = short_name(&t.sources[0].agency.name);
            if let Some(rest) = text.strip_prefix(name.as_str()) {
                *text = rest.to_owned();
            }
        }
        p.0.extend(
            tail.0
                .into_iter()
                .filter(|i| !matches!(i, crate::model::Inline::Text { text } if text.is_empty())),
        );
        p.cites(&ids).text("。");
        return p;
    }
    p.text(format!("全区共{ph}"));
    p.sum(cites, &ids, v, q, &t.unit).text("，其中");
    unit_parts(&mut p, cites, &t.sources);
    p.cites(&ids).text("。");
    p
}

/// A rate: recomputed from its parts, or the range of the stated rates.
fn rate_sentence(t: &IndicatorTotal, cites: &mut Cites) -> Para {
    let mut p = Para::default();
    if let (Some(parts), Some(v)) = (&t.rate_parts, t.value) {
        let num_ids: Vec<usize> = parts
            .numerator_sources
            .iter()
            .map(|s| cites.source(s))
            .collect();
        let den_ids: Vec<usize> = parts
            .denominator_sources
            .iter()
            .map(|s| cites.source(s))
            .collect();
        let cited: Vec<usize> = num_ids.iter().chain(&den_ids).copied().collect();
        p.text(format!(
            "按{}报告的{}",
            super::prose::short_names(&parts.agencies),
            parts.numerator_name
        ));
        p.sum(
            cites,
            &num_ids,
            parts.numerator_value,
            parts.numerator_qualifier,
            &parts.unit,
        );
        p.text(format!("、{}", parts.denominator_name));
        p.sum(
            cites,
            &den_ids,
            parts.denominator_value,
            parts.denominator_qualifier,
            &parts.unit,
        );
        p.text(format!("计算，{}为", t.name));
        p.num(
            format!("{}%", fmt_num(v)),
            crate::model::Derivation {
                op: crate::model::Op::Rate,
                cites: num_ids.clone(),
                denominator: den_ids.clone(),
                value: v,
                qualifier: t.qualifier,
                unit: "%".to_owned(),
                fact: None,
            },
        );
        p.cites(&cited).text("。");
        return p;
    }
    match t.sources.as_slice() {
        [] => {}
        [one] => {
            let id = cites.source(one);
            p.text(format!("{}{}", short_name(&one.agency.name), t.name));
            p.sum(cites, &[id], one.value, one.qualifier, &one.unit)
                .cite(id)
                .text("。");
        }
        many => {
            p.text(format!("各单位报告的{}分别为：", t.name));
            unit_parts(&mut p, cites, many);
            let ids: Vec<usize> = many.iter().map(|s| cites.source(s)).collect();
            p.cites(&ids).text("。");
        }
    }
    p
}

/// A number kept out of a total, told in its own words: `园林绿化局年均处理
/// 群众信访事项300余件（为年均数，未计入当年合计）`; other digits of its
/// clause (`自2018年以来`) are quoted from the same source. `false` when the
/// clause cannot be located in the source.
fn apart_sentence(s: &Source, cites: &mut Cites, p: &mut Para) -> bool {
    let clause: Vec<char> = s.clause.chars().collect();
    let (a, b) = (
        s.start.saturating_sub(s.clause_start).min(clause.len()),
        s.end.saturating_sub(s.clause_start).min(clause.len()),
    );
    if s.clause.is_empty() || s.start < s.clause_start || a >= b {
        return false;
    }
    let before: String = clause[..a].iter().collect();
    let after: String = clause[b..].iter().collect();
    let mut before = before
        .trim_start_matches(['其', '中', '包', '括', '（', '(', '含'])
        .to_owned();
    // The unit speaks of itself as 我街/我局…: the draft names it instead.
    for own in [
        "我街",
        "我局",
        "我镇",
        "我区",
        "我中心",
        "我委",
        "我办",
        "我单位",
    ] {
        if let Some(rest) = before.strip_prefix(own) {
            before = rest.to_owned();
        }
    }
    // A connective that tied the clause to the one before reads wrong once
    // the clause stands alone (`是…`, `并…`).
    for connective in ["并且", "同时", "是", "并", "还"] {
        if let Some(rest) = before.strip_prefix(connective) {
            before = rest.to_owned();
            break;
        }
    }
    let after = after.trim_end_matches(['）', ')']).to_owned();
    // A quantity's text may hold words before its number (`邻里纠纷24起`).
    if let Some(at) = s.text.find(s.number.as_str()) {
        before.push_str(&s.text[..at]);
    }
    let id = cites.source(s);
    p.text(short_name(&s.agency.name));
    p.quoted(&before, id);
    p.sum(cites, &[id], s.value, s.qualifier, &s.unit);
    p.quoted(&after, id);
    let note = apart_note(s.role);
    if !note.is_empty() {
        p.text(format!("（{note}）"));
    }
    p.cite(id);
    true
}

fn apart_paragraph(label: &str, sources: &[&Source], cites: &mut Cites) -> Option<Para> {
    let mut p = Para::default();
    p.text(label);
    let mut any = false;
    for s in sources {
        let mut one = Para::default();
        if apart_sentence(s, cites, &mut one) {
            if any {
                p.text("；");
            }
            p.0.extend(one.0);
            any = true;
        }
    }
    any.then(|| {
        p.text("。");
        p
    })
}

/// The representative measures of a chapter: one per unit, in unit order.
fn measures_paragraph(theme: &ThemeSummary, cites: &mut Cites) -> Option<Para> {
    let mut p = Para::default();
    let mut shown = 0;
    let mut units: Vec<&str> = Vec::new();
    for item in theme
        .items
        .iter()
        .filter(|i| i.part == Part::Measures && i.primary)
    {
        if units.contains(&item.agency.code.as_str()) || shown >= REPRESENTATIVE {
            continue;
        }
        let Some(label) = as_clause(&item.label) else {
            continue;
        };
        units.push(&item.agency.code);
        if shown > 0 {
            p.text("；");
        }
        let id = cites.passage(
            &item.agency,
            &item.submission_id,
            &Passage {
                text: item.text.clone(),
                start: item.start,
                end: item.end,
            },
        );
        p.text(format!("{}{}", short_name(&item.agency.name), label))
            .cite(id);
        shown += 1;
    }
    (shown > 0).then(|| {
        p.text("。");
        p
    })
}

/// Part one's blocks.
pub(crate) fn part(
    summary: &DistrictSummary,
    catalog: &Catalog,
    themes: &Themes,
    cites: &mut Cites,
    out: &mut Vec<Block>,
) {
    let mut n = 0;
    for theme in &summary.themes {
        let indicators: Vec<&IndicatorTotal> = summary
            .indicators
            .iter()
            .filter(|t| t.theme.as_deref() == Some(theme.code.as_str()))
            .collect();
        let others: Vec<&Source> = summary
            .other_quantities
            .iter()
            .flat_map(|t| t.sources.iter().chain(t.apart.iter()))
            .filter(|s| {
                s.part == Some(Part::Measures)
                    && s.theme.as_deref().unwrap_or(UNCLASSIFIED) == theme.code
                    // A part of something the catalog does not count says
                    // nothing alone; it stays in the annex.
                    && s.role != crate::model::Role::Breakdown
            })
            .collect();
        let has_measures = theme
            .items
            .iter()
            .any(|i| i.part == Part::Measures && i.primary);
        if !has_measures && indicators.is_empty() && others.is_empty() {
            continue;
        }
        n += 1;
        out.push(heading(2, format!("（{}）{}", cn_num(n), theme.name)));
        let lead = themes
            .themes
            .iter()
            .find(|t| t.code == theme.code)
            .and_then(|t| t.lead.clone());
        let mut first = Para::default();
        if let Some(lead) = lead {
            first.text(format!("{lead}。"));
        }
        if let Some(m) = measures_paragraph(theme, cites) {
            first.0.extend(m.0);
        }
        if !first.is_empty() {
            out.push(first.block());
        }
        let mut numbers = Para::default();
        let mut done: Vec<usize> = Vec::new();
        for (k, t) in indicators.iter().enumerate() {
            if done.contains(&k) {
                continue;
            }
            // One unit's figures of one indicator in several units of
            // measure make one sentence (`107批次、537人次、247件`).
            let same: Vec<usize> = (k..indicators.len())
                .filter(|&j| {
                    indicators[j].code == t.code
                        && indicators[j].kind == QuantityKind::Count
                        && indicators[j].sources.len() == 1
                        && t.sources.first().map(|s| &s.agency)
                            == Some(&indicators[j].sources[0].agency)
                })
                .collect();
            if t.kind == QuantityKind::Count && t.sources.len() == 1 && same.len() > 1 {
                let one = &t.sources[0];
                numbers.text(format!(
                    "{}{}",
                    short_name(&one.agency.name),
                    phrase(catalog, t)
                ));
                let mut ids = Vec::new();
                for (n, &j) in same.iter().enumerate() {
                    let s = &indicators[j].sources[0];
                    let id = cites.source(s);
                    if n > 0 {
                        numbers.text("、");
                    }
                    numbers.sum(cites, &[id], s.value, s.qualifier, &s.unit);
                    ids.push(id);
                }
                numbers.cites(&ids).text("。");
                done.extend(same);
                continue;
            }
            let p = match t.kind {
                QuantityKind::Count => count_sentence(catalog, t, cites),
                _ => rate_sentence(t, cites),
            };
            numbers.0.extend(p.0);
        }
        let apart: Vec<&Source> = indicators.iter().flat_map(|t| t.apart.iter()).collect();
        if let Some(p) = apart_paragraph("另，", &apart, cites) {
            numbers.0.extend(p.0);
        }
        if let Some(p) = apart_paragraph("此外，", &others, cites) {
            numbers.0.extend(p.0);
        }
        if !numbers.is_empty() {
            out.push(numbers.block());
        }
    }
    if n == 0 {
        out.push(super::prose::plain("各单位报告中未识别出主要举措和成效。"));
    }
}
