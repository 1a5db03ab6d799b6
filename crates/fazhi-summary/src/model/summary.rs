//! The consolidated district summary: coverage, rates, themes, groups.

use super::*;

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
    /// The season's figures and the office's work, when the store gave them
    /// (the coverage paragraph and part five print them).
    #[serde(default)]
    pub season: Option<SeasonFigures>,
    /// Last year's plans against this year's measures, when the store gave
    /// them (part four's first paragraph and 附表四).
    #[serde(default)]
    pub plan_delivery: Option<PlanDelivery>,
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
