//! Reading each number of a report in its whole sentence: what it counts (the
//! catalog indicator, decided on the words before it and checked against the
//! words around it, including those after it such as `获奖`) and what it is
//! (its [`Role`]: the year's level, a breakdown of a total, an average, a
//! multi-year figure or a change). Cue words are data (`catalog/cues.toml`).
//!
//! Assumes the parser's quantities are in text order; works on any order and
//! any spans without panicking (bad spans read as the quantity's own text).
//! Linear in the number of quantities per sentence times the sentence length.

use std::sync::OnceLock;

use fazhi_core::{Quantity, QuantityKind};
use serde::Deserialize;

use crate::catalog::{self, QuantityContext};
use crate::model::{MappedQuantity, Role};
use crate::span::{CLAUSE_END, CharText};

mod breakdown;

use breakdown::{attach_breakdowns, parts_after_total};

/// The embedded cue words, as text.
pub const CUES_TOML: &str = include_str!("../catalog/cues.toml");

#[derive(Debug, Default, Deserialize)]
pub struct Cues {
    pub version: u32,
    pub average: Vec<String>,
    pub cumulative: Vec<String>,
    pub cumulative_exceptions: Vec<String>,
    pub breakdown: Vec<String>,
    pub total_words: Vec<String>,
    pub change_bases: Vec<String>,
    pub change_verbs: Vec<String>,
    #[serde(default)]
    pub cause: Vec<String>,
    #[serde(default)]
    pub plan: Vec<String>,
}

/// The embedded cues (empty, so every number reads as a level, should the
/// embedded file ever be broken; the crate's tests fail on that).
pub fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| toml::from_str(CUES_TOML).unwrap_or_default())
}

fn has_any(s: &str, words: &[String]) -> bool {
    words.iter().any(|w| s.contains(w.as_str()))
}

/// The sentence of a quantity: the parser's own span when it holds the
/// number and lies in the text, else derived from the text (hand-built or
/// older parses). The sentence's closing mark is left out.
fn sentence_of(text: &CharText, q: &Quantity) -> (usize, usize) {
    let (s, mut e) = (q.sentence_start, q.sentence_end);
    if s <= q.start && q.end <= e && e <= text.len_chars() && s < e {
        while e > q.end
            && text
                .at(e - 1)
                .is_some_and(|c| c.is_whitespace() || "。！？!?".contains(c))
        {
            e -= 1;
        }
        return (s, e);
    }
    text.sentence_span(q.start, q.end)
}

/// A quantity's surroundings, as offsets into the text.
struct Context {
    sentence: (usize, usize),
    /// Start of the words that say what the number counts.
    before: usize,
    /// End of the words after the number that still belong to it.
    after: usize,
    /// Inside parentheses opened in the same sentence.
    in_parens: bool,
    /// For a number in parentheses: start of the clause before them (what
    /// the parenthesis details, `…交办的第二批信访案件（包括…3件`).
    head: Option<(usize, usize)>,
}

fn is_delim(c: char) -> bool {
    CLAUSE_END.contains(&c) && c != '、' && c != '（' && c != '('
}

fn context(
    text: &CharText,
    q: &Quantity,
    prev_end: Option<usize>,
    next_start: Option<usize>,
) -> Context {
    let sentence = sentence_of(text, q);
    let (s0, s1) = sentence;
    // Open parentheses between the sentence start and the number.
    let mut depth = 0i32;
    let mut open_at = None;
    for i in s0..q.start.min(s1) {
        match text.at(i) {
            Some('（' | '(') => {
                depth += 1;
                open_at = Some(i);
            }
            Some('）' | ')') => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    let in_parens = depth > 0;
    // A number in parentheses details the phrase before them: read from the
    // clause that phrase stands in.
    let mut head = None;
    if let Some(open) = open_at.filter(|_| in_parens) {
        let mut h = open;
        while h > s0 && !is_delim(text.at(h - 1).unwrap_or('。')) {
            h -= 1;
        }
        head = Some((h, open));
    }
    let scan_from = q.start;
    let mut before = scan_from;
    while before > s0 {
        let c = text.at(before - 1).unwrap_or('。');
        if is_delim(c) || c == '（' || c == '(' {
            break;
        }
        before -= 1;
    }
    // Words after an earlier number of the same clause belong to that number:
    // start after the first 、/和/及 that follows it.
    if let Some(pe) = prev_end.filter(|pe| *pe > before && *pe <= q.start) {
        let mut i = pe;
        let mut cut = pe;
        while i < q.start {
            if matches!(text.at(i), Some('、' | '和' | '及' | '，' | ',')) {
                cut = i + 1;
                break;
            }
            i += 1;
        }
        before = cut;
    }
    while before < q.start && text.at(before).is_some_and(char::is_whitespace) {
        before += 1;
    }
    let mut after = q.end;
    let stop = next_start.unwrap_or(usize::MAX).min(s1);
    while after < stop {
        let c = text.at(after).unwrap_or('。');
        if is_delim(c) || "、（()）".contains(c) {
            break;
        }
        after += 1;
    }
    Context {
        sentence,
        before,
        after,
        in_parens,
        head,
    }
}

/// The role a number's own words give it (breakdowns by position come later).
fn own_role(q: &Quantity, before: &str, sentence_before: &str) -> Role {
    let cues = cues();
    if q.kind == QuantityKind::Change {
        return Role::Change;
    }
    let tail: String = {
        let chars: Vec<char> = before.chars().collect();
        chars[chars.len().saturating_sub(3)..].iter().collect()
    };
    if has_any(before, &cues.change_bases) && has_any(&tail, &cues.change_verbs) {
        return Role::Change;
    }
    if has_any(before, &cues.plan) {
        return Role::Plan;
    }
    if has_any(before, &cues.average) {
        return Role::Average;
    }
    if has_any(sentence_before, &cues.cumulative)
        && !has_any(sentence_before, &cues.cumulative_exceptions)
        && !year_total(sentence_before)
    {
        return Role::Cumulative;
    }
    Role::Level
}

/// `2023年累计…`: 累计 right after a written year is that year's own total
/// (`近三年累计` is not: no digit before 年).
fn year_total(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars
        .windows(4)
        .any(|w| w[0].is_ascii_digit() && w[1] == '年' && w[2] == '累' && w[3] == '计')
        && !has_any(s, &["以来".to_owned(), "近年".to_owned()])
}

/// Every quantity of a report, mapped and given its role.
pub(crate) fn read_quantities(text: &CharText, qs: &[Quantity]) -> Vec<MappedQuantity> {
    let cues = cues();
    let valid = |q: &Quantity| text.is_valid(q.start, q.end);
    let mut out: Vec<MappedQuantity> = Vec::with_capacity(qs.len());
    for (i, q) in qs.iter().enumerate() {
        let prev_end = i
            .checked_sub(1)
            .and_then(|p| qs.get(p))
            .filter(|p| valid(p) && p.end <= q.start)
            .map(|p| p.end);
        let next_start = qs
            .get(i + 1)
            .filter(|n| valid(n) && n.start >= q.end)
            .map(|n| n.start);
        let (ctx, before, around, sentence, clause_span) = if valid(q) {
            let c = context(text, q, prev_end, next_start);
            let head = c.head.map_or_else(String::new, |(a, b)| text.slice(a, b));
            let before = text.slice(c.before, q.start);
            let after = text.slice(q.end, c.after);
            let around = format!("{head}{before}{}{after}", q.text);
            let sentence = text.slice(c.sentence.0, c.sentence.1);
            let span = (c.before, c.after);
            (Some(c), before, around, sentence, span)
        } else {
            (
                None,
                String::new(),
                q.text.clone(),
                q.text.clone(),
                (q.start, q.end),
            )
        };
        let sentence_before = ctx
            .as_ref()
            .map(|c| text.slice(c.sentence.0, q.start))
            .unwrap_or_default();
        let mut role = own_role(q, &before, &sentence_before);
        let in_parens = ctx.as_ref().is_some_and(|c| c.in_parens);
        // After a breakdown cue (`其中`, `包括`) in the sentence, a number in
        // the unit of an earlier number of the sentence (or with none before
        // it, since its total is then in the sentence before) is a part.
        if role == Role::Level
            && let Some(c) = ctx.as_ref()
        {
            let head = text.slice(c.sentence.0, q.start);
            let cued = cues.breakdown.iter().any(|w| head.contains(w.as_str()));
            let earlier: Vec<&Quantity> = qs[..i]
                .iter()
                .filter(|p| p.start >= c.sentence.0 && p.end <= q.start)
                .collect();
            let unit_before = earlier.is_empty() || earlier.iter().any(|p| p.unit == q.unit);
            if (in_parens || (cued && unit_before)) && q.kind == QuantityKind::Count {
                role = Role::Breakdown;
            }
        }
        let clause = format!("{before}{}", q.text);
        let qc = QuantityContext {
            kind: q.kind,
            unit: &q.unit,
            what: &q.what,
            clause: &clause,
            sentence: &sentence,
            around: &around,
        };
        let found = if q.value.is_finite() && role != Role::Change {
            catalog::catalog().match_quantity(&qc)
        } else {
            None
        };
        let (sentence_start, sentence_end) = ctx.as_ref().map_or((q.start, q.end), |c| c.sentence);
        out.push(MappedQuantity {
            indicator: found.as_ref().map(|(d, _)| d.code.clone()),
            matched: found.map(|(_, syn)| syn),
            text: q.text.clone(),
            // The parser's span is the number as written, with its qualifier.
            number: q.text.clone(),
            value: q.value,
            unit: q.unit.clone(),
            qualifier: q.qualifier,
            kind: q.kind,
            what: q.what.clone(),
            start: q.start,
            end: q.end,
            role,
            parent: None,
            sentence,
            sentence_start,
            sentence_end,
            clause: text.slice(clause_span.0, clause_span.1.max(q.end)),
            clause_start: clause_span.0,
            clause_end: clause_span.1.max(q.end),
            theme: None,
            part: None,
        });
    }
    attach_breakdowns(&mut out);
    parts_after_total(&mut out);
    out
}
