//! Common shortcomings and plans: items of all agencies grouped by their best
//! chapter, then by similar wording.
//!
//! Similarity is the Jaccard index of character bigrams of the item's label
//! (plus the start of its text when the label is shorter than 6 characters), after dropping numbering, punctuation and filler
//! words (进一步, 有待, 加强 …). Items of one chapter whose similarity reaches
//! [`SIMILARITY`] are linked; a group is a connected set (single linkage), so
//! the result does not depend on input order except for the order of output.

use std::collections::BTreeSet;

use crate::catalog::Themes;
use crate::model::{AgencyRef, ClassifiedItem, GroupedItem, ItemGroup, Passage};
use crate::themes::primary;

/// Bigram Jaccard index from which two items of one chapter are grouped.
pub const SIMILARITY: f64 = 0.25;

/// Words that say nothing about the subject of a shortcoming or a plan.
const FILLER: &[&str] = &[
    "进一步",
    "有待",
    "加强",
    "加大",
    "不够",
    "不足",
    "存在",
    "需要",
    "仍然",
    "仍需",
    "还需",
    "还有",
    "工作",
    "方面",
    "问题",
    "提升",
    "提高",
    "继续",
    "持续",
    "深入",
    "全面",
    "推进",
    "的",
    "和",
    "与",
    "及",
];

/// One item to group, with its report.
pub(crate) struct GroupInput<'a> {
    pub agency: &'a AgencyRef,
    pub submission_id: &'a str,
    pub item: &'a ClassifiedItem,
}

fn bigrams(item: &ClassifiedItem) -> BTreeSet<(char, char)> {
    // A label of some length says what the item is about; the body's start
    // only helps when the label is a bare marker or a few characters.
    let mut s = if item.label.chars().count() >= 6 {
        item.label.clone()
    } else {
        let head: String = item.text.chars().take(60).collect();
        format!("{} {}", item.label, head)
    };
    for f in FILLER {
        s = s.replace(f, " ");
    }
    let mut out = BTreeSet::new();
    // Only runs of CJK characters, letters and digits make bigrams.
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if c.is_alphanumeric() && !is_marker(c) {
            if let Some(p) = prev {
                out.insert((p, c));
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
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
                    let lead = part.chars().take_while(|c| c.is_whitespace()).count();
                    let text = part.trim().to_owned();
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

pub(crate) fn group_items(themes: &Themes, inputs: &[GroupInput<'_>]) -> Vec<ItemGroup> {
    let grams: Vec<BTreeSet<(char, char)>> = inputs.iter().map(|i| bigrams(i.item)).collect();
    let n = inputs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut sim = vec![0.0f64; n];
    for i in 0..n {
        for j in (i + 1)..n {
            if primary(inputs[i].item) != primary(inputs[j].item) {
                continue;
            }
            let s = jaccard(&grams[i], &grams[j]);
            sim[i] += s;
            sim[j] += s;
            if s >= SIMILARITY {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[b.max(a)] = a.min(b);
                }
            }
        }
    }
    let mut members: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        match members.iter_mut().find(|(r, _)| *r == root) {
            Some((_, m)) => m.push(i),
            None => members.push((root, vec![i])),
        }
    }
    let mut groups: Vec<(usize, ItemGroup)> = members
        .into_iter()
        .map(|(root, m)| {
            let theme = primary(inputs[root].item).to_owned();
            let best = m
                .iter()
                .copied()
                .fold(m[0], |b, i| if sim[i] > sim[b] { i } else { b });
            let mut agencies: Vec<AgencyRef> = Vec::new();
            for &i in &m {
                if !agencies.contains(inputs[i].agency) {
                    agencies.push(inputs[i].agency.clone());
                }
            }
            let group = ItemGroup {
                theme_name: themes.name(&theme),
                theme,
                label: inputs[best].item.label.clone(),
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
mod tests {
    use super::*;
    use crate::catalog::themes;
    use crate::themes::classify;
    use fazhi_core::Part;

    fn item(label: &str) -> ClassifiedItem {
        ClassifiedItem {
            part: Part::Shortcomings,
            label: label.to_owned(),
            text: label.to_owned(),
            start: 0,
            end: label.chars().count(),
            excerpt: label.to_owned(),
            cite_end: label.chars().count(),
            themes: classify(themes(), label, label),
        }
    }

    #[test]
    fn alike_wording_of_two_agencies_forms_one_group() {
        let a = AgencyRef {
            code: "a".into(),
            name: "甲局".into(),
        };
        let b = AgencyRef {
            code: "b".into(),
            name: "乙街".into(),
        };
        let items = [
            item("执法人员法治素养有待进一步提升"),
            item("行政执法人员法治素养仍需提高"),
            item("规范性文件合法性审核力量薄弱"),
        ];
        let inputs = [
            GroupInput {
                agency: &a,
                submission_id: "s1",
                item: &items[0],
            },
            GroupInput {
                agency: &b,
                submission_id: "s2",
                item: &items[1],
            },
            GroupInput {
                agency: &b,
                submission_id: "s2",
                item: &items[2],
            },
        ];
        let groups = group_items(themes(), &inputs);
        assert_eq!(groups.len(), 2, "{groups:#?}");
        assert_eq!(groups[0].agencies_count, 2);
        assert_eq!(groups[0].theme, "enforcement");
        assert_eq!(groups[1].theme, "rules");
    }
}
