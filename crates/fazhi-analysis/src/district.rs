//! Everything the product stores for one district and year, computed in one
//! pass from what the store already holds: the two years' summaries, the
//! stored parses and contributions of the reports that count, and earlier
//! years' contributions (for the 问题池). Pure: the store loads, this computes.

use std::collections::BTreeMap;

use fazhi_core::ParsedReport;
use fazhi_summary::model::{AgencyRef, DistrictSummary, ReportContribution};
use serde::{Deserialize, Serialize};

use crate::copying::{CopyAnalysis, CopyConfig, CopyInput, detect};
use crate::plans::{PlanReview, review};
use crate::quality::{QualityInput, QualityScore, config, score};
use crate::ranking::{Ranking, rank};
use crate::recurring::{TrackedShortcoming, track};
use crate::rollup::Aggregate;
use crate::yoy::{IndicatorChange, district_changes, unit_changes};

/// A report that counts in its year's summary, as stored.
#[derive(Debug, Clone)]
pub struct StoredReport {
    pub year: i32,
    pub text: String,
    pub parsed: ParsedReport,
    pub contribution: ReportContribution,
}

#[derive(Debug, Clone)]
pub struct DistrictInput<'a> {
    pub current: &'a DistrictSummary,
    pub previous: Option<&'a DistrictSummary>,
    /// The counting reports of this year and last year.
    pub reports: &'a [StoredReport],
    /// Contributions of the years before last year, for the 问题池.
    pub earlier: &'a [(i32, Vec<ReportContribution>)],
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct YearOverYear {
    pub year: i32,
    pub previous_year: i32,
    /// Empty when there is no summary of last year.
    pub district: Vec<IndicatorChange>,
    /// Per agency code, the unit's own figures.
    pub units: BTreeMap<String, Vec<IndicatorChange>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QualityResult {
    pub scores: Vec<QualityScore>,
    pub ranking: Ranking,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictAnalysis {
    pub yoy: YearOverYear,
    pub plans: PlanReview,
    pub recurring: Vec<TrackedShortcoming>,
    pub copying: CopyAnalysis,
    pub quality: QualityResult,
    pub rollup: Aggregate,
    /// The draft's plans and recurring-shortcomings sections, Markdown.
    pub draft: String,
}

pub fn analyse(input: &DistrictInput<'_>) -> DistrictAnalysis {
    let year = input.current.year;
    let previous_year = year - 1;
    let of_year = |y: i32| -> Vec<ReportContribution> {
        input
            .reports
            .iter()
            .filter(|r| r.year == y)
            .map(|r| r.contribution.clone())
            .collect()
    };
    let (cur, prev) = (of_year(year), of_year(previous_year));

    let mut yoy = YearOverYear {
        year,
        previous_year,
        ..YearOverYear::default()
    };
    if let Some(p) = input.previous {
        yoy.district = district_changes(p, input.current);
        let mut codes: Vec<&str> = input
            .current
            .coverage
            .iter()
            .chain(&p.coverage)
            .map(|c| c.agency.code.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        for code in codes {
            let changes = unit_changes(p, input.current, code);
            if !changes.is_empty() {
                yoy.units.insert(code.to_owned(), changes);
            }
        }
    }

    let plans = review(previous_year, &prev, year, &cur);

    let mut seasons: Vec<(i32, &[ReportContribution])> = input
        .earlier
        .iter()
        .filter(|(y, _)| *y < previous_year)
        .map(|(y, cs)| (*y, cs.as_slice()))
        .collect();
    seasons.push((previous_year, &prev));
    seasons.push((year, &cur));
    let recurring = track(&seasons);

    let copy_inputs: Vec<CopyInput<'_>> = input
        .reports
        .iter()
        .map(|r| CopyInput {
            agency: AgencyRef::from(&r.contribution.agency),
            submission_id: r.contribution.submission_id.clone(),
            year: r.year,
            text: &r.text,
            parsed: &r.parsed,
        })
        .collect();
    let copying = detect(year, &copy_inputs, &CopyConfig::default());

    let scores: Vec<QualityScore> = input
        .reports
        .iter()
        .filter(|r| r.year == year)
        .map(|r| {
            let copied = copying
                .reports
                .iter()
                .find(|c| c.submission_id == r.contribution.submission_id)
                .map(|c| c.copied_share);
            score(
                &QualityInput {
                    parsed: &r.parsed,
                    contribution: &r.contribution,
                    published: None,
                    copied_share: copied,
                },
                config(),
            )
        })
        .collect();
    let ranking = rank(&scores);
    let rollup = Aggregate::from_district(input.current, &scores, &recurring);

    let mut blocks = crate::draft::plan_blocks(&plans);
    blocks.extend(crate::draft::recurring_blocks(&recurring));
    let draft = fazhi_summary::draft::render_markdown(&blocks, &[]);

    DistrictAnalysis {
        yoy,
        plans,
        recurring,
        copying,
        quality: QualityResult { scores, ranking },
        rollup,
        draft,
    }
}
