//! One report's contribution: its classified items and mapped quantities.

use super::*;

/// A theme an item was classified into, with the terms that decided it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeHit {
    pub code: String,
    pub terms: Vec<String>,
    pub score: u32,
}

/// An item of measures, shortcomings or next_year, classified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifiedItem {
    pub part: Part,
    /// Title, or first sentence, without its numbering marker.
    pub label: String,
    /// The item's text (capped at 400 characters).
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Exactly `chars[start..cite_end]` of the report: what a citation shows.
    pub excerpt: String,
    pub cite_end: usize,
    /// Best first; empty when no term matched.
    pub themes: Vec<ThemeHit>,
}

/// What a number is in its sentence, beyond what it counts. Only `level`
/// numbers enter a total; the others are shown apart with their role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The year's own figure.
    #[default]
    Level,
    /// A part of a total stated before it (`其中…`, `（包括…）`).
    Breakdown,
    /// A yearly (or monthly …) average (`年均…`).
    Average,
    /// A figure over several years (`累计`, `自2015年以来`).
    Cumulative,
    /// A change against another period (`较去年提升8.88%`).
    Change,
    /// A target or plan, not work done (`计划开展…30场`, or any number of the
    /// next-year part).
    Plan,
}

impl Role {
    /// How the draft names a number that is shown apart.
    pub fn zh(self) -> &'static str {
        match self {
            Role::Level => "当年数",
            Role::Breakdown => "分项数",
            Role::Average => "年均数",
            Role::Cumulative => "多年累计数",
            Role::Change => "变化幅度",
            Role::Plan => "计划数",
        }
    }
}

/// A quantity of one report with the indicator it maps to, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappedQuantity {
    pub indicator: Option<String>,
    /// The synonym that decided the indicator.
    pub matched: Option<String>,
    pub text: String,
    pub number: String,
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
    pub kind: QuantityKind,
    pub what: String,
    pub start: usize,
    pub end: usize,
    /// What the number is in its sentence; only `level` numbers are summed.
    #[serde(default)]
    pub role: Role,
    /// For a breakdown: index (in the report's quantities) of its total.
    #[serde(default)]
    pub parent: Option<usize>,
    /// The whole sentence around the number: `chars[sentence_start..sentence_end]`.
    #[serde(default)]
    pub sentence: String,
    #[serde(default)]
    pub sentence_start: usize,
    #[serde(default)]
    pub sentence_end: usize,
    /// The clause the number stands in (`chars[clause_start..clause_end]`):
    /// what the draft quotes when it shows the number apart.
    #[serde(default)]
    pub clause: String,
    #[serde(default)]
    pub clause_start: usize,
    #[serde(default)]
    pub clause_end: usize,
    /// Best chapter of the item the number stands in.
    #[serde(default)]
    pub theme: Option<String>,
    /// The part it stands in.
    #[serde(default)]
    pub part: Option<Part>,
}

/// A verbatim passage of a report: `text` is `chars[start..end]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Everything one report brings to the district summary. Stored per report by
/// the worker; a replaced report's contribution is replaced, a withdrawn one
/// removed, and [`crate::assemble`] recomputes the summary without any text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportContribution {
    pub data_version: u32,
    pub agency: Agency,
    pub submission_id: String,
    pub submitted_at: String,
    pub on_time: bool,
    pub coverage: CoverageEntry,
    pub items: Vec<ClassifiedItem>,
    pub quantities: Vec<MappedQuantity>,
    pub leader_duty: Vec<Passage>,
    pub other: Vec<Passage>,
    #[serde(default)]
    pub duty_facts: Vec<DutyFact>,
    /// Whether the report speaks as a district government (我区, 区政府).
    #[serde(default)]
    pub district_government: bool,
}

/// An item as listed under a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemedItem {
    pub agency: AgencyRef,
    pub submission_id: String,
    pub part: Part,
    pub label: String,
    /// Verbatim `chars[start..end]` of the report.
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub terms: Vec<String>,
    /// Whether this is the item's best theme.
    pub primary: bool,
}
