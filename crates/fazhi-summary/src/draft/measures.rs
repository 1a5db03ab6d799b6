//! Part one: per 纲要 chapter, the district's lead sentence, representative
//! measures of the units (short names), then the chapter's indicator
//! sentences ([`super::indicators`]) and the numbers kept apart
//! ([`super::apart`]).

use fazhi_core::{Part, QuantityKind};

use super::apart::apart_paragraph;
use super::indicators::{count_sentence, phrase, rate_sentence};
use super::prose::{Cites, Para, as_clause, cn_num, heading};
use crate::catalog::{Catalog, Themes, UNCLASSIFIED};
use crate::model::{Block, DistrictSummary, IndicatorTotal, Passage, Source, ThemeSummary};
use crate::names::short_name;

/// Representative measures shown per chapter (one per unit, best first).
const REPRESENTATIVE: usize = 6;

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
