//! Plans against delivery: each item of a unit's `next_year` part of last
//! year, looked for among its `measures` items of this year.
//!
//! By meaning, with the summary's own tools: the concept of
//! `catalog/synonyms.toml` (`grouping::concept_of`), the 纲要 chapter
//! (`themes`), and the plan's distinctive wording (bigrams the district does
//! not write everywhere) found in the measure (containment). A plan is
//! - `delivered` when a measure of a shared chapter (or one of the two
//!   unclassified) repeats at least [`DELIVERED`] of its distinctive
//!   wording, any measure repeats [`CLEAR`], or it says the same concept;
//! - `partly` when the best measure repeats at least [`PARTLY`] of it (in a
//!   shared chapter), or [`DELIVERED`] in another chapter;
//! - `not_visible` otherwise, or when the unit did not report this year.

use fazhi_core::Part;
use fazhi_summary::grouping::concept_of;
use fazhi_summary::model::{AgencyRef, ReportContribution};
use serde::{Deserialize, Serialize};

use crate::cite::{ItemRef, share_theme};
use crate::words::{Words, common_words, distinctive, item_words};

pub const DELIVERED: f64 = 0.45;
pub const PARTLY: f64 = 0.3;
/// Wording repeated this much shows the plan whatever the chapters say.
pub const CLEAR: f64 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Delivered,
    Partly,
    NotVisible,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanCheck {
    /// The plan, in last year's report.
    pub plan: ItemRef,
    pub status: Delivery,
    /// The measure of this year that shows it (best match), when any.
    pub measure: Option<ItemRef>,
    /// Share of the plan's distinctive wording the measure repeats (0–1, 0.01).
    pub similarity: f64,
    /// Concept both say, when that decided.
    pub concept: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitPlans {
    pub agency: AgencyRef,
    /// This year's report, `None` when the unit has not reported.
    pub current_submission_id: Option<String>,
    pub checks: Vec<PlanCheck>,
    pub delivered: usize,
    pub partly: usize,
    pub not_visible: usize,
    /// Delivered share of the plans in percent (0.1); `None` without plans.
    pub delivery_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanReview {
    pub previous_year: i32,
    pub year: i32,
    /// Units that had plans last year, in last year's order.
    pub units: Vec<UnitPlans>,
    pub plans: usize,
    pub delivered: usize,
    pub partly: usize,
    pub not_visible: usize,
    pub delivery_rate: Option<f64>,
}

fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| fazhi_summary::totals::round1(part as f64 * 100.0 / whole as f64))
}

/// Check last year's plans of every unit against this year's measures.
/// Later contributions of one unit replace earlier ones (as in `assemble`).
pub fn review(
    previous_year: i32,
    previous: &[ReportContribution],
    year: i32,
    current: &[ReportContribution],
) -> PlanReview {
    let prev = latest(previous);
    let cur = latest(current);
    // Common wording is learned from both years' items of the district.
    let all: Vec<Words> = prev
        .iter()
        .chain(&cur)
        .flat_map(|c| c.items.iter().map(item_words))
        .collect();
    let common = common_words(&all);

    let mut out = PlanReview {
        previous_year,
        year,
        ..PlanReview::default()
    };
    for p in prev {
        let plans: Vec<_> = p
            .items
            .iter()
            .filter(|i| i.part == Part::NextYear)
            .collect();
        if plans.is_empty() {
            continue;
        }
        let now = cur.iter().find(|c| c.agency.code == p.agency.code);
        let measures: Vec<_> = now
            .map(|c| {
                c.items
                    .iter()
                    .filter(|i| i.part == Part::Measures)
                    .collect()
            })
            .unwrap_or_default();
        let measure_words: Vec<Words> = measures
            .iter()
            .map(|m| distinctive(&item_words(m), &common))
            .collect();
        let mut unit = UnitPlans {
            agency: AgencyRef::from(&p.agency),
            current_submission_id: now.map(|c| c.submission_id.clone()),
            checks: Vec::new(),
            delivered: 0,
            partly: 0,
            not_visible: 0,
            delivery_rate: None,
        };
        for plan in plans {
            let pw = distinctive(&item_words(plan), &common);
            let pc = concept_of(&plan.label);
            // Best measure: delivered beats partly, then higher similarity.
            let mut best: Option<(Delivery, f64, usize, Option<&str>)> = None;
            for (i, m) in measures.iter().enumerate() {
                let sim = crate::text::containment(&pw, &measure_words[i]);
                let same_concept = pc.is_some() && pc == concept_of(&m.label);
                // An item no term classifies has no chapter to disagree with.
                let themed = share_theme(plan, m) || plan.themes.is_empty() || m.themes.is_empty();
                let status = if (themed && sim >= DELIVERED) || sim >= CLEAR || same_concept {
                    Delivery::Delivered
                } else if (themed && sim >= PARTLY) || sim >= DELIVERED {
                    Delivery::Partly
                } else {
                    continue;
                };
                let better = match best {
                    None => true,
                    Some((s, b, _, _)) => rank(status) > rank(s) || (status == s && sim > b),
                };
                if better {
                    best = Some((status, sim, i, if same_concept { pc } else { None }));
                }
            }
            let check = match (best, now) {
                (Some((status, sim, i, concept)), Some(c)) => PlanCheck {
                    plan: ItemRef::new(p, previous_year, plan),
                    status,
                    measure: Some(ItemRef::new(c, year, measures[i])),
                    similarity: (sim * 100.0).round() / 100.0,
                    concept: concept.map(str::to_owned),
                },
                _ => PlanCheck {
                    plan: ItemRef::new(p, previous_year, plan),
                    status: Delivery::NotVisible,
                    measure: None,
                    similarity: 0.0,
                    concept: None,
                },
            };
            match check.status {
                Delivery::Delivered => unit.delivered += 1,
                Delivery::Partly => unit.partly += 1,
                Delivery::NotVisible => unit.not_visible += 1,
            }
            unit.checks.push(check);
        }
        unit.delivery_rate = rate(unit.delivered, unit.checks.len());
        out.plans += unit.checks.len();
        out.delivered += unit.delivered;
        out.partly += unit.partly;
        out.not_visible += unit.not_visible;
        out.units.push(unit);
    }
    out.delivery_rate = rate(out.delivered, out.plans);
    out
}

/// The latest contribution of each unit, in first-seen order.
pub(crate) fn latest(cs: &[ReportContribution]) -> Vec<&ReportContribution> {
    let mut out: Vec<&ReportContribution> = Vec::new();
    for c in cs {
        match out.iter().position(|o| o.agency.code == c.agency.code) {
            Some(i) => out[i] = c,
            None => out.push(c),
        }
    }
    out
}

fn rank(d: Delivery) -> u8 {
    match d {
        Delivery::Delivered => 2,
        Delivery::Partly => 1,
        Delivery::NotVisible => 0,
    }
}
