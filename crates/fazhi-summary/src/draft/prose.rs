//! The draft's building blocks: paragraphs with numbers that carry their
//! derivation, citations keyed by span, and how numbers are written.

use std::collections::{HashMap, HashSet};

use fazhi_core::Qualifier;

use crate::model::{AgencyRef, Block, Citation, Derivation, Inline, Op, Passage, Role, Source};
use crate::names::short_name;

/// A number as reports write it: integers plain, ×10⁴ as 万 from 1万 up when
/// a whole thousand (`1.2万`, `10.6万`, `170万`), others with at most two
/// decimals.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_owned();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let i = v as i64;
        if i.abs() >= 10_000 && i % 1000 == 0 {
            return format!("{}万", trim_decimals(v / 10_000.0));
        }
        return i.to_string();
    }
    trim_decimals(v)
}

fn trim_decimals(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A qualified total as a clerk writes it (`不少于362场`, `超过170万次`).
pub fn fmt_qualified(v: f64, q: Qualifier, unit: &str) -> String {
    let n = fmt_num(v);
    match q {
        Qualifier::Exact => format!("{n}{unit}"),
        Qualifier::AtLeast => format!("不少于{n}{unit}"),
        Qualifier::MoreThan => format!("超过{n}{unit}"),
        Qualifier::Approx => format!("约{n}{unit}"),
        Qualifier::UpTo => format!("不超过{n}{unit}"),
    }
}

/// `一`…`九十九` for list numbering.
pub fn cn_num(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

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
