//! The draft's building blocks: paragraphs with numbers that carry their
//! derivation, and the small pieces of running text (headings, names,
//! clauses). Numbers are written by [`super::numbers`], citations collected
//! by [`super::cites`] (re-exported here, where the parts take them from).

use std::collections::HashSet;

use fazhi_core::Qualifier;

pub(crate) use super::cites::Cites;
pub use super::numbers::{cn_num, fmt_num, fmt_qualified};
use crate::model::{AgencyRef, Block, Derivation, Inline, Op, Role};
use crate::names::short_name;

/// A paragraph under construction.
#[derive(Default)]
pub(crate) struct Para(pub Vec<Inline>);

impl Para {
    pub fn text(&mut self, s: impl Into<String>) -> &mut Self {
        let s = s.into();
        if s.is_empty() {
            return self;
        }
        match self.0.last_mut() {
            Some(Inline::Text { text }) => text.push_str(&s),
            _ => self.0.push(Inline::Text { text: s }),
        }
        self
    }

    pub fn cite(&mut self, id: usize) -> &mut Self {
        if !self
            .0
            .iter()
            .rev()
            .take_while(|i| matches!(i, Inline::Cite { .. }))
            .any(|i| *i == Inline::Cite { id })
        {
            self.0.push(Inline::Cite { id });
        }
        self
    }

    /// As [`Para::cite`] for each id, with one set of the trailing run
    /// instead of a scan per id (a group of n items cites n ids at once).
    pub fn cites(&mut self, ids: &[usize]) -> &mut Self {
        let mut run: HashSet<usize> = self
            .0
            .iter()
            .rev()
            .map_while(|i| match i {
                Inline::Cite { id } => Some(*id),
                _ => None,
            })
            .collect();
        for id in ids {
            if run.insert(*id) {
                self.0.push(Inline::Cite { id: *id });
            }
        }
        self
    }

    pub fn num(&mut self, text: impl Into<String>, derivation: Derivation) -> &mut Self {
        self.0.push(Inline::Number {
            text: text.into(),
            derivation,
        });
        self
    }

    /// A sum of cited numbers printed with the qualifier algebra (one number
    /// alone is printed as its unit wrote it).
    pub fn sum(
        &mut self,
        cites: &Cites,
        ids: &[usize],
        value: f64,
        q: Qualifier,
        unit: &str,
    ) -> &mut Self {
        let text = match ids {
            [one] => cites
                .get(*one)
                .and_then(|c| c.number.clone())
                .unwrap_or_else(|| fmt_qualified(value, q, unit)),
            _ => fmt_qualified(value, q, unit),
        };
        self.num(
            text,
            Derivation {
                op: Op::Sum,
                cites: ids.to_vec(),
                denominator: Vec::new(),
                value,
                qualifier: Some(q),
                unit: unit.to_owned(),
                fact: None,
            },
        )
    }

    /// `N家` units among the cited sources.
    pub fn units(&mut self, cites: &Cites, ids: &[usize]) -> &mut Self {
        let n = ids
            .iter()
            .filter_map(|i| cites.get(*i))
            .map(|c| c.agency.code.as_str())
            .collect::<HashSet<&str>>()
            .len();
        self.num(
            format!("{n}家"),
            Derivation {
                op: Op::Units,
                cites: ids.to_vec(),
                denominator: Vec::new(),
                value: n as f64,
                qualifier: None,
                unit: "家".to_owned(),
                fact: None,
            },
        )
    }

    /// A reporting fact from the coverage table.
    pub fn fact(&mut self, fact: &str, value: f64, unit: &str) -> &mut Self {
        let text = if unit == "%" {
            format!("{}%", fmt_num(value))
        } else {
            format!("{}{unit}", fmt_num(value))
        };
        self.num(
            text,
            Derivation {
                op: Op::Coverage,
                cites: Vec::new(),
                denominator: Vec::new(),
                value,
                qualifier: None,
                unit: unit.to_owned(),
                fact: Some(fact.to_owned()),
            },
        )
    }

    pub fn year(&mut self, y: i32) -> &mut Self {
        self.num(
            format!("{y}"),
            Derivation {
                op: Op::Year,
                cites: Vec::new(),
                denominator: Vec::new(),
                value: f64::from(y),
                qualifier: None,
                unit: String::new(),
                fact: None,
            },
        )
    }

    /// Text quoted from the cited source `cite`: its digit runs become
    /// `quote` numbers (checked against that source's sentence).
    pub fn quoted(&mut self, s: &str, cite: usize) -> &mut Self {
        let mut run = String::new();
        let mut digits = false;
        for c in s.chars() {
            let d = c.is_ascii_digit() || ('０'..='９').contains(&c);
            if d != digits && !run.is_empty() {
                self.piece(std::mem::take(&mut run), digits, cite);
            }
            digits = d;
            run.push(c);
        }
        if !run.is_empty() {
            self.piece(run, digits, cite);
        }
        self
    }

    fn piece(&mut self, s: String, digits: bool, cite: usize) {
        if digits {
            self.num(
                s,
                Derivation {
                    op: Op::Quote,
                    cites: vec![cite],
                    denominator: Vec::new(),
                    value: 0.0,
                    qualifier: None,
                    unit: String::new(),
                    fact: None,
                },
            );
        } else {
            self.text(s);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn block(self) -> Block {
        Block::Paragraph { inlines: self.0 }
    }
}

pub(crate) fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

pub(crate) fn plain(text: impl Into<String>) -> Block {
    Block::Paragraph {
        inlines: vec![Inline::Text { text: text.into() }],
    }
}

/// Short names joined with `、`, first appearance order, each once.
pub(crate) fn short_names<'a>(agencies: impl IntoIterator<Item = &'a AgencyRef>) -> String {
    let mut out: Vec<String> = Vec::new();
    for a in agencies {
        let s = short_name(&a.name);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out.join("、")
}

/// A label as a clause of running text: no trailing punctuation, inner
/// sentence marks softened (digits stay: quote them with [`Para::quoted`]).
pub(crate) fn as_clause(label: &str) -> Option<String> {
    let t = label
        .trim()
        .trim_end_matches(['。', '；', ';', '，', ',', '：', ':', '…', '.'])
        .replace([',', ';'], "，");
    (!t.is_empty() && t != "…").then_some(t)
}

/// How a role is said after a number kept out of a total.
pub(crate) fn apart_note(role: Role) -> &'static str {
    match role {
        Role::Breakdown => "为分项数，不另计入合计",
        Role::Average => "为年均数，未计入当年合计",
        Role::Cumulative => "为多年累计数，未计入当年合计",
        Role::Change => "为较上年变化幅度",
        Role::Plan => "为计划数，未计入当年合计",
        Role::Level => "",
    }
}
