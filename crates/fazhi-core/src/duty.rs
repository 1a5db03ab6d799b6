//! The leaders' duty in countable facts: 专题研究/专题会议 on rule-of-law
//! work, 会前学法 sessions, 述法, and the 第一责任人 named with a role.
//!
//! Reads clause by clause (between `。`/`;`/`,`/`!`/`?`), so a fact and its
//! count are taken from the same clause (`主持召开党组会议专题研究法治建设
//! 工作6次`). The terms are data (`data/duty_terms.txt`). Linear: each
//! clause is searched for a fixed set of short terms.

use std::sync::LazyLock;

use crate::markers::{contains, starts_with};
use crate::model::{DutyFactKind, Qualifier};
use crate::quantities::RawQuantity;

/// A fact in cleaned-text coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDutyFact {
    pub kind: DutyFactKind,
    pub count: Option<(f64, Qualifier)>,
    pub start: usize,
    pub end: usize,
}

/// `kind: term term …` lines: a clause holding any term of a kind states it.
struct Terms {
    kind: DutyFactKind,
    any: Vec<&'static str>,
}

static TERMS: LazyLock<(Vec<Terms>, Vec<&'static str>, Vec<&'static str>)> = LazyLock::new(|| {
    let mut kinds = Vec::new();
    let mut topic = Vec::new();
    let mut roles = Vec::new();
    for line in include_str!("../data/duty_terms.txt").lines() {
        let line = line.trim();
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        if line.starts_with('#') {
            continue;
        }
        let words: Vec<&'static str> = rest.split_whitespace().collect();
        let kind = match key.trim() {
            "topic_study" => DutyFactKind::TopicStudy,
            "study_before_meeting" => DutyFactKind::StudyBeforeMeeting,
            "shufa" => DutyFactKind::Shufa,
            "first_responsible" => DutyFactKind::FirstResponsible,
            "rule_of_law" => {
                topic = words;
                continue;
            }
            "roles" => {
                roles = words;
                continue;
            }
            _ => continue,
        };
        kinds.push(Terms { kind, any: words });
    }
    (kinds, topic, roles)
});

/// Units a count of sessions is written in.
const SESSION_UNITS: &[&str] = &["次", "场", "期", "场次", "轮"];

/// Facts of one cleaned line (`base`: its offset). `quantities` are the
/// quantities found on this line, in order.
pub fn scan_line(
    line: &[char],
    base: usize,
    quantities: &[RawQuantity],
    out: &mut Vec<RawDutyFact>,
) {
    let firsts: &[char] = &TERM_FIRSTS;
    let filter = &*FIRSTS_FILTER;
    let starts_term = |c: char| {
        let v = c as u32 & 255;
        filter[(v >> 6) as usize] >> (v & 63) & 1 == 1 && firsts.contains(&c)
    };
    // Only clauses holding a character some term starts with can state a
    // fact: find those characters, then the clause around each. `from` is
    // always a clause start, so each character is read at most twice.
    let mut from = 0;
    while let Some(p) = line
        .get(from..)
        .and_then(|rest| rest.iter().position(|&c| starts_term(c)))
    {
        let p = from + p;
        let start = line[from..p]
            .iter()
            .rposition(|&c| is_clause_end(c))
            .map_or(from, |k| from + k + 1);
        let end = line[p..]
            .iter()
            .position(|&c| is_clause_end(c))
            .map_or(line.len(), |k| p + k);
        // Counted: the scan up to the term, back to the clause start and on
        // to its end.
        crate::work::add(end - start + p - from + 1);
        clause_facts(line, start, end, base, quantities, out);
        from = end + 1;
    }
    crate::work::add(line.len().saturating_sub(from));
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '。' | ';' | ',' | '!' | '?')
}

/// The low bytes of the terms' first characters, as a 256-bit set: most
/// characters are rejected by one test.
static FIRSTS_FILTER: LazyLock<[u64; 4]> = LazyLock::new(|| {
    let mut bits = [0u64; 4];
    for &c in TERM_FIRSTS.iter() {
        let v = c as u32 & 255;
        bits[(v >> 6) as usize] |= 1 << (v & 63);
    }
    bits
});

/// The facts of the clause `line[start..end]`.
fn clause_facts(
    line: &[char],
    start: usize,
    end: usize,
    base: usize,
    quantities: &[RawQuantity],
    out: &mut Vec<RawDutyFact>,
) {
    let (kinds, topic, roles) = &*TERMS;
    let clause = &line[start..end];
    let (cs, ce) = (base + start, base + end);
    if clause.len() < 3 {
        return;
    }
    let firsts = first_terms(clause, kinds);
    for (t, at) in kinds.iter().zip(firsts) {
        // Where the term stands: its count is the first figure after it
        // (`组织会前学法12次、专题研究2次` gives each its own).
        let Some(at) = at else {
            continue;
        };
        let ok = match t.kind {
            DutyFactKind::TopicStudy => topic.iter().any(|w| contains(clause, w)),
            DutyFactKind::FirstResponsible => roles.iter().any(|w| contains(clause, w)),
            _ => true,
        };
        if !ok {
            continue;
        }
        let count = quantities
            .iter()
            .find(|q| q.start >= cs + at && q.end <= ce && SESSION_UNITS.contains(&q.unit.as_str()))
            .map(|q| (q.value, q.qualifier));
        out.push(RawDutyFact {
            kind: t.kind,
            count,
            start: cs,
            end: ce,
        });
    }
}

/// Most kinds a term list holds (`data/duty_terms.txt` has four; the
/// parser knows four kinds, each read from one line).
const MAX_KINDS: usize = 8;

/// The first character of every fact term.
static TERM_FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = TERMS
        .0
        .iter()
        .flat_map(|t| t.any.iter().filter_map(|w| w.chars().next()))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// Where each kind's earliest term starts in `clause`: one forward scan for
/// all kinds at once (a search per term rescanned every clause once per
/// term, the parser's costliest step on long reports).
fn first_terms(clause: &[char], kinds: &[Terms]) -> [Option<usize>; MAX_KINDS] {
    let mut first = [None; MAX_KINDS];
    let mut left = kinds.len().min(MAX_KINDS);
    crate::work::add(clause.len());
    for (i, c) in clause.iter().enumerate() {
        if left == 0 {
            break;
        }
        // Most characters start no term: one look at a short list.
        if !TERM_FIRSTS.contains(c) {
            continue;
        }
        for (k, t) in kinds.iter().take(MAX_KINDS).enumerate() {
            if first[k].is_none()
                && t.any
                    .iter()
                    .any(|w| crate::markers::first_is(w, *c) && starts_with(&clause[i..], w))
            {
                first[k] = Some(i);
                left -= 1;
            }
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(s: &str) -> Vec<(DutyFactKind, Option<f64>, String)> {
        let v: Vec<char> = s.chars().collect();
        let mut qs = Vec::new();
        crate::quantities::scan_line(&v, 0, &mut qs);
        let mut out = Vec::new();
        scan_line(&v, 0, &qs, &mut out);
        out.into_iter()
            .map(|f| {
                (
                    f.kind,
                    f.count.map(|c| c.0),
                    v[f.start..f.end].iter().collect(),
                )
            })
            .collect()
    }

    #[test]
    fn countable_duty_facts_with_their_counts() {
        use DutyFactKind::*;
        let got = facts(
            "局长作为第一责任人,主持召开党组会议专题研究法治建设工作5次,组织会前学法十二次;年底在述职会上专题述法。召开专题会议研究安全生产。",
        );
        assert_eq!(
            got,
            vec![
                (FirstResponsible, None, "局长作为第一责任人".to_string()),
                (
                    TopicStudy,
                    Some(5.0),
                    "主持召开党组会议专题研究法治建设工作5次".to_string()
                ),
                (
                    StudyBeforeMeeting,
                    Some(12.0),
                    "组织会前学法十二次".to_string()
                ),
                (Shufa, None, "年底在述职会上专题述法".to_string()),
            ]
        );
    }

    #[test]
    fn each_fact_takes_the_figure_after_its_own_term() {
        use DutyFactKind::*;
        let got = facts("全年组织会前学法12次、专题研究法治工作3次");
        assert_eq!(
            got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
            vec![(TopicStudy, Some(3.0)), (StudyBeforeMeeting, Some(12.0))]
        );
    }

    #[test]
    fn a_bare_mention_of_the_first_responsible_is_not_a_naming() {
        assert!(facts("深入学习第一责任人职责规定").is_empty());
    }
}
