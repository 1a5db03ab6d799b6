//! Recurring shortcomings (问题池): every shortcoming of every unit tracked
//! across years; one reported again in a later year is `recurring`, with the
//! citation of each year it was reported.
//!
//! Two shortcomings of one unit are the same when they say the same concept
//! of `catalog/synonyms.toml`, or share a 纲要 chapter and their distinctive
//! wording overlaps by at least [`SAME`] (Jaccard). Each tracked shortcoming
//! has a stable `key` made from its first occurrence (unit, year, normalized
//! label), which the office's 整改 records can refer to: re-running the
//! analysis with more years never changes the key of an existing entry.

use fazhi_core::Part;
use fazhi_summary::grouping::{concept_of, jaccard};
use fazhi_summary::model::{AgencyRef, ReportContribution};
use serde::{Deserialize, Serialize};

use crate::cite::{ItemRef, share_theme};
use crate::text::{hash_chars, normalize};
use crate::words::{Words, common_words, distinctive, item_words};

pub const SAME: f64 = 0.3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedShortcoming {
    /// `<agency code>:<first year>:<16 hex digits>`; stable (see module docs).
    pub key: String,
    pub agency: AgencyRef,
    pub concept: Option<String>,
    pub theme: String,
    /// The wording of the first occurrence.
    pub label: String,
    /// One per year reported, oldest first.
    pub occurrences: Vec<ItemRef>,
    /// Reported in more than one year.
    pub recurring: bool,
}

/// The stable key of a shortcoming first reported by `agency_code` in `year`.
pub fn shortcoming_key(agency_code: &str, year: i32, label: &str) -> String {
    format!(
        "{agency_code}:{year}:{:016x}",
        hash_chars(&normalize(label))
    )
}

/// Track the shortcomings of several years (`seasons` in any order; each a
/// year and its units' contributions).
pub fn track(seasons: &[(i32, &[ReportContribution])]) -> Vec<TrackedShortcoming> {
    let mut order: Vec<&(i32, &[ReportContribution])> = seasons.iter().collect();
    order.sort_by_key(|(y, _)| *y);
    let all: Vec<Words> = order
        .iter()
        .flat_map(|(_, cs)| cs.iter().flat_map(|c| c.items.iter().map(item_words)))
        .collect();
    let common = common_words(&all);

    struct Open<'a> {
        tracked: TrackedShortcoming,
        last: &'a fazhi_summary::model::ClassifiedItem,
        words: Words,
        concept: Option<&'static str>,
        year: i32,
    }
    let mut open: Vec<Open<'_>> = Vec::new();
    for (year, cs) in order {
        for c in cs.iter() {
            for item in c.items.iter().filter(|i| i.part == Part::Shortcomings) {
                let w = distinctive(&item_words(item), &common);
                let concept = concept_of(&item.label);
                let cite = ItemRef::new(c, *year, item);
                // The same unit's earlier shortcoming (an earlier year only:
                // two items of one report are two shortcomings).
                let same = open.iter_mut().filter(|o| {
                    o.tracked.agency.code == c.agency.code
                        && o.year < *year
                        && ((concept.is_some() && o.concept == concept)
                            || (share_theme(o.last, item) && jaccard(&o.words, &w) >= SAME))
                });
                let best = same.max_by(|a, b| {
                    jaccard(&a.words, &w)
                        .partial_cmp(&jaccard(&b.words, &w))
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
                match best {
                    Some(o) => {
                        o.tracked.occurrences.push(cite);
                        o.tracked.recurring = true;
                        o.last = item;
                        o.words = w;
                        o.year = *year;
                    }
                    None => open.push(Open {
                        tracked: TrackedShortcoming {
                            key: shortcoming_key(&c.agency.code, *year, &item.label),
                            agency: AgencyRef::from(&c.agency),
                            concept: concept.map(str::to_owned),
                            theme: cite.theme.clone(),
                            label: item.label.clone(),
                            occurrences: vec![cite],
                            recurring: false,
                        },
                        last: item,
                        words: w,
                        concept,
                        year: *year,
                    }),
                }
            }
        }
    }
    open.into_iter().map(|o| o.tracked).collect()
}
