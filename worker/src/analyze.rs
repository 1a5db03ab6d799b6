//! What the worker makes of one document: pure, no I/O.

use fazhi_core::findings::NOT_A_REPORT;
use fazhi_core::{ParseOptions, Severity};
use fazhi_store::SubmissionRecord;
use fazhi_store::processing::Outcome;

/// Read the file (any format `fazhi_extract` knows, re-detected from the
/// content: a message from an older service is checked again), then parse
/// the extracted text; every offset in the parse refers to that text.
///
/// `content` is the file (kept apart from the message); `expected_agency`
/// the roster's name of the unit it was submitted for, so the parser can
/// flag a report that names another unit (`agency_mismatch`).
pub fn analyze(
    record: &SubmissionRecord,
    content: &[u8],
    expected_agency: Option<String>,
) -> Outcome {
    let extracted = match fazhi_extract::extract_any(
        content,
        Some(record.media_type.as_str()),
        Some(record.file_name.as_str()),
        &fazhi_extract::Limits::default(),
    ) {
        Ok(extracted) => extracted,
        Err(e) => {
            return Outcome::Rejected {
                reason: e.to_string(),
            };
        }
    };
    let options = ParseOptions {
        expected_year: Some(record.reporting_year),
        expected_agency,
    };
    let text = extracted.text;
    let parsed = fazhi_core::parse_text(&text, &options);
    if let Some(finding) = parsed
        .findings
        .iter()
        .find(|f| f.code == NOT_A_REPORT && f.severity == Severity::Error)
    {
        return Outcome::Rejected {
            reason: finding.message.clone(),
        };
    }
    Outcome::Processed {
        text,
        parsed: Box::new(parsed),
    }
}
