//! The draft's blocks and inline runs, and the citations they point at.

use super::*;

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
