//! What the detector takes and returns (stored as JSON).

use fazhi_core::ParsedReport;
use fazhi_summary::model::AgencyRef;
use serde::{Deserialize, Serialize};

/// One report for the detector.
#[derive(Debug, Clone)]
pub struct CopyInput<'a> {
    pub agency: AgencyRef,
    pub submission_id: String,
    pub year: i32,
    /// The decoded text the parse offsets refer to.
    pub text: &'a str,
    pub parsed: &'a ParsedReport,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyConfig {
    /// Verified Jaccard of shingle sets from which a sentence is copied.
    pub threshold: f64,
    /// Normalized sentences shorter than this are not judged.
    pub min_chars: usize,
    pub boilerplate_share: f64,
    pub boilerplate_min_units: usize,
    /// A sentence with fewer own shingles than this is boilerplate.
    pub min_own_shingles: usize,
    pub max_bucket: usize,
}

impl Default for CopyConfig {
    fn default() -> Self {
        CopyConfig {
            threshold: 0.5,
            min_chars: 10,
            boilerplate_share: 0.2,
            boilerplate_min_units: 3,
            min_own_shingles: 6,
            max_bucket: 64,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CopySource {
    /// Another unit's report of the same year.
    OtherUnit,
    /// The same unit's report of the year before.
    OwnLastYear,
}

/// A run of consecutive copied sentences and where they come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopiedPassage {
    pub source: CopySource,
    /// Verbatim `chars[start..end]` of this report.
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub other_agency: AgencyRef,
    pub other_submission_id: String,
    pub other_year: i32,
    /// The other report's passage (from its first to its last matched sentence).
    pub other_text: String,
    pub other_start: usize,
    pub other_end: usize,
    pub sentences: usize,
    /// Mean verified similarity of its sentences (0.01).
    pub similarity: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportCopying {
    pub agency: AgencyRef,
    pub submission_id: String,
    /// Sentences judged (long enough, not boilerplate).
    pub sentences: usize,
    pub boilerplate_sentences: usize,
    pub copied_sentences: usize,
    /// `copied_sentences / sentences` (0.001); 0 when nothing was judged.
    pub copied_share: f64,
    pub from_other_units: usize,
    pub from_own_last_year: usize,
    pub passages: Vec<CopiedPassage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Boilerplate {
    /// One occurrence, as written.
    pub text: String,
    pub units: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CopyAnalysis {
    pub year: i32,
    /// Reports of `year`, in input order.
    pub reports: Vec<ReportCopying>,
    /// Boilerplate sentences learned from frequency, most widespread first (≤ 30).
    pub boilerplate: Vec<Boilerplate>,
    /// Candidate pairs verified (the work LSH left; for benchmarks).
    pub candidates: usize,
}
