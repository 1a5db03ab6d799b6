//! Privacy before publication: what a report must not publish about private
//! persons — resident ID numbers, mobile and landline numbers, and the names
//! of citizens in complaint and petition contexts (信访、投诉、复议、诉讼).
//!
//! Guarantees: pure; linear in the text (every rule looks a bounded number
//! of characters around a position); never panics; every span is a pair of
//! **character** offsets into the text given (the decoded text every other
//! offset of the parse refers to), with `text == chars[start..end]`.
//!
//! What is deliberately not flagged, because a report rightly publishes it:
//! service numbers (`12345`, `12348`, `400-`/`800-`), landlines introduced
//! as a hotline or an office's phone (`政务服务热线`, `监督电话`, `联系电话`),
//! 18-digit numbers without a valid GB 11643 check digit, digits inside a
//! longer run of digits or letters (a 统一社会信用代码) or a document number
//! (`〔2024〕…号`), and officials named with their role (`区长王某`: the
//! name is not at a petition boundary).

use serde::{Deserialize, Serialize};

mod names;
mod numbers;

use names::names;
use numbers::numbers;

/// What was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrivacyKind {
    /// 18-digit (valid check digit) or 15-digit legacy resident ID number.
    ResidentId,
    Mobile,
    Landline,
    /// A private citizen's name next to a complaint or petition word.
    PersonName,
}

impl PrivacyKind {
    pub fn code(self) -> &'static str {
        match self {
            PrivacyKind::ResidentId => "resident_id",
            PrivacyKind::Mobile => "mobile",
            PrivacyKind::Landline => "landline",
            PrivacyKind::PersonName => "person_name",
        }
    }

    /// The clerk's words for it.
    pub fn label(self) -> &'static str {
        match self {
            PrivacyKind::ResidentId => "居民身份证号码",
            PrivacyKind::Mobile => "手机号码",
            PrivacyKind::Landline => "固定电话号码",
            PrivacyKind::PersonName => "信访投诉当事人姓名",
        }
    }
}

/// One thing to redact before publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyFlag {
    pub kind: PrivacyKind,
    /// Character offsets: `text == chars[start..end]`.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// A name already pseudonymized (`张某某`, `王XX`): still worth a look
    /// (a rare surname with a given place can identify a person), but not
    /// a full name.
    #[serde(default)]
    pub masked: bool,
}

/// Find everything to redact in `text`, in text order.
pub fn scan(text: &str) -> Vec<PrivacyFlag> {
    let raw: Vec<char> = text.chars().collect();
    // Full-width digits and letters read as ASCII; one char per char, so
    // offsets stay those of `text`.
    let chars: Vec<char> = raw
        .iter()
        .map(|&c| crate::normalize::fold(c).unwrap_or(c))
        .collect();
    let mut flags = Vec::new();
    numbers(&chars, &mut flags);
    names(&chars, &mut flags);
    flags.sort_by_key(|f| (f.start, f.end));
    for f in &mut flags {
        f.text = raw.get(f.start..f.end).unwrap_or(&[]).iter().collect();
    }
    flags
}

fn flag(kind: PrivacyKind, start: usize, end: usize, masked: bool) -> PrivacyFlag {
    PrivacyFlag {
        kind,
        start,
        end,
        text: String::new(),
        masked,
    }
}

fn at(chars: &[char], i: usize) -> char {
    chars.get(i).copied().unwrap_or('\0')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Digits and Latin letters: a number touching one is part of a code.
fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests;
