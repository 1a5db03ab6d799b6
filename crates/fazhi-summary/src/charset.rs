//! A quick "cannot contain" test before a substring search: the catalog's
//! and the themes' terms are searched in every item and every quantity's
//! context, and most of them share no character with it. Profiled on the
//! worker, those searches (a `StrSearcher` set up per term) were most of a
//! report's contribution.

/// Which characters a text holds, hashed to 256 bits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CharSet([u64; 4]);

impl CharSet {
    pub(crate) fn of(text: &str) -> CharSet {
        let mut bits = [0u64; 4];
        for c in text.chars() {
            let h = bit(c);
            bits[h >> 6] |= 1 << (h & 63);
        }
        CharSet(bits)
    }

    fn has(&self, c: char) -> bool {
        let h = bit(c);
        self.0[h >> 6] & (1 << (h & 63)) != 0
    }

    /// `false` only when `term` cannot be a substring of the text (its first
    /// or last character is not in it); `true` says nothing.
    pub(crate) fn may_contain(&self, term: &str) -> bool {
        let mut chars = term.chars();
        match (chars.next(), chars.next_back()) {
            (Some(first), Some(last)) => self.has(first) && self.has(last),
            (Some(only), None) => self.has(only),
            _ => true,
        }
    }

    /// `text.contains(term)`, where `self` is `CharSet::of(text)`.
    pub(crate) fn contains(&self, text: &str, term: &str) -> bool {
        self.may_contain(term) && text.contains(term)
    }
}

fn bit(c: char) -> usize {
    (c as u32 & 255) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_str_contains() {
        let texts = [
            "开展普法宣传活动12场",
            "",
            "a",
            "行政复议案件",
            "法治政府建设",
        ];
        let terms = [
            "普法",
            "",
            "场",
            "复议",
            "法治",
            "x",
            "宣传活动12",
            "设",
            "建设年度",
        ];
        for t in texts {
            let set = CharSet::of(t);
            for term in terms {
                assert_eq!(set.contains(t, term), t.contains(term), "{t:?} {term:?}");
            }
        }
    }
}
