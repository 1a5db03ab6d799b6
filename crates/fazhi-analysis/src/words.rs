//! Distinctive wording: bigrams of an item minus those the whole district
//! writes (learned from frequency), so `推进法治` matches nothing and
//! `合法性审核` matches what it should.

use std::collections::{BTreeSet, HashMap};

use fazhi_summary::grouping::synonyms;
use fazhi_summary::model::ClassifiedItem;

use crate::text::bigrams;

/// A bigram in at least this share of the items is common wording…
const COMMON_SHARE: f64 = 0.25;
/// …provided it is in at least this many items (tiny samples have no common words).
const COMMON_MIN: usize = 4;

pub type Words = BTreeSet<(char, char)>;

/// Bigrams of the item's text (its label first), filler words left out.
pub fn item_words(item: &ClassifiedItem) -> Words {
    let mut s = item.label.clone();
    s.push('，');
    s.push_str(&item.text);
    bigrams(&s, &synonyms().filler)
}

/// The common bigrams of a set of items.
pub fn common_words<'a>(items: impl IntoIterator<Item = &'a Words>) -> Words {
    let mut df: HashMap<(char, char), usize> = HashMap::new();
    let mut n = 0usize;
    for w in items {
        n += 1;
        for b in w {
            *df.entry(*b).or_default() += 1;
        }
    }
    let floor = COMMON_MIN.max((n as f64 * COMMON_SHARE).ceil() as usize);
    df.into_iter()
        .filter(|(_, k)| *k >= floor)
        .map(|(b, _)| b)
        .collect()
}

/// `w` without the common bigrams.
pub fn distinctive(w: &Words, common: &Words) -> Words {
    w.difference(common).copied().collect()
}
