//! The checks a processed report brings by itself (parser findings that a
//! reviewer must see, privacy spans): pure.

use super::*;

/// A check about to be recorded.
#[derive(Debug, Clone)]
pub(super) struct NewCheck {
    pub(super) kind: CheckKind,
    pub(super) code: String,
    pub(super) severity: Severity,
    pub(super) span: Option<(usize, usize)>,
    pub(super) excerpt: String,
    pub(super) message: String,
}

/// Parser findings that matter to a reviewer, by code prefix. (`part_missing.other`
/// is info: the statute makes that part optional in practice.)
pub(super) fn reviewer_finding(code: &str) -> Option<CheckKind> {
    match code {
        fazhi_core::findings::AGENCY_MISMATCH => Some(CheckKind::AgencyMismatch),
        fazhi_core::findings::YEAR_MISMATCH => Some(CheckKind::YearMismatch),
        fazhi_core::findings::PARTS_OUT_OF_ORDER
        | fazhi_core::findings::NO_QUANTITIES_IN_MEASURES
        | fazhi_core::findings::NO_STATUTORY_HEADINGS => Some(CheckKind::Finding),
        c if c.starts_with("part_missing.") && c != "part_missing.other" => {
            Some(CheckKind::Finding)
        }
        _ => None,
    }
}

fn excerpt(chars: &[char], start: usize, end: usize) -> String {
    let from = start.saturating_sub(EXCERPT_CONTEXT);
    let to = end.saturating_add(EXCERPT_CONTEXT).min(chars.len());
    chars.get(from..to).unwrap_or(&[]).iter().collect()
}

pub(super) fn severity_str(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn privacy_check(chars: &[char], f: &PrivacyFlag) -> NewCheck {
    let message = if f.masked {
        format!(
            "疑似信访投诉当事人（已部分隐去）：“{}”，公开前请确认无法识别到个人",
            f.text
        )
    } else {
        format!(
            "含{}：“{}”，公开前请要求提供脱敏公开版本",
            f.kind.label(),
            f.text
        )
    };
    NewCheck {
        kind: CheckKind::Privacy,
        code: f.kind.code().to_owned(),
        severity: if f.masked {
            Severity::Info
        } else {
            Severity::Warning
        },
        span: Some((f.start, f.end)),
        excerpt: excerpt(chars, f.start, f.end),
        message,
    }
}

/// The checks of one processed report (without near-copy, which needs the
/// other reports): pure.
pub(super) fn checks_of(text: &str, parsed: &ParsedReport) -> Vec<NewCheck> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for f in &parsed.findings {
        let Some(kind) = reviewer_finding(&f.code) else {
            continue;
        };
        let span = f.start.zip(f.end);
        out.push(NewCheck {
            kind,
            code: f.code.clone(),
            severity: f.severity,
            span,
            excerpt: span.map(|(s, e)| excerpt(&chars, s, e)).unwrap_or_default(),
            message: f.message.clone(),
        });
    }
    out.extend(privacy::scan(text).iter().map(|f| privacy_check(&chars, f)));
    out
}
