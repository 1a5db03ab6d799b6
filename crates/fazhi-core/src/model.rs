//! The parse result: what one report says, in the shape `fazhi parse --json` prints.
//!
//! Every `start`/`end` is a character offset (not a byte offset) into the text
//! as submitted after decoding, so a reader can highlight it. `end` is exclusive.

use serde::{Deserialize, Serialize};

/// The five statutory parts of an annual report, in statutory order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Measures,
    Shortcomings,
    LeaderDuty,
    NextYear,
    Other,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Measures,
        Part::Shortcomings,
        Part::LeaderDuty,
        Part::NextYear,
        Part::Other,
    ];

    /// Stable API code (`measures`, `shortcomings`, …).
    pub fn code(self) -> &'static str {
        match self {
            Part::Measures => "measures",
            Part::Shortcomings => "shortcomings",
            Part::LeaderDuty => "leader_duty",
            Part::NextYear => "next_year",
            Part::Other => "other",
        }
    }

    /// The part a code names; read by serde's own names (the JSON of every
    /// parse), so there is no second list to keep in step.
    pub fn from_code(code: &str) -> Option<Part> {
        serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
    }

    /// The statutory name of the part, as a clerk would write it.
    pub fn title_zh(self) -> &'static str {
        match self {
            Part::Measures => "主要举措和成效",
            Part::Shortcomings => "存在的不足和原因",
            Part::LeaderDuty => "党政主要负责人履行推进法治建设第一责任人职责情况",
            Part::NextYear => "下一年度推进法治政府建设的主要安排",
            Part::Other => "其他需要报告的情况",
        }
    }
}

/// Kind of reporting agency, as far as the text tells (我局 → department, 我街 → street …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Department,
    Street,
    Town,
    DistrictGovernment,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The item's title, never with its numbering marker.
    pub title: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Characters of `text` before the item's own words: its numbering
    /// marker (`（一）`, `1.`, `一是`) and the blanks after it; 0 when it has
    /// none (or in a parse stored before this field).
    #[serde(default)]
    pub marker_chars: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub part: Part,
    pub heading: String,
    pub start: usize,
    pub end: usize,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    /// 余/多/以上: "and some", a lower bound.
    AtLeast,
    /// 超/超过/逾: a strict lower bound.
    MoreThan,
    /// 约/近/左右.
    Approx,
    /// 以内/不超过/最多.
    UpTo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    Count,
    /// A level such as 出庭应诉率100%: never summed.
    Rate,
    /// A change such as 较去年提升8.88%.
    Change,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The matched text, e.g. `6000余份`.
    pub text: String,
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
    pub kind: QuantityKind,
    /// What was counted: a short phrase from the text (`宣传资料`).
    pub what: String,
    pub start: usize,
    pub end: usize,
    /// The whole sentence the quantity sits in (after the previous `。`/`!`/`?`
    /// or the paragraph start, through its own stop or the paragraph end), so a reader sees what
    /// follows the number (`1个审计项目在评选中获奖`, `其中`, `年均`).
    /// Same coordinates as `start`/`end`.
    #[serde(default)]
    pub sentence_start: usize,
    #[serde(default)]
    pub sentence_end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable code, e.g. `part_missing.other`, `parts_out_of_order`.
    pub code: String,
    pub severity: Severity,
    /// Message in Chinese for the clerk.
    pub message: String,
    /// Where the text says what the finding is about (the other unit's
    /// name, the other year), when it can be pointed at.
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
}

/// A countable fact of the leaders' rule-of-law duty, the things 督察
/// checks (local rules ask for at least 3 专题研究 and 6 学法 a year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyFactKind {
    /// 专题研究 / 专题会议 on rule-of-law work.
    TopicStudy,
    /// 会前学法 sessions.
    StudyBeforeMeeting,
    /// 述法: leaders reporting on their rule-of-law duty.
    Shufa,
    /// The 第一责任人 named with a role (主要负责人, 书记, 局长 …).
    FirstResponsible,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DutyFact {
    pub kind: DutyFactKind,
    /// How many times, when the clause says (`专题研究法治建设工作6次` → 6).
    pub count: Option<f64>,
    pub qualifier: Option<Qualifier>,
    /// The clause stating it, exactly as submitted.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Everything the parser found in one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ParsedReport {
    pub title: Option<String>,
    pub agency: Option<String>,
    pub agency_kind: Option<AgencyKind>,
    /// The year reported on (not the publication or plan year).
    pub year: Option<i32>,
    /// Recipient line, e.g. `区委、区政府`.
    pub recipient: Option<String>,
    /// Publication date as `YYYY-MM-DD` when the text gives one.
    pub published: Option<String>,
    pub sections: Vec<Section>,
    pub quantities: Vec<Quantity>,
    /// Countable facts of the leaders' duty, wherever the report states
    /// them (plans in the next-year part excluded), in text order.
    #[serde(default)]
    pub duty_facts: Vec<DutyFact>,
    pub findings: Vec<Finding>,
    /// Number of characters of the decoded text (offsets are below this).
    pub chars: usize,
}

impl ParsedReport {
    pub fn has_part(&self, part: Part) -> bool {
        self.sections.iter().any(|s| s.part == part)
    }

    pub fn parts_present(&self) -> Vec<Part> {
        Part::ALL
            .into_iter()
            .filter(|p| self.has_part(*p))
            .collect()
    }

    pub fn parts_missing(&self) -> Vec<Part> {
        Part::ALL
            .into_iter()
            .filter(|p| !self.has_part(*p))
            .collect()
    }
}

/// What the caller knows about the report from outside the text.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// The year the agency says it reports on; a disagreeing text yields a finding.
    pub expected_year: Option<i32>,
    /// The roster's name of the submitting unit; a text that names another
    /// unit yields `agency_mismatch`.
    pub expected_agency: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_code_is_its_json_name_and_reads_back() {
        for p in Part::ALL {
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.code())
            );
            assert_eq!(Part::from_code(p.code()), Some(p));
        }
        assert_eq!(Part::from_code("Measures"), None);
        assert_eq!(Part::from_code(""), None);
    }
}
