//! Inputs and the consolidated summary.

use fazhi_core::{Finding, ParsedReport, Part, Qualifier, QuantityKind};
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
    /// RFC 3339 time the submission was accepted.
    #[serde(default)]
    pub submitted_at: Option<String>,
    /// Publication date the report's text gives (`YYYY-MM-DD`), if any.
    #[serde(default)]
    pub published: Option<String>,
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
                submitted_at: Some(r.submitted_at.clone()),
                published: r.parsed.published.clone(),
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
                submitted_at: None,
                published: None,
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
    /// Reporting rates in DHIS2's vocabulary.
    #[serde(default)]
    pub reporting: ReportingRates,
    /// One entry per canonical indicator and unit, in catalog order.
    #[serde(default)]
    pub indicators: Vec<IndicatorTotal>,
    /// Quantities no indicator claims, grouped by counted phrase, unit and kind.
    #[serde(default)]
    pub other_quantities: Vec<IndicatorTotal>,
    /// One entry per 纲要 chapter (plus `publicity`, then `unclassified`).
    #[serde(default)]
    pub themes: Vec<ThemeSummary>,
    /// Agencies × chapters: number of measures items.
    #[serde(default)]
    pub theme_matrix: ThemeMatrix,
    #[serde(default)]
    pub shortcomings: Vec<ItemGroup>,
    #[serde(default)]
    pub plans: Vec<ItemGroup>,
    #[serde(default)]
    pub leader_duty: Vec<AgencyPassages>,
    #[serde(default)]
    pub other_matters: Vec<AgencyPassages>,
    /// Every `[^id]` of the draft, resolving to a span of a report.
    #[serde(default)]
    pub citations: Vec<Citation>,
    /// The draft as blocks: what `draft_markdown` and the DOCX are rendered from.
    #[serde(default)]
    pub draft: Vec<Block>,
    /// [`crate::catalog::data_version`] the summary was assembled with.
    #[serde(default)]
    pub data_version: u32,
    /// The draft's footnotes: each groups the citations that stand together
    /// after one statement (the sources of one sentence in one note).
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Leader-duty facts of every unit (专题研究, 述法, 会前学法).
    #[serde(default)]
    pub duty_facts: Vec<AgencyDutyFacts>,
    /// The check, run on every build, that every number of the draft is
    /// derived from its cited sources.
    #[serde(default)]
    pub verification: Verification,
}

/// A footnote of the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: usize,
    /// Ids of `citations`, in order.
    pub citations: Vec<usize>,
    /// The note as printed: each source's unit (short name) and whole
    /// sentence with the cited number marked 【…】, then its position.
    pub text: String,
}

/// Result of [`crate::verify::verify`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub passed: bool,
    /// Numbers of the draft that were checked.
    pub checked: usize,
    pub failures: Vec<VerificationFailure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerificationFailure {
    /// The number as printed.
    pub number: String,
    /// The draft text around it.
    pub context: String,
    pub reason: String,
}

/// How a number of the draft follows from its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Σ of the cited numbers, with the qualifier algebra; one cited number
    /// may be printed as written.
    Sum,
    /// Σ cited numerators / Σ cited denominators × 100, rounded to 0.1.
    Rate,
    /// Number of distinct units among the cited sources.
    Units,
    /// Number of distinct cited sources (items, passages).
    Items,
    /// A reporting fact recomputed from the coverage table (`fact` names it).
    Coverage,
    /// The reporting year (or the next one).
    Year,
    /// Digits quoted as written from the one cited source (a year or a name
    /// inside a quoted clause: `自2018年以来`, `“1+7”`): must occur in its sentence.
    Quote,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Derivation {
    pub op: Op,
    /// Citation ids the number is computed from (numerators for a rate).
    pub cites: Vec<usize>,
    /// Denominator citation ids (rates).
    #[serde(default)]
    pub denominator: Vec<usize>,
    pub value: f64,
    pub qualifier: Option<Qualifier>,
    pub unit: String,
    /// For `coverage`: `expected`, `actual`, `rate`, `on_time`,
    /// `rate_on_time`, `not_submitted`, `late`, `missing:<part>`,
    /// `finding:<code>`, `published`, `unpublished`.
    #[serde(default)]
    pub fact: Option<String>,
}

/// One countable leader-duty fact of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DutyFact {
    /// `special_study` (专题研究), `shufa` (述法) or `study` (会前学法).
    pub kind: String,
    /// The whole sentence: `chars[start..end]`.
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    /// How many times, when the sentence says (`专题研究…3次`).
    pub count: Option<MappedQuantity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyDutyFacts {
    pub agency: AgencyRef,
    pub submission_id: String,
    /// Whether this unit is the district government (its part is its own).
    #[serde(default)]
    pub district_government: bool,
    pub facts: Vec<DutyFact>,
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

/// DHIS2 reporting rates. Rates are percentages rounded to 0.1, `None` when
/// nothing is expected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportingRates {
    /// Agencies on the roster.
    pub expected: usize,
    /// Roster agencies with a processed report.
    pub actual: usize,
    pub rate: Option<f64>,
    /// Roster agencies whose report arrived on time.
    pub on_time: usize,
    pub rate_on_time: Option<f64>,
    /// Reports from agencies not on the roster (not in the rates).
    pub outside_roster: usize,
}

/// One quantity behind a total: who said it and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub agency: AgencyRef,
    pub submission_id: String,
    /// The quantity's text as the parser matched it.
    pub text: String,
    /// Character offsets into that report's decoded text (`end` exclusive).
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
    /// The number as written (`20余场`, `超170万次`): a substring of `text`.
    pub number: String,
    #[serde(default)]
    pub role: Role,
    /// The whole source sentence (`chars[sentence_start..sentence_end]`).
    #[serde(default)]
    pub sentence: String,
    #[serde(default)]
    pub sentence_start: usize,
    #[serde(default)]
    pub sentence_end: usize,
    /// The clause of the number (`chars[clause_start..clause_end]`).
    #[serde(default)]
    pub clause: String,
    #[serde(default)]
    pub clause_start: usize,
    #[serde(default)]
    pub clause_end: usize,
    /// Best chapter of the item the number stands in.
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub part: Option<Part>,
}

/// A rate recomputed from the totals of its parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateParts {
    pub numerator: String,
    pub numerator_name: String,
    pub numerator_value: f64,
    pub numerator_qualifier: Qualifier,
    pub denominator: String,
    pub denominator_name: String,
    pub denominator_value: f64,
    pub denominator_qualifier: Qualifier,
    pub unit: String,
    /// Agencies that reported both parts (only they enter the rate).
    pub agencies: Vec<AgencyRef>,
    pub sources: Vec<Source>,
    #[serde(default)]
    pub numerator_sources: Vec<Source>,
    #[serde(default)]
    pub denominator_sources: Vec<Source>,
}

/// A total for one indicator and one unit (or, in `other_quantities`, for one
/// counted phrase and unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTotal {
    /// Catalog code; `None` in `other_quantities`.
    pub code: Option<String>,
    pub name: String,
    /// 纲要 chapter code; `None` when unknown.
    pub theme: Option<String>,
    pub unit: String,
    pub kind: QuantityKind,
    /// Counts: the sum. Rates: the rate recomputed from its parts (or the one
    /// stated rate). Changes: the one stated change. Otherwise `None`.
    pub value: Option<f64>,
    pub qualifier: Option<Qualifier>,
    /// Rates and changes: the range of the values stated (and recomputed per agency).
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub agencies_count: usize,
    pub agencies: Vec<AgencyRef>,
    pub rate_parts: Option<RateParts>,
    /// The summed sources (`level` numbers only).
    pub sources: Vec<Source>,
    /// Numbers of this indicator and unit that are not summed into it:
    /// breakdowns of a summed total, averages and multi-year figures.
    #[serde(default)]
    pub apart: Vec<Source>,
}

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeSummary {
    pub code: String,
    pub name: String,
    /// Agencies with at least one measures item in the chapter.
    pub agencies: Vec<AgencyRef>,
    pub measures: usize,
    pub shortcomings: usize,
    pub plans: usize,
    pub items: Vec<ThemedItem>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThemeMatrix {
    /// Column codes, in chapter order.
    pub themes: Vec<String>,
    pub rows: Vec<ThemeMatrixRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeMatrixRow {
    pub agency: AgencyRef,
    /// Measures items per column (an item counts in every chapter it carries).
    pub counts: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupedItem {
    pub agency: AgencyRef,
    pub submission_id: String,
    pub label: String,
    /// Verbatim `chars[start..end]` of the report.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The sentence of the item that gives a cause (`由于…`), verbatim.
    #[serde(default)]
    pub cause: Option<Passage>,
}

/// Shortcomings (or plans) of several agencies on one theme, worded alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemGroup {
    pub theme: String,
    pub theme_name: String,
    /// The group's wording: its concept's (`执法力量不足`, `充实执法力量`) when
    /// several items share it, else the most concise item label.
    pub label: String,
    /// The concept of `catalog/synonyms.toml` that formed the group, if any.
    #[serde(default)]
    pub concept: Option<String>,
    pub agencies: Vec<AgencyRef>,
    pub agencies_count: usize,
    pub items: Vec<GroupedItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyPassages {
    pub agency: AgencyRef,
    pub submission_id: String,
    pub passages: Vec<Passage>,
}

/// The target of a `[^id]` marker in the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub id: usize,
    pub agency: AgencyRef,
    pub submission_id: String,
    pub start: usize,
    pub end: usize,
    /// Verbatim `chars[start..end]` of the report (the quantity's text for numbers).
    pub text: String,
    /// For a number: as written, a substring of `text`.
    pub number: Option<String>,
    /// The unit's short name (`园林绿化局`, `西营门街道`, `区政府`).
    #[serde(default)]
    pub short_name: String,
    /// For a number: its value, unit and qualifier (what the verifier sums).
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    /// The whole source sentence, and the same with the cited span marked 【…】.
    #[serde(default)]
    pub sentence: String,
    #[serde(default)]
    pub sentence_start: usize,
    #[serde(default)]
    pub sentence_end: usize,
    #[serde(default)]
    pub quote: String,
}

/// A block of the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Title {
        text: String,
    },
    /// Level 1 = statutory part, 2 = chapter, 3 = below.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        inlines: Vec<Inline>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    /// A citation marker: `id` of an entry of `citations`.
    Cite {
        id: usize,
    },
    /// A number, with how it follows from its sources.
    Number {
        text: String,
        derivation: Derivation,
    },
}
