//! Text helpers shared by the analyses: sentences with character offsets,
//! normalization for comparison, character bigrams and a stable hash.
//!
//! Everything works on `char`s, never on byte offsets, so no `str` is ever
//! sliced at a non-char boundary; all functions are linear in their input.

use std::collections::BTreeSet;

/// A sentence of a report: `text` is `chars[start..end]` of the decoded text.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Characters that end a sentence (the parser's own stops plus `；` and line ends,
/// since enumerations `一是…；二是…` are the unit of copying).
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n')
}

/// Sentences of `chars[from..to]` (clamped), trimmed of surrounding blanks;
/// empty ones dropped.
pub fn sentences(chars: &[char], from: usize, to: usize) -> Vec<Sentence> {
    let to = to.min(chars.len());
    let mut out = Vec::new();
    let mut s = from.min(to);
    let push = |a: usize, b: usize, out: &mut Vec<Sentence>| {
        let mut a = a;
        let mut b = b;
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        if a < b {
            out.push(Sentence {
                text: chars[a..b].iter().collect(),
                start: a,
                end: b,
            });
        }
    };
    let from = s;
    for (k, c) in chars[from..to].iter().enumerate() {
        if is_stop(*c) {
            let i = from + k;
            push(s, i + 1, &mut out);
            s = i + 1;
        }
    }
    push(s, to, &mut out);
    out
}

/// Comparison form: letters only (CJK and ASCII, lower-cased), every run of
/// digits (ASCII, full-width or Chinese numerals inside a number) folded to
/// `#`, so changing the figures of a copied sentence does not hide it.
pub fn normalize(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut in_number = false;
    for c in s.chars() {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '.' && in_number;
        if digit {
            if !in_number {
                out.push('#');
            }
            in_number = true;
            continue;
        }
        in_number = false;
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Numbering that opens an item (`一是`, `（二）`, `3.`) and says nothing.
fn strip_numbering(chars: &[char]) -> &[char] {
    let mut i = 0;
    while i < chars.len()
        && (chars[i].is_ascii_digit() || "一二三四五六七八九十是、.．（）()".contains(chars[i]))
    {
        i += 1;
    }
    chars.get(i..).unwrap_or(&[])
}

/// Character bigrams of the normalized text without its numbering marker:
/// the wording a plan, a measure or a shortcoming is compared by.
pub fn bigrams(s: &str, filler: &[String]) -> BTreeSet<(char, char)> {
    let mut t = s.to_owned();
    for f in filler {
        if f.chars().count() >= 2 {
            t = t.replace(f.as_str(), "，");
        }
    }
    let mut out = BTreeSet::new();
    for run in t.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = run.chars().collect();
        let chars = strip_numbering(&chars);
        for w in chars.windows(2) {
            out.insert((w[0], w[1]));
        }
    }
    out
}

/// Share of `a` found in `b` (0 when `a` is empty): how much of a short
/// plan a longer measure repeats.
pub fn containment<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.intersection(b).count() as f64 / a.len() as f64
}

/// FNV-1a, 64 bit: stable across runs, platforms and versions (keys are
/// stored), unlike `std`'s hasher.
pub fn fnv64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hash of a char sequence: FNV-1a of its UTF-8 bytes (same as [`fnv64`]),
/// without allocating.
pub fn hash_chars(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in chars {
        for b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_offsets_and_split_on_semicolons() {
        let chars: Vec<char> = "一是开展培训3场；二是印发手册。\n完成".chars().collect();
        let s = sentences(&chars, 0, chars.len());
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].text, "二是印发手册。");
        let back: String = chars[s[1].start..s[1].end].iter().collect();
        assert_eq!(back, s[1].text);
    }

    #[test]
    fn figures_fold_so_changed_numbers_compare_equal() {
        assert_eq!(
            normalize("开展活动22场，发放6000余份。"),
            normalize("开展活动31场，发放800余份")
        );
        assert_ne!(normalize("开展活动22场"), normalize("开展培训22场"));
    }
}
