//! What the consolidation is given: the roster's agencies and each report.

use super::*;

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

/// An agency as cited: code and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AgencyRef {
    pub code: String,
    pub name: String,
}

impl From<&Agency> for AgencyRef {
    fn from(a: &Agency) -> Self {
        AgencyRef {
            code: a.code.clone(),
            name: a.name.clone(),
        }
    }
}
