//! fazhi-summary: from a district's parsed reports to its consolidated picture.
//!
//! Pure: no async, no I/O, no panics on any input. Input is the roster and the
//! latest parsed report of each agency that submitted; output is a
//! [`DistrictSummary`] that serializes to the JSON `fazhi summary --json`
//! prints and is stored by the worker (schema: `docs/summary-schema.md`).
//!
//! Incremental use: [`contribution`] extracts what one report brings (and is
//! the only step that reads its text); [`assemble`] builds the summary from
//! stored contributions. [`consolidate`] is both in one call. Replacing a
//! report is replacing its contribution; withdrawing it is removing it.

pub mod catalog;
mod citation_index;
mod contribution;
pub mod docx;
pub mod draft;
pub mod duty;
pub mod grouping;
pub mod model;
pub mod names;
pub mod reading;
mod span;
pub mod themes;
pub mod totals;
pub mod verify;

pub use contribution::{contribution, number_text, strip_marker};
pub use docx::render_docx;
pub use model::*;

use fazhi_core::Part;

use crate::grouping::GroupInput;
use crate::themes::AgencyItems;
use crate::totals::Entry;

/// Consolidate one district's reports for one reporting year.
///
/// `roster` lists every agency expected to report; `reports` holds at most one
/// (the latest) report per agency; should an agency appear twice, the later
/// one in the slice wins. Reports from agencies missing from the roster are
/// still counted (the roster may lag behind), after the roster's agencies.
pub fn consolidate(
    district: &str,
    year: i32,
    roster: &[Agency],
    reports: &[ReportInput<'_>],
) -> DistrictSummary {
    let contributions: Vec<ReportContribution> = reports.iter().map(contribution).collect();
    assemble(district, year, roster, &contributions)
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| totals::round1(part as f64 * 100.0 / whole as f64))
}

/// Build the district summary from per-report contributions (no report text
/// needed). Same rules as [`consolidate`]: later contributions of one agency
/// replace earlier ones; agencies off the roster come after it.
pub fn assemble(
    district: &str,
    year: i32,
    roster: &[Agency],
    contributions: &[ReportContribution],
) -> DistrictSummary {
    let catalog = catalog::catalog();
    let themes = catalog::themes();

    // The latest contribution per agency.
    let mut latest: Vec<&ReportContribution> = Vec::new();
    for c in contributions {
        match latest.iter().position(|l| l.agency.code == c.agency.code) {
            Some(i) => latest[i] = c,
            None => latest.push(c),
        }
    }
    // Roster order first, then agencies off the roster in input order; the
    // roster's name and kind win over the submission's.
    let mut ordered: Vec<(Agency, &ReportContribution)> = Vec::new();
    let mut coverage: Vec<CoverageEntry> = Vec::new();
    for agency in roster {
        if coverage.iter().any(|c| c.agency.code == agency.code) {
            continue;
        }
        match latest.iter().find(|c| c.agency.code == agency.code) {
            Some(c) => {
                coverage.push(CoverageEntry {
                    agency: agency.clone(),
                    ..c.coverage.clone()
                });
                ordered.push((agency.clone(), c));
            }
            None => coverage.push(CoverageEntry::new(agency, None)),
        }
    }
    let mut outside_roster = 0;
    for c in &latest {
        if !roster.iter().any(|a| a.code == c.agency.code) {
            outside_roster += 1;
            coverage.push(CoverageEntry {
                agency: c.agency.clone(),
                ..c.coverage.clone()
            });
            ordered.push((c.agency.clone(), c));
        }
    }
    let refs: Vec<AgencyRef> = ordered.iter().map(|(a, _)| AgencyRef::from(a)).collect();

    let expected = coverage.len() - outside_roster;
    let actual = ordered.len() - outside_roster;
    let on_time = ordered
        .iter()
        .filter(|(a, c)| c.on_time && roster.iter().any(|r| r.code == a.code))
        .count();
    let reporting = ReportingRates {
        expected,
        actual,
        rate: percent(actual, expected),
        on_time,
        rate_on_time: percent(on_time, expected),
        outside_roster,
    };

    let entries: Vec<Entry<'_>> = ordered
        .iter()
        .zip(&refs)
        .flat_map(|((_, c), agency)| {
            c.quantities.iter().map(move |q| Entry {
                agency,
                submission_id: &c.submission_id,
                q,
            })
        })
        .collect();
    let agency_items: Vec<AgencyItems<'_>> = ordered
        .iter()
        .zip(&refs)
        .map(|((_, c), agency)| AgencyItems {
            agency,
            submission_id: &c.submission_id,
            items: &c.items,
        })
        .collect();
    let group_inputs = |part: Part| -> Vec<GroupInput<'_>> {
        ordered
            .iter()
            .zip(&refs)
            .flat_map(|((_, c), agency)| {
                c.items
                    .iter()
                    .filter(move |i| i.part == part)
                    .map(move |item| GroupInput {
                        agency,
                        submission_id: &c.submission_id,
                        item,
                    })
            })
            .collect()
    };
    let passages = |pick: fn(&ReportContribution) -> &Vec<Passage>| -> Vec<AgencyPassages> {
        ordered
            .iter()
            .zip(&refs)
            .filter(|((_, c), _)| !pick(c).is_empty())
            .map(|((_, c), agency)| AgencyPassages {
                agency: agency.clone(),
                submission_id: c.submission_id.clone(),
                passages: pick(c).clone(),
            })
            .collect()
    };

    let mut summary = DistrictSummary {
        district: district.to_owned(),
        year,
        expected,
        submitted: coverage.iter().filter(|c| c.submitted).count(),
        coverage,
        draft_markdown: String::new(),
        reporting,
        indicators: totals::indicator_totals(catalog, &entries),
        other_quantities: totals::other_totals(&entries),
        themes: themes::theme_summaries(themes, &agency_items),
        theme_matrix: themes::matrix(themes, &agency_items),
        shortcomings: grouping::group_items(
            themes,
            &group_inputs(Part::Shortcomings),
            grouping::Kind::Shortcomings,
        ),
        plans: grouping::group_items(themes, &group_inputs(Part::NextYear), grouping::Kind::Plans),
        leader_duty: passages(|c| &c.leader_duty),
        other_matters: passages(|c| &c.other),
        citations: Vec::new(),
        draft: Vec::new(),
        data_version: catalog::data_version(),
        notes: Vec::new(),
        duty_facts: ordered
            .iter()
            .zip(&refs)
            .map(|((_, c), agency)| AgencyDutyFacts {
                agency: agency.clone(),
                submission_id: c.submission_id.clone(),
                district_government: c.district_government,
                facts: c.duty_facts.clone(),
            })
            .collect(),
        verification: Verification::default(),
    };
    let (draft, citations) = draft::build(&summary, catalog, themes);
    summary.draft_markdown = draft::render_markdown(&draft, &citations);
    summary.notes = draft::notes(&draft, &citations);
    summary.draft = draft;
    summary.citations = citations;
    summary.verification = verify::verify(&summary);
    summary
}
