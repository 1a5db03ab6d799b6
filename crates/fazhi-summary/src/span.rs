//! Character-offset access to a report's text.
//!
//! The parser's `start`/`end` are character offsets (not bytes). Every access
//! here is clamped to the text, so a bad span yields a shorter (possibly
//! empty) string and never a panic.

/// A report text indexed by character.
pub(crate) struct CharText {
    chars: Vec<char>,
}

/// Characters that end a clause (a quantity's nearest context).
pub(crate) const CLAUSE_END: &[char] = &[
    '，', ',', '、', '；', ';', '。', '：', ':', '！', '？', '!', '?', '\n', '（', '(',
];
/// Characters that end a sentence.
pub(crate) const SENTENCE_END: &[char] = &['。', '；', ';', '！', '？', '!', '?', '\n'];

impl CharText {
    pub(crate) fn new(text: &str) -> Self {
        CharText {
            chars: text.chars().collect(),
        }
    }

    /// Number of characters.
    pub(crate) fn len_chars(&self) -> usize {
        self.chars.len()
    }

    /// The character at `i`, if any.
    pub(crate) fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// Whether `start..end` is a non-empty span inside the text.
    pub(crate) fn is_valid(&self, start: usize, end: usize) -> bool {
        start < end && end <= self.chars.len()
    }

    /// `chars[start..end]`, clamped to the text.
    pub(crate) fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        self.chars[start..end].iter().collect()
    }

    /// Offsets of the sentence around the span, without its end mark (at
    /// most 150 characters either side).
    pub(crate) fn sentence_span(&self, start: usize, end: usize) -> (usize, usize) {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        let mut from = start;
        while from > 0 && start - from < 150 && !SENTENCE_END.contains(&self.chars[from - 1]) {
            from -= 1;
        }
        let mut to = end;
        while to < self.chars.len() && to - end < 150 && !SENTENCE_END.contains(&self.chars[to]) {
            to += 1;
        }
        (from, to)
    }
}

/// The first `n` characters of `s`.
pub(crate) fn prefix_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Number of characters of `s`.
pub(crate) fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slicing_is_by_character_and_clamped() {
        let t = CharText::new("共调解矛盾纠纷42起，成功调解36起。");
        assert_eq!(t.slice(3, 9), "矛盾纠纷42");
        assert_eq!(t.slice(15, 100), "36起。");
        assert_eq!(t.slice(100, 5), "");
        assert!(!t.is_valid(5, 5));
        assert_eq!(t.sentence_span(15, 18), (0, 18));
        assert_eq!(t.at(18), Some('。'));
    }
}
