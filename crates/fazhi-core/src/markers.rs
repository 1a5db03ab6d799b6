//! Enumeration markers at the start of a line or clause: `一、`, `(一)`,
//! `1.`, `(1)`, `一是`, `①`, `第一部分`.
//!
//! Works on folded text (full-width `（一）` already `(一)`). Looks at a
//! bounded prefix (at most a dozen characters) and never panics.

use crate::numerals::{han_digit, parse_han};

/// The numbering style of a heading or enumeration, shallowest first in the
/// usual hierarchy of these reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// `一、`, `第一部分`.
    Top,
    /// `(一)`.
    ParenHan,
    /// `1.`, `1、`.
    Arabic,
    /// `(1)`.
    ParenArabic,
    /// `①`.
    Circled,
    /// `一是`, in-paragraph enumeration.
    Shi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// Ordinal value (一 → 1).
    pub n: u32,
    /// Characters the marker occupies (including its separator).
    pub len: usize,
}

fn han_ordinal(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let n = parse_han(chars, at)?;
    if n.positional || n.len > 3 || n.value < 1.0 || n.value > 99.0 {
        return None;
    }
    Some((n.value as u32, n.len))
}

fn arabic_ordinal(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let mut i = at;
    let mut v: u32 = 0;
    while let Some(c) = chars.get(i) {
        let Some(d) = c.to_digit(10) else { break };
        v = v * 10 + d;
        i += 1;
        if i - at > 2 {
            return None;
        }
    }
    (i > at && v > 0).then_some((v, i - at))
}

/// The marker that opens `line`, if any.
pub fn leading_marker(line: &[char]) -> Option<Marker> {
    crate::work::add(1);
    let first = *line.first()?;
    // (一) / (1)
    if first == '(' || first == '〔' {
        if let Some((n, l)) = han_ordinal(line, 1)
            && matches!(line.get(1 + l), Some(')' | '〕'))
        {
            return Some(Marker {
                kind: MarkerKind::ParenHan,
                n,
                len: l + 2,
            });
        }
        if let Some((n, l)) = arabic_ordinal(line, 1)
            && matches!(line.get(1 + l), Some(')' | '〕'))
        {
            return Some(Marker {
                kind: MarkerKind::ParenArabic,
                n,
                len: l + 2,
            });
        }
        return None;
    }
    if let Some(n) = circled(first) {
        return Some(Marker {
            kind: MarkerKind::Circled,
            n,
            len: 1,
        });
    }
    // 第一部分 / 第一章
    if first == '第' {
        if let Some((n, l)) = han_ordinal(line, 1) {
            let rest = line.get(1 + l..).unwrap_or(&[]);
            for word in ["部分", "章", "节"] {
                if starts_with(rest, word) {
                    let mut len = 1 + l + word.chars().count();
                    while matches!(line.get(len), Some(' ' | '、' | ':' | '.')) {
                        len += 1;
                    }
                    return Some(Marker {
                        kind: MarkerKind::Top,
                        n,
                        len,
                    });
                }
            }
        }
        return None;
    }
    if first.is_ascii_digit() {
        let (n, l) = arabic_ordinal(line, 0)?;
        let sep = line.get(l).copied();
        let after = line.get(l + 1).copied();
        // `1.5` is a decimal; `4、2024年度…` is a heading.
        let decimal = sep == Some('.') && after.is_some_and(|c| c.is_ascii_digit());
        if matches!(sep, Some('.' | '、' | ')')) && !decimal {
            return Some(Marker {
                kind: MarkerKind::Arabic,
                n,
                len: l + 1,
            });
        }
        return None;
    }
    if han_digit(first).is_some() || first == '十' {
        let (n, l) = han_ordinal(line, 0)?;
        match line.get(l) {
            Some('、') | Some('.') => {
                return Some(Marker {
                    kind: MarkerKind::Top,
                    n,
                    len: l + 1,
                });
            }
            Some('是') => {
                return Some(Marker {
                    kind: MarkerKind::Shi,
                    n,
                    len: l + 1,
                });
            }
            _ => {}
        }
    }
    None
}

/// `一是`/`二是` at `at` inside a paragraph: only where a clause begins, so
/// `唯一是` or `统一是` do not count.
pub fn shi_marker_at(chars: &[char], at: usize) -> Option<Marker> {
    if at > 0 {
        let prev = *chars.get(at - 1)?;
        if !is_clause_break(prev) {
            return None;
        }
    }
    let (n, l) = han_ordinal(chars, at)?;
    if chars.get(at + l) != Some(&'是') {
        return None;
    }
    // 一是一、二是二 is an idiom, not an enumeration.
    if chars
        .get(at + l + 1)
        .copied()
        .is_some_and(|c| han_digit(c).is_some())
    {
        return None;
    }
    Some(Marker {
        kind: MarkerKind::Shi,
        n,
        len: l + 1,
    })
}

/// Characters after which a new clause (and so an enumeration) may start.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '。' | ';' | ',' | ':' | ' ' | '!' | '?' | '\n' | '、' | '”' | ')'
    )
}

fn circled(c: char) -> Option<u32> {
    let v = c as u32;
    (0x2460..=0x2473).contains(&v).then(|| v - 0x2460 + 1)
}

/// `chars` starts with `word`.
pub fn starts_with(chars: &[char], word: &str) -> bool {
    crate::work::add(word.len().min(chars.len()) / 3 + 1);
    let mut it = chars.iter();
    word.chars().all(|w| it.next() == Some(&w))
}

/// `word` starts with `c`: a character compare, where `str::starts_with`
/// encodes `c` and calls `memcmp` (a measurable cost in the hot scans).
#[inline]
pub(crate) fn first_is(word: &str, c: char) -> bool {
    word.chars().next().is_some_and(|f| f == c)
}

/// `chars` ends with `word`.
pub fn ends_with(chars: &[char], word: &str) -> bool {
    // Compared from the end: no count of the word's characters first.
    crate::work::add(word.len().min(chars.len()) / 3 + 1);
    let mut it = chars.iter().rev();
    word.chars().rev().all(|w| it.next() == Some(&w))
}

/// `chars` contains `word` (short needle; linear in `chars` times needle length).
pub fn contains(chars: &[char], word: &str) -> bool {
    find(chars, word).is_some()
}

/// First index of `word` in `chars`.
pub fn find(chars: &[char], word: &str) -> Option<usize> {
    let first = word.chars().next()?;
    let found = chars
        .iter()
        .enumerate()
        .position(|(i, &c)| c == first && starts_with(&chars[i..], word));
    crate::work::add(found.unwrap_or(chars.len()) + 1);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arabic_marker_before_a_year_is_a_marker_but_a_decimal_is_not() {
        assert_eq!(m("4、2024年度工作安排"), Some((MarkerKind::Arabic, 4, 2)));
        assert_eq!(m("1.5万元"), None);
    }

    fn m(s: &str) -> Option<(MarkerKind, u32, usize)> {
        let v: Vec<char> = s.chars().collect();
        leading_marker(&v).map(|m| (m.kind, m.n, m.len))
    }

    #[test]
    fn markers_of_every_level() {
        assert_eq!(m("一、主要举措"), Some((MarkerKind::Top, 1, 2)));
        assert_eq!(m("十一、其他"), Some((MarkerKind::Top, 11, 3)));
        assert_eq!(m("(十一)加大"), Some((MarkerKind::ParenHan, 11, 4)));
        assert_eq!(m("(3)加大"), Some((MarkerKind::ParenArabic, 3, 3)));
        assert_eq!(m("1.以组织"), Some((MarkerKind::Arabic, 1, 2)));
        assert_eq!(m("2、以组织"), Some((MarkerKind::Arabic, 2, 2)));
        assert_eq!(m("三是深入落实"), Some((MarkerKind::Shi, 3, 2)));
        assert_eq!(m("第二部分 存在的问题"), Some((MarkerKind::Top, 2, 5)));
        assert_eq!(m("①建立"), Some((MarkerKind::Circled, 1, 1)));
    }

    #[test]
    fn not_markers() {
        assert_eq!(m("2022年度推进"), None);
        assert_eq!(m("1.2万人"), None);
        assert_eq!(m("一方面"), None);
        assert_eq!(m("第二年"), None);
        assert_eq!(m("(2021-2025年)"), None);
    }

    #[test]
    fn shi_only_at_clause_start() {
        let v: Vec<char> = "唯一是,。二是加强".chars().collect();
        assert!(shi_marker_at(&v, 1).is_none());
        assert_eq!(shi_marker_at(&v, 5).map(|m| m.n), Some(2));
    }
}
