//! The draft's citations: one id per distinct span of a report, each with
//! its whole sentence and the cited span marked 【…】.

use std::collections::HashMap;

use crate::model::{AgencyRef, Citation, Passage, Source};
use crate::names::short_name;

/// `chars[from..to]` of `s`, clamped.
fn char_slice(s: &str, from: usize, to: usize) -> String {
    s.chars().skip(from).take(to.saturating_sub(from)).collect()
}

/// The sentence with `start..end` (offsets in the report) marked 【…】.
fn mark(sentence: &str, sentence_start: usize, start: usize, end: usize) -> String {
    let n = sentence.chars().count();
    let (a, b) = (
        start.saturating_sub(sentence_start).min(n),
        end.saturating_sub(sentence_start).min(n),
    );
    if start < sentence_start || a >= b {
        return sentence.to_owned();
    }
    format!(
        "{}【{}】{}",
        char_slice(sentence, 0, a),
        char_slice(sentence, a, b),
        char_slice(sentence, b, n)
    )
}

/// Collects citations, one id per distinct span of a report.
#[derive(Default)]
pub(crate) struct Cites {
    pub list: Vec<Citation>,
    /// (submission, start, end) → id: a scan of `list` per citation made
    /// the draft quadratic in the district (85 % of a 1 000-report build).
    index: HashMap<SpanKey, usize>,
}

type SpanKey = (String, usize, usize);

impl Cites {
    fn find(&self, submission_id: &str, start: usize, end: usize) -> Option<usize> {
        // One allocation per lookup keeps the key type simple; it is far
        // cheaper than the citation that a miss builds.
        self.index
            .get(&(submission_id.to_owned(), start, end))
            .copied()
    }

    fn push(&mut self, c: Citation) -> usize {
        let id = c.id;
        self.index
            .insert((c.submission_id.clone(), c.start, c.end), id);
        self.list.push(c);
        id
    }

    /// A number of a report.
    pub fn source(&mut self, s: &Source) -> usize {
        if let Some(id) = self.find(&s.submission_id, s.start, s.end) {
            return id;
        }
        let id = self.list.len() + 1;
        let (sentence, ss, se) = if s.sentence.is_empty() {
            (s.text.clone(), s.start, s.end)
        } else {
            (s.sentence.clone(), s.sentence_start, s.sentence_end)
        };
        self.push(Citation {
            id,
            agency: s.agency.clone(),
            submission_id: s.submission_id.clone(),
            start: s.start,
            end: s.end,
            text: s.text.clone(),
            number: Some(s.number.clone()),
            short_name: short_name(&s.agency.name),
            value: s.value.is_finite().then_some(s.value),
            unit: Some(s.unit.clone()),
            qualifier: Some(s.qualifier),
            quote: mark(&sentence, ss, s.start, s.end),
            sentence,
            sentence_start: ss,
            sentence_end: se,
        })
    }

    /// A passage (item excerpt, leader-duty sentence) quoted as a whole.
    pub fn passage(&mut self, agency: &AgencyRef, submission_id: &str, p: &Passage) -> usize {
        if let Some(id) = self.find(submission_id, p.start, p.end) {
            return id;
        }
        let id = self.list.len() + 1;
        self.push(Citation {
            id,
            agency: agency.clone(),
            submission_id: submission_id.to_owned(),
            start: p.start,
            end: p.end,
            text: p.text.clone(),
            number: None,
            short_name: short_name(&agency.name),
            value: None,
            unit: None,
            qualifier: None,
            sentence: p.text.clone(),
            sentence_start: p.start,
            sentence_end: p.end,
            quote: p.text.clone(),
        })
    }

    pub fn get(&self, id: usize) -> Option<&Citation> {
        id.checked_sub(1).and_then(|i| self.list.get(i))
    }
}
