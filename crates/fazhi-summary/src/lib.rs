//! fazhi-summary: from a district's parsed reports to its consolidated picture.
//!
//! Pure: no async, no I/O. Input is the roster and the latest parsed report of
//! each agency that submitted; output is a [`DistrictSummary`] that serializes
//! to the JSON `fazhi summary --json` prints and is stored by the worker.

pub mod model;

pub use model::*;

use fazhi_core::Part;

/// Consolidate one district's reports for one reporting year.
///
/// `roster` lists every agency expected to report; `reports` holds at most one
/// (the latest) report per agency. Reports from agencies missing from the roster
/// are still counted (the roster may lag behind).
pub fn consolidate(district: &str, year: i32, roster: &[Agency], reports: &[ReportInput<'_>]) -> DistrictSummary {
    let mut coverage: Vec<CoverageEntry> = roster
        .iter()
        .map(|agency| {
            let report = reports.iter().find(|r| r.agency.code == agency.code);
            CoverageEntry::new(agency, report)
        })
        .collect();
    for report in reports {
        if !roster.iter().any(|a| a.code == report.agency.code) {
            coverage.push(CoverageEntry::new(&report.agency, Some(report)));
        }
    }
    let mut summary = DistrictSummary {
        district: district.to_owned(),
        year,
        expected: roster.len(),
        submitted: coverage.iter().filter(|c| c.submitted).count(),
        coverage,
        draft_markdown: String::new(),
        reporting: ReportingRates::default(),
        indicators: Vec::new(),
        other_quantities: Vec::new(),
        themes: Vec::new(),
        theme_matrix: ThemeMatrix::default(),
        shortcomings: Vec::new(),
        plans: Vec::new(),
        leader_duty: Vec::new(),
        other_matters: Vec::new(),
        citations: Vec::new(),
        draft: Vec::new(),
        data_version: 0,
    };
    summary.draft_markdown = render_markdown(&summary);
    summary
}

fn render_markdown(summary: &DistrictSummary) -> String {
    let mut out = format!("# {}{}年度法治政府建设情况汇总\n\n", summary.district, summary.year);
    out.push_str(&format!(
        "应报单位{}家，已报{}家。\n\n| 单位 | 已报送 | {} |\n|---|---|{}\n",
        summary.expected,
        summary.submitted,
        Part::ALL.map(|p| p.title_zh()).join(" | "),
        "---|".repeat(Part::ALL.len())
    ));
    for c in &summary.coverage {
        let parts: Vec<&str> = Part::ALL
            .iter()
            .map(|p| if c.parts.contains(p) { "有" } else { "缺" })
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            c.agency.name,
            if c.submitted { "是" } else { "否" },
            parts.join(" | ")
        ));
    }
    out
}
