//! What the worker makes of one document: pure, no I/O.

use fazhi_core::{ParseOptions, Severity};
use fazhi_store::SubmissionRecord;
use fazhi_store::processing::Outcome;

/// Finding code the parser uses for text that is not a report at all.
const NOT_A_REPORT: &str = "not_a_report";

pub fn analyze(record: &SubmissionRecord) -> Outcome {
    let essence = record
        .media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim();
    if !essence.eq_ignore_ascii_case("text/plain") {
        return Outcome::Rejected {
            reason: format!("暂不支持该文档格式（{essence}），请提交纯文本"),
        };
    }
    let options = ParseOptions {
        expected_year: Some(record.reporting_year),
    };
    match fazhi_core::parse_bytes(&record.content, &options) {
        Err(e) => Outcome::Rejected {
            reason: format!("无法读取报告文本：{e}"),
        },
        Ok((text, parsed)) => {
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
    }
}
