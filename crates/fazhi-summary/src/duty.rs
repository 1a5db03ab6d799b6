//! Leader-duty facts that can be counted (专题研究, 述法, 会前学法), found in
//! every sentence of a report by the terms of `catalog/duty.toml`. Linear in
//! the text; never panics.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{DutyFact, MappedQuantity};
use crate::span::{CharText, SENTENCE_END};

pub const DUTY_TOML: &str = include_str!("../catalog/duty.toml");

#[derive(Debug, Default, Deserialize)]
pub struct DutyKinds {
    pub version: u32,
    pub units: Vec<String>,
    #[serde(rename = "kind", default)]
    pub kinds: Vec<DutyKind>,
}

#[derive(Debug, Default, Deserialize)]
pub struct DutyKind {
    pub code: String,
    pub name: String,
    pub terms: Vec<String>,
}

pub fn duty_kinds() -> &'static DutyKinds {
    static KINDS: OnceLock<DutyKinds> = OnceLock::new();
    KINDS.get_or_init(|| toml::from_str(DUTY_TOML).unwrap_or_default())
}

/// The name of a fact kind in the draft.
pub fn kind_name(code: &str) -> &str {
    duty_kinds()
        .kinds
        .iter()
        .find(|k| k.code == code)
        .map_or(code, |k| k.name.as_str())
}

/// The duty facts of one report: one per kind and sentence, with the count
/// the sentence gives for it (a quantity whose clause names the fact), if any.
pub(crate) fn duty_facts(text: &CharText, quantities: &[MappedQuantity]) -> Vec<DutyFact> {
    let kinds = duty_kinds();
    let mut out = Vec::new();
    let n = text.len_chars();
    let mut start = 0;
    while start < n {
        let mut end = start;
        while end < n && !text.at(end).is_some_and(|c| SENTENCE_END.contains(&c)) {
            end += 1;
        }
        let sentence = text.slice(start, end);
        for kind in &kinds.kinds {
            let Some(term_at) = kind
                .terms
                .iter()
                .filter_map(|t| {
                    sentence
                        .find(t.as_str())
                        .map(|b| sentence[..b].chars().count())
                })
                .min()
            else {
                continue;
            };
            // The count is the number whose own clause names the fact
            // (`4次会前学法活动`, `专题研究法治工作3次`), not any number after it.
            let _ = term_at;
            let count = quantities
                .iter()
                .filter(|q| q.start >= start && q.end <= end)
                .filter(|q| kinds.units.contains(&q.unit))
                .find(|q| {
                    kind.terms
                        .iter()
                        .any(|t| q.clause.contains(t.as_str()) || q.what.contains(t.as_str()))
                })
                .cloned();
            let trimmed_start = start + sentence.chars().take_while(|c| c.is_whitespace()).count();
            out.push(DutyFact {
                kind: kind.code.clone(),
                sentence: text.slice(trimmed_start, end),
                start: trimmed_start,
                end,
                count,
            });
        }
        start = end + 1;
    }
    out
}
