//! How the analyses cite an item of a report: enough to highlight it in the
//! submitted text without reading the text again.

use fazhi_summary::model::{AgencyRef, ClassifiedItem, ReportContribution};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRef {
    pub agency: AgencyRef,
    pub submission_id: String,
    /// Reporting year of the report the item stands in.
    pub year: i32,
    pub label: String,
    /// Verbatim `chars[start..end]` of that report.
    pub excerpt: String,
    pub start: usize,
    pub end: usize,
    /// Best 纲要 chapter (`unclassified` when none).
    pub theme: String,
}

impl ItemRef {
    pub fn new(c: &ReportContribution, year: i32, item: &ClassifiedItem) -> Self {
        ItemRef {
            agency: AgencyRef::from(&c.agency),
            submission_id: c.submission_id.clone(),
            year,
            label: item.label.clone(),
            excerpt: item.excerpt.clone(),
            start: item.start,
            end: item.cite_end,
            theme: fazhi_summary::themes::primary(item).to_owned(),
        }
    }
}

/// Whether two items share a chapter (best chapter of one among the other's).
pub fn share_theme(a: &ClassifiedItem, b: &ClassifiedItem) -> bool {
    let pa = fazhi_summary::themes::primary(a);
    let pb = fazhi_summary::themes::primary(b);
    (pa == pb && !a.themes.is_empty())
        || b.themes.iter().any(|h| h.code == pa)
        || a.themes.iter().any(|h| h.code == pb)
}
