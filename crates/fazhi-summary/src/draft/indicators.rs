//! Part one's indicator sentences: a count total as `全区共…`, with each
//! unit's own numbers in its own words, and a rate recomputed from its
//! parts (or the range of the stated rates).

use super::prose::{Cites, Para, fmt_num};
use crate::catalog::Catalog;
use crate::model::{IndicatorTotal, Source};
use crate::names::short_name;

pub(crate) fn phrase(catalog: &Catalog, t: &IndicatorTotal) -> String {
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
pub(crate) fn count_sentence(catalog: &Catalog, t: &IndicatorTotal, cites: &mut Cites) -> Para {
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
pub(crate) fn rate_sentence(t: &IndicatorTotal, cites: &mut Cites) -> Para {
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
