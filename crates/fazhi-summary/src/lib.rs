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
//! [`DistrictAggregate`] does the same one report at a time (cost per change
//! independent of the district) and renders a summary equal to [`assemble`]
//! over its contributions; `assemble` stays the full rebuild for repair.

mod aggregate;
pub mod catalog;
mod charset;
mod citation_index;
mod contribution;
pub mod docx;
pub mod draft;
pub mod duty;
pub mod grouping;
pub mod model;
pub mod names;
pub mod notice;
pub mod reading;
mod span;
pub mod themes;
pub mod totals;
pub mod verify;

pub use aggregate::{Change, DistrictAggregate, Filed};
pub use contribution::contribution;
pub use docx::render_docx;
pub use model::*;

use std::collections::{HashMap, HashSet};

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
///
/// The full rebuild, kept for repair and as the reference that
/// [`DistrictAggregate`] (one report in or out at a time) equals.
pub fn assemble(
    district: &str,
    year: i32,
    roster: &[Agency],
    contributions: &[ReportContribution],
) -> DistrictSummary {
    // The latest contribution per agency, at the place of its first one.
    let mut latest: Vec<&ReportContribution> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for c in contributions {
        match slot.get(c.agency.code.as_str()) {
            Some(&i) => latest[i] = c,
            None => {
                slot.insert(&c.agency.code, latest.len());
                latest.push(c);
            }
        }
    }
    let by_code: HashMap<&str, &ReportContribution> = latest
        .iter()
        .map(|c| (c.agency.code.as_str(), *c))
        .collect();
    let on_roster: HashSet<&str> = roster.iter().map(|a| a.code.as_str()).collect();
    let outside: Vec<&ReportContribution> = latest
        .iter()
        .copied()
        .filter(|c| !on_roster.contains(c.agency.code.as_str()))
        .collect();
    let ordered = order(roster, |code| by_code.get(code).copied(), outside);
    render(district, year, ordered, None, None, |part, _, inputs| {
        grouping::group_items(catalog::themes(), inputs, grouping::kind_of(part))
    })
}

/// The reports in summary order (roster order, the roster's name and kind
/// winning over the submission's; then `outside`, agencies off the roster),
/// and the coverage table with a row per roster agency.
pub(crate) struct Ordered<'a> {
    pub reports: Vec<(Agency, &'a ReportContribution)>,
    pub coverage: Vec<CoverageEntry>,
    pub outside_roster: usize,
}

pub(crate) fn order<'a>(
    roster: &[Agency],
    find: impl Fn(&str) -> Option<&'a ReportContribution>,
    outside: Vec<&'a ReportContribution>,
) -> Ordered<'a> {
    let mut reports: Vec<(Agency, &ReportContribution)> = Vec::new();
    let mut coverage: Vec<CoverageEntry> = Vec::new();
    let mut listed: HashSet<&str> = HashSet::new();
    for agency in roster {
        if !listed.insert(&agency.code) {
            continue;
        }
        match find(&agency.code) {
            Some(c) => {
                coverage.push(CoverageEntry {
                    agency: agency.clone(),
                    ..c.coverage.clone()
                });
                reports.push((agency.clone(), c));
            }
            None => coverage.push(CoverageEntry::new(agency, None)),
        }
    }
    let outside_roster = outside.len();
    for c in outside {
        coverage.push(CoverageEntry {
            agency: c.agency.clone(),
            ..c.coverage.clone()
        });
        reports.push((c.agency.clone(), c));
    }
    Ordered {
        reports,
        coverage,
        outside_roster,
    }
}

/// Everything after ordering; `group` forms the shortcomings and plans
/// groups from the items of one part (given with the reports, in order).
pub(crate) fn render(
    district: &str,
    year: i32,
    ordered: Ordered<'_>,
    season: Option<SeasonFigures>,
    plan_delivery: Option<PlanDelivery>,
    group: impl Fn(Part, &[&ReportContribution], &[GroupInput<'_>]) -> Vec<ItemGroup>,
) -> DistrictSummary {
    let catalog = catalog::catalog();
    let themes = catalog::themes();
    let Ordered {
        reports: ordered,
        coverage,
        outside_roster,
    } = ordered;
    let refs: Vec<AgencyRef> = ordered.iter().map(|(a, _)| AgencyRef::from(a)).collect();
    let in_order: Vec<&ReportContribution> = ordered.iter().map(|(_, c)| *c).collect();

    let expected = coverage.len() - outside_roster;
    let actual = ordered.len() - outside_roster;
    // Roster reports come first, off-roster ones last.
    let on_time = ordered[..actual].iter().filter(|(_, c)| c.on_time).count();
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
        shortcomings: group(
            Part::Shortcomings,
            &in_order,
            &group_inputs(Part::Shortcomings),
        ),
        plans: group(Part::NextYear, &in_order, &group_inputs(Part::NextYear)),
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
        season,
        plan_delivery,
    };
    let (draft, citations) = draft::build(&summary, catalog, themes);
    summary.draft_markdown = draft::render_markdown(&draft, &citations);
    summary.notes = draft::notes(&draft, &citations);
    summary.draft = draft;
    summary.citations = citations;
    summary.verification = verify::verify(&summary);
    summary
}
