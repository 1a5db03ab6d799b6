//! Which items the grouping links, without comparing all pairs.

use std::collections::{BTreeSet, HashMap};

use super::{SIMILARITY, jaccard};

/// Every pair `(i, j)`, `i < j`, that the grouping links: the same concept,
/// or no concept, the same primary chapter and wordings at least
/// [`SIMILARITY`] alike. Comparing all pairs made grouping quadratic in the
/// district; here concept items are linked within their concept, and only
/// pairs that share a word among the first words of each set (rarest first)
/// are compared: a pair that shares none of them cannot reach the threshold
/// (prefix filtering), so the pairs are exactly the all-pairs ones.
pub(super) fn linked_pairs(
    concepts: &[Option<&str>],
    primaries: &[&str],
    words: &[BTreeSet<String>],
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut by_concept: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in concepts.iter().enumerate() {
        if let Some(c) = c {
            by_concept.entry(c).or_default().push(i);
        }
    }
    for ids in by_concept.values() {
        for (k, &i) in ids.iter().enumerate() {
            pairs.extend(ids[k + 1..].iter().map(|&j| (i, j)));
        }
    }
    let free: Vec<usize> = (0..concepts.len())
        .filter(|&i| concepts[i].is_none())
        .collect();
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for &i in &free {
        for w in &words[i] {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut index: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut last_seen = vec![usize::MAX; concepts.len()];
    for &j in &free {
        let mut ordered: Vec<&str> = words[j].iter().map(String::as_str).collect();
        ordered.sort_by_key(|w| (freq.get(w).copied().unwrap_or(0), *w));
        // At least |x| - ⌈t·|x|⌉ + 1 words; one more is harmless.
        let keep = ordered.len() - (ordered.len() as f64 * SIMILARITY).floor() as usize + 1;
        ordered.truncate(keep);
        for w in &ordered {
            let key = (primaries[j], *w);
            if let Some(earlier) = index.get(&key) {
                for &i in earlier {
                    if last_seen[i] != j {
                        last_seen[i] = j;
                        if jaccard(&words[i], &words[j]) >= SIMILARITY {
                            pairs.push((i, j));
                        }
                    }
                }
            }
        }
        for w in ordered {
            index.entry((primaries[j], w)).or_default().push(j);
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition: every pair compared.
    fn all_pairs(
        concepts: &[Option<&str>],
        primaries: &[&str],
        words: &[BTreeSet<String>],
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..concepts.len() {
            for j in i + 1..concepts.len() {
                let linked = match (concepts[i], concepts[j]) {
                    (Some(a), Some(b)) => a == b,
                    (None, None) => {
                        primaries[i] == primaries[j] && jaccard(&words[i], &words[j]) >= SIMILARITY
                    }
                    _ => false,
                };
                if linked {
                    out.push((i, j));
                }
            }
        }
        out
    }

    proptest! {
        #[test]
        fn the_pairs_are_exactly_the_all_pairs_ones(
            items in proptest::collection::vec(
                (
                    proptest::option::weighted(0.2, 0..3usize),
                    0..2usize,
                    proptest::collection::btree_set(0..8usize, 0..6),
                ),
                0..40,
            )
        ) {
            const CONCEPTS: [&str; 3] = ["c0", "c1", "c2"];
            const CHAPTERS: [&str; 2] = ["rules", "enforcement"];
            let concepts: Vec<Option<&str>> = items.iter().map(|i| i.0.map(|c| CONCEPTS[c])).collect();
            let primaries: Vec<&str> = items.iter().map(|i| CHAPTERS[i.1]).collect();
            let words: Vec<BTreeSet<String>> = items
                .iter()
                .map(|i| i.2.iter().map(|w| format!("词{w}")).collect())
                .collect();
            let mut fast = linked_pairs(&concepts, &primaries, &words);
            fast.sort_unstable();
            prop_assert_eq!(fast, all_pairs(&concepts, &primaries, &words));
        }
    }
}
