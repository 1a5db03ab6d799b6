//! The grouping's link graph kept up to date one item at a time.
//!
//! Items are linked when they share a concept, or when they have no concept,
//! the same primary chapter and wordings at least [`SIMILARITY`] alike
//! ([`crate::grouping`]). Items with the same concept, or the same chapter
//! and the same word set, are linked to each other and to the same others,
//! so the graph is kept over such classes: adding an item whose class exists
//! costs a count; a new class is compared only with the classes that share a
//! word among its first words (prefix filtering in the words' sorted order,
//! which finds every pair at or above the threshold). Removing the last item
//! of a class drops its links. Components and link counts per item are read
//! off the classes when the summary is rendered, in time linear in the items.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::grouping::{SIMILARITY, jaccard};

/// What decides an item's links.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ClassKey {
    Concept(String),
    Free {
        primary: String,
        words: BTreeSet<String>,
    },
}

impl ClassKey {
    pub(crate) fn concept(&self) -> Option<&str> {
        match self {
            ClassKey::Concept(c) => Some(c),
            ClassKey::Free { .. } => None,
        }
    }

    /// Whether two items of this class are linked (an empty word set is
    /// alike to nothing, not even to itself).
    fn links_within(&self) -> bool {
        match self {
            ClassKey::Concept(_) => true,
            ClassKey::Free { words, .. } => !words.is_empty(),
        }
    }
}

type ClassId = u64;

#[derive(Debug, Clone)]
struct Class {
    key: ClassKey,
    count: usize,
    neighbors: HashSet<ClassId>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ClassGraph {
    ids: HashMap<ClassKey, ClassId>,
    classes: HashMap<ClassId, Class>,
    next: ClassId,
    /// (chapter, word) → free classes with that word in their prefix.
    postings: HashMap<(String, String), HashSet<ClassId>>,
}

/// The first words of a sorted set that any set at least [`SIMILARITY`]
/// alike must share one of (one more than the bound is harmless).
fn prefix(words: &BTreeSet<String>) -> impl Iterator<Item = &String> {
    let keep = words.len() - (words.len() as f64 * SIMILARITY).floor() as usize + 1;
    words.iter().take(keep)
}

impl ClassGraph {
    pub(crate) fn add(&mut self, key: &ClassKey) {
        if let Some(class) = self.ids.get(key).and_then(|id| self.classes.get_mut(id)) {
            class.count += 1;
            return;
        }
        let id = self.next;
        self.next += 1;
        let mut neighbors = HashSet::new();
        if let ClassKey::Free { primary, words } = key {
            let mut candidates: HashSet<ClassId> = HashSet::new();
            for w in prefix(words) {
                if let Some(ids) = self.postings.get(&(primary.clone(), w.clone())) {
                    candidates.extend(ids);
                }
            }
            for c in candidates {
                let Some(other) = self.classes.get_mut(&c) else {
                    continue;
                };
                if let ClassKey::Free { words: theirs, .. } = &other.key
                    && jaccard(words, theirs) >= SIMILARITY
                {
                    other.neighbors.insert(id);
                    neighbors.insert(c);
                }
            }
            for w in prefix(words) {
                self.postings
                    .entry((primary.clone(), w.clone()))
                    .or_default()
                    .insert(id);
            }
        }
        self.ids.insert(key.clone(), id);
        self.classes.insert(
            id,
            Class {
                key: key.clone(),
                count: 1,
                neighbors,
            },
        );
    }

    pub(crate) fn remove(&mut self, key: &ClassKey) {
        let Some(&id) = self.ids.get(key) else {
            return;
        };
        let Some(class) = self.classes.get_mut(&id) else {
            return;
        };
        class.count = class.count.saturating_sub(1);
        if class.count > 0 {
            return;
        }
        let Some(class) = self.classes.remove(&id) else {
            return;
        };
        self.ids.remove(key);
        for n in &class.neighbors {
            if let Some(other) = self.classes.get_mut(n) {
                other.neighbors.remove(&id);
            }
        }
        if let ClassKey::Free { primary, words } = &class.key {
            for w in prefix(words) {
                let k = (primary.clone(), w.clone());
                if let Some(ids) = self.postings.get_mut(&k) {
                    ids.remove(&id);
                    if ids.is_empty() {
                        self.postings.remove(&k);
                    }
                }
            }
        }
    }

    /// For items in display order (their class keys): each item's link
    /// count, and the components as (least index, indices in order), sorted
    /// by least index: what an all-pairs scan with union-find gives.
    pub(crate) fn components(&self, keys: &[&ClassKey]) -> (Vec<f64>, Vec<(usize, Vec<usize>)>) {
        let class_of: Vec<Option<ClassId>> =
            keys.iter().map(|k| self.ids.get(*k).copied()).collect();
        let mut size: HashMap<ClassId, usize> = HashMap::new();
        for c in class_of.iter().flatten() {
            *size.entry(*c).or_default() += 1;
        }
        // Union-find over the classes present, roots by first appearance.
        let mut parent: HashMap<ClassId, ClassId> = HashMap::new();
        fn root(parent: &mut HashMap<ClassId, ClassId>, mut c: ClassId) -> ClassId {
            let mut path = Vec::new();
            while let Some(&p) = parent.get(&c) {
                if p == c {
                    break;
                }
                path.push(c);
                c = p;
            }
            for q in path {
                parent.insert(q, c);
            }
            c
        }
        let mut degree: HashMap<ClassId, usize> = HashMap::new();
        for (&c, &n) in &size {
            parent.entry(c).or_insert(c);
            let Some(class) = self.classes.get(&c) else {
                continue;
            };
            let mut d = if class.key.links_within() { n - 1 } else { 0 };
            for nb in &class.neighbors {
                if let Some(&m) = size.get(nb) {
                    d += m;
                    parent.entry(*nb).or_insert(*nb);
                    let (a, b) = (root(&mut parent, c), root(&mut parent, *nb));
                    if a != b {
                        parent.insert(a.max(b), a.min(b));
                    }
                }
            }
            degree.insert(c, d);
        }
        let sim: Vec<f64> = class_of
            .iter()
            .map(|c| c.and_then(|c| degree.get(&c)).copied().unwrap_or(0) as f64)
            .collect();
        #[derive(PartialEq, Eq, Hash)]
        enum Comp {
            Class(ClassId),
            Alone(usize),
        }
        let mut members: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut slot: HashMap<Comp, usize> = HashMap::new();
        for (i, c) in class_of.iter().enumerate() {
            let comp = match c {
                Some(c) => {
                    let linked = self
                        .classes
                        .get(c)
                        .is_some_and(|k| k.key.links_within() || !k.neighbors.is_empty());
                    if linked {
                        Comp::Class(root(&mut parent, *c))
                    } else {
                        Comp::Alone(i)
                    }
                }
                None => Comp::Alone(i),
            };
            match slot.get(&comp) {
                Some(&k) => members[k].1.push(i),
                None => {
                    slot.insert(comp, members.len());
                    members.push((i, vec![i]));
                }
            }
        }
        (sim, members)
    }
}
