//! Citations by id, for the passes that resolve `[^id]` markers (notes,
//! verification): a scan per marker made them quadratic in the district.

use std::collections::HashMap;

use crate::model::Citation;

pub(crate) struct CitationIndex<'a>(HashMap<usize, &'a Citation>);

impl<'a> CitationIndex<'a> {
    /// The first citation of each id wins, as a scan from the start would.
    pub(crate) fn new(citations: &'a [Citation]) -> Self {
        let mut map = HashMap::with_capacity(citations.len());
        for c in citations {
            map.entry(c.id).or_insert(c);
        }
        CitationIndex(map)
    }

    pub(crate) fn get(&self, id: usize) -> Option<&'a Citation> {
        self.0.get(&id).copied()
    }
}
