//! Inputs and the consolidated summary.

use fazhi_core::{Finding, ParsedReport, Part};
use serde::{Deserialize, Serialize};

/// An agency on the district roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub code: String,
    pub name: String,
    /// `department`, `street`, `town` or `district_government`.
    pub kind: String,
}

/// One agency's latest processed report.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    pub agency: Agency,
    pub submission_id: String,
    /// RFC 3339 time the submission was accepted.
    pub submitted_at: String,
    /// Whether it arrived before the statutory deadline (1 March of year + 1).
    pub on_time: bool,
    /// The decoded text the parse offsets refer to.
    pub text: &'a str,
    pub parsed: &'a ParsedReport,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageEntry {
    pub agency: Agency,
    pub submitted: bool,
    pub submission_id: Option<String>,
    pub on_time: Option<bool>,
    /// Statutory parts present, in statutory order.
    pub parts: Vec<Part>,
    pub missing: Vec<Part>,
    pub findings: Vec<Finding>,
    pub quantities: usize,
}

impl CoverageEntry {
    pub fn new(agency: &Agency, report: Option<&ReportInput<'_>>) -> Self {
        match report {
            Some(r) => CoverageEntry {
                agency: agency.clone(),
                submitted: true,
                submission_id: Some(r.submission_id.clone()),
                on_time: Some(r.on_time),
                parts: r.parsed.parts_present(),
                missing: r.parsed.parts_missing(),
                findings: r.parsed.findings.clone(),
                quantities: r.parsed.quantities.len(),
            },
            None => CoverageEntry {
                agency: agency.clone(),
                submitted: false,
                submission_id: None,
                on_time: None,
                parts: Vec::new(),
                missing: Part::ALL.to_vec(),
                findings: Vec::new(),
                quantities: 0,
            },
        }
    }
}

/// The district's consolidated picture for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictSummary {
    pub district: String,
    pub year: i32,
    /// Agencies on the roster.
    pub expected: usize,
    /// Agencies with a processed report.
    pub submitted: usize,
    pub coverage: Vec<CoverageEntry>,
    pub draft_markdown: String,
}
