//! Common shortcomings and plans: items of all agencies grouped by meaning,
//! across chapters.
//!
//! An item's concept is the first concept of `catalog/synonyms.toml` (most
//! specific first) whose phrase its label holds, or whose subject and
//! predicate it holds both: `执法人员数量少`, `执法力量配备不足` and
//! `水政监察人员配备偏少` are all `enforcement_staff`. Items of one concept form
//! one group, whatever their chapter. Items with no concept are linked when
//! they share a chapter and their words (segmented by jieba-rs with the
//! lexicon and theme terms as its dictionary; runs of other characters as
//! bigrams) overlap by at least [`SIMILARITY`] (Jaccard). Groups are connected
//! sets, so the result does not depend on input order except for the order of
//! output.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use jieba_rs::Jieba;
use serde::Deserialize;

use crate::catalog::Themes;
use crate::model::{AgencyRef, ClassifiedItem, GroupedItem, ItemGroup, Passage};
use crate::themes::primary;
use links::linked_pairs;

mod links;

/// Word Jaccard index from which two items of one chapter without a concept
/// are grouped.
pub const SIMILARITY: f64 = 0.5;

pub const SYNONYMS_TOML: &str = include_str!("../../catalog/synonyms.toml");

#[derive(Debug, Default, Deserialize)]
pub struct Synonyms {
    /// Words that say nothing about the subject (进一步, 加强 …).
    #[serde(default)]
    pub filler: Vec<String>,
    /// Everyday words the segmenter should keep whole.
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(rename = "concept", default)]
    pub concepts: Vec<Concept>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Concept {
    pub code: String,
    /// Phrases that say the concept on their own.
    pub terms: Vec<String>,
    /// Or a subject and a predicate anywhere in the label (`水政监察人员` +
    /// `偏少`): the same problem in words no phrase lists.
    #[serde(default)]
    pub subject: Vec<String>,
    #[serde(default)]
    pub predicate: Vec<String>,
    /// How the draft names a group of shortcomings of this concept.
    #[serde(default)]
    pub problem: Option<String>,
    /// How the draft names a group of plans of this concept.
    #[serde(default)]
    pub plan: Option<String>,
}

impl Concept {
    fn matches(&self, label: &str) -> bool {
        let has = |words: &[String]| words.iter().any(|w| label.contains(w.as_str()));
        has(&self.terms) || (!self.subject.is_empty() && has(&self.subject) && has(&self.predicate))
    }
}

/// The embedded lexicon (empty, so nothing groups by concept, should it ever
/// be broken; the crate's tests fail on that).
pub fn synonyms() -> &'static Synonyms {
    static SYN: OnceLock<Synonyms> = OnceLock::new();
    SYN.get_or_init(|| toml::from_str(SYNONYMS_TOML).unwrap_or_default())
}

fn segmenter() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut j = Jieba::empty();
        for t in synonyms()
            .concepts
            .iter()
            .flat_map(|c| c.terms.iter().chain(&c.subject).chain(&c.predicate))
        {
            j.add_word(t, Some(1000), None);
        }
        for t in crate::catalog::themes()
            .themes
            .iter()
            .flat_map(|t| &t.terms)
        {
            j.add_word(t, Some(500), None);
        }
        for t in synonyms().filler.iter().chain(&synonyms().words) {
            j.add_word(t, Some(300), None);
        }
        j
    })
}

/// The concept of a label (see the module documentation).
pub fn concept_of(label: &str) -> Option<&'static str> {
    synonyms()
        .concepts
        .iter()
        .find(|c| c.matches(label))
        .map(|c| c.code.as_str())
}

/// One item to group, with its report.
pub(crate) struct GroupInput<'a> {
    pub agency: &'a AgencyRef,
    pub submission_id: &'a str,
    pub item: &'a ClassifiedItem,
}

/// The words of a label: lexicon words as segmented, other runs as bigrams;
/// filler and numbering left out.
pub(crate) fn words(item: &ClassifiedItem) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut BTreeSet<String>| {
        for w in run.windows(2) {
            out.insert(w.iter().collect());
        }
        run.clear();
    };
    for t in segmenter().cut(&item.label, false) {
        let w = t.word;
        let n = w.chars().count();
        if n >= 2 {
            flush(&mut run, &mut out);
            if !synonyms().filler.iter().any(|f| f == w) {
                out.insert(w.to_owned());
            }
        } else if let Some(c) = w
            .chars()
            .next()
            .filter(|c| c.is_alphanumeric() && !is_marker(*c))
        {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Numbering characters (一是, （二）, 3.) carry no meaning.
fn is_marker(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十是".contains(c)
}

/// Jaccard index of two bigram sets (0 when both are empty).
pub fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// The first sentence after the item's opening one that gives a cause.
/// Offsets assume the item's text starts at its `start` (the parser's
/// guarantee); a sentence is taken only when it lies inside the item.
fn cause_of(item: &ClassifiedItem) -> Option<Passage> {
    let cues = &crate::reading::cues().cause;
    let chars: Vec<char> = item.text.chars().collect();
    let mut from = 0;
    let mut first = true;
    for (i, c) in chars.iter().enumerate() {
        if "。；;".contains(*c) || i + 1 == chars.len() {
            let to = i + 1;
            let sentence: String = chars[from..to].iter().collect();
            if let Some(b) = cues.iter().filter_map(|w| sentence.find(w.as_str())).min() {
                // In the opening sentence only the clause that gives the
                // cause (`…，主要原因是…`) is the cause; later, the sentence.
                let cue_at = sentence[..b].chars().count();
                let clause_from = if first {
                    let head: Vec<char> = sentence.chars().take(cue_at).collect();
                    head.iter().rposition(|c| "，,".contains(*c)).map(|i| i + 1)
                } else {
                    Some(0)
                };
                if let Some(cf) = clause_from {
                    let part: String = sentence.chars().skip(cf).collect();
                    // A connective opening the sentence is not part of the cause.
                    let mut lead = part.chars().take_while(|c| c.is_whitespace()).count();
                    let rest: String = part.chars().skip(lead).collect();
                    for connective in ["同时，", "同时,", "此外，", "另外，", "但是，", "然而，"]
                    {
                        if rest.starts_with(connective) {
                            lead += connective.chars().count();
                            break;
                        }
                    }
                    let text: String = part
                        .chars()
                        .skip(lead)
                        .collect::<String>()
                        .trim_end()
                        .to_owned();
                    let start = item.start + from + cf + lead;
                    let end = start + text.chars().count();
                    return (end <= item.end && !text.is_empty()).then_some(Passage {
                        text,
                        start,
                        end,
                    });
                }
            }
            first = false;
            from = to;
        }
    }
    None
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Which part is grouped: the concept's wording differs (问题 vs 安排).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Shortcomings,
    Plans,
}

/// Shortcomings are grouped as problems, every other part as plans.
pub(crate) fn kind_of(part: fazhi_core::Part) -> Kind {
    if part == fazhi_core::Part::Shortcomings {
        Kind::Shortcomings
    } else {
        Kind::Plans
    }
}

pub(crate) fn group_items(
    themes: &Themes,
    inputs: &[GroupInput<'_>],
    kind: Kind,
) -> Vec<ItemGroup> {
    let concepts: Vec<Option<&str>> = inputs.iter().map(|i| concept_of(&i.item.label)).collect();
    let words: Vec<BTreeSet<String>> = inputs.iter().map(|i| words(i.item)).collect();
    let primaries: Vec<&str> = inputs.iter().map(|i| primary(i.item)).collect();
    let n = inputs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut sim = vec![0.0f64; n];
    for (i, j) in linked_pairs(&concepts, &primaries, &words) {
        sim[i] += 1.0;
        sim[j] += 1.0;
        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
        if a != b {
            parent[b.max(a)] = a.min(b);
        }
    }
    // Roots are the least index of their component whatever the order of
    // the unions, so groups come out as an all-pairs scan would give them.
    let mut members: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        match slot.get(&root) {
            Some(&k) => members[k].1.push(i),
            None => {
                slot.insert(root, members.len());
                members.push((root, vec![i]));
            }
        }
    }
    build_groups(themes, inputs, &concepts, &sim, members, kind)
}

/// The groups, in display order, from the components of the link graph:
/// `members` holds each component's least index and its items in order
/// (sorted by that index), `sim[i]` how many items `i` is linked to.
pub(crate) fn build_groups(
    themes: &Themes,
    inputs: &[GroupInput<'_>],
    concepts: &[Option<&str>],
    sim: &[f64],
    members: Vec<(usize, Vec<usize>)>,
    kind: Kind,
) -> Vec<ItemGroup> {
    let mut groups: Vec<(usize, ItemGroup)> = members
        .into_iter()
        .map(|(root, m)| {
            // The group's chapter: the one most of its items have.
            let mut tally: Vec<(&str, usize)> = Vec::new();
            for &i in &m {
                let t = primary(inputs[i].item);
                match tally.iter_mut().find(|(c, _)| *c == t) {
                    Some((_, k)) => *k += 1,
                    None => tally.push((t, 1)),
                }
            }
            let theme = tally
                .iter()
                .fold(tally[0], |b, t| if t.1 > b.1 { *t } else { b })
                .0
                .to_owned();
            // The most concise wording stands for the group.
            let best = m.iter().copied().fold(m[0], |b, i| {
                let (li, lb) = (
                    inputs[i].item.label.chars().count(),
                    inputs[b].item.label.chars().count(),
                );
                if li < lb || (li == lb && sim[i] > sim[b]) {
                    i
                } else {
                    b
                }
            });
            let mut agencies: Vec<AgencyRef> = Vec::new();
            let mut seen: HashSet<&AgencyRef> = HashSet::new();
            for &i in &m {
                if seen.insert(inputs[i].agency) {
                    agencies.push(inputs[i].agency.clone());
                }
            }
            let concept = concepts[root];
            let wording = concept
                .and_then(|c| synonyms().concepts.iter().find(|k| k.code == c))
                .and_then(|c| match kind {
                    Kind::Shortcomings => c.problem.clone(),
                    Kind::Plans => c.plan.clone(),
                })
                .filter(|_| m.len() > 1);
            let group = ItemGroup {
                theme_name: themes.name(&theme),
                theme,
                label: wording.unwrap_or_else(|| inputs[best].item.label.clone()),
                concept: concept.map(str::to_owned),
                agencies_count: agencies.len(),
                agencies,
                items: m
                    .iter()
                    .map(|&i| GroupedItem {
                        agency: inputs[i].agency.clone(),
                        submission_id: inputs[i].submission_id.to_owned(),
                        label: inputs[i].item.label.clone(),
                        text: inputs[i].item.excerpt.clone(),
                        start: inputs[i].item.start,
                        end: inputs[i].item.cite_end,
                        cause: cause_of(inputs[i].item),
                    })
                    .collect(),
            };
            (root, group)
        })
        .collect();
    groups.sort_by(|(ra, a), (rb, b)| {
        b.agencies_count
            .cmp(&a.agencies_count)
            .then(b.items.len().cmp(&a.items.len()))
            .then(themes.position(&a.theme).cmp(&themes.position(&b.theme)))
            .then(ra.cmp(rb))
    });
    groups.into_iter().map(|(_, g)| g).collect()
}

#[cfg(test)]
mod tests;
