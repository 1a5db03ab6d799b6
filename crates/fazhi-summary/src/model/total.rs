//! Totals of quantities across reports, each with its sources and derivation.

use super::*;

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
