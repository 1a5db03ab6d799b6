//! Conversion debris on a raw line: a part heading glued after a
//! paragraph's last stop, Markdown heading and emphasis marks, Word's
//! `[bookmark: …]` runs.

use crate::markers::{MarkerKind, leading_marker};

/// Longest heading split off the end of a flattened paragraph.
const MAX_GLUED_HEADING: usize = 40;

/// Where a top-level heading glued after the last `。`/`:` of a line starts:
/// a short tail opening with `一、`-style numbering and holding no stop.
pub(super) fn glued_heading(raw: &[(char, usize)]) -> Option<usize> {
    let stop = raw.iter().rposition(|&(c, _)| matches!(c, '。' | ':'))?;
    let at = stop + 1;
    let tail = raw.get(at..)?;
    // Lengths first: most lines end at their stop, and collecting every
    // line's tail was an allocation per line.
    if !(4..=MAX_GLUED_HEADING).contains(&tail.len()) || at < 10 {
        return None;
    }
    let tail: Vec<char> = tail.iter().map(|&(c, _)| c).collect();
    let heading = leading_marker(&tail).is_some_and(|m| m.kind == MarkerKind::Top);
    heading.then_some(at)
}

/// A Markdown export's heading and emphasis marks around a line
/// (`## 一、主要举措和成效`, `**(一)加强领导**`): dropped so the numbering
/// opens the line.
pub(super) fn markdown_trim(
    raw: &[(char, usize)],
    mut start: usize,
    mut end: usize,
) -> (usize, usize) {
    let hashes = raw[start..end]
        .iter()
        .take_while(|&&(c, _)| c == '#')
        .count();
    if (1..=6).contains(&hashes) && raw.get(start + hashes).is_some_and(|&(c, _)| c == ' ') {
        start += hashes;
    }
    let stars = |from: usize| {
        raw[from..end]
            .iter()
            .take_while(|&&(c, _)| c == '*')
            .count()
    };
    if end - start > 4 && stars(start) == 2 {
        start += 2;
        if raw[end - 2].0 == '*' && raw[end - 1].0 == '*' {
            end -= 2;
        }
    }
    while start < end && raw[start].0 == ' ' {
        start += 1;
    }
    (start, end)
}

/// Drop `[bookmark: …]` runs (Word conversions). Bounded look-ahead per `[`.
pub(super) fn remove_bookmarks(raw: &mut Vec<(char, usize)>) {
    const TAG: &str = "[bookmark:";
    if !raw.iter().any(|&(c, _)| c == '[') {
        return;
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i].0 == '[' {
            let head_matches = TAG.chars().enumerate().all(|(k, t)| {
                raw.get(i + k)
                    .is_some_and(|&(c, _)| c.eq_ignore_ascii_case(&t))
            });
            if head_matches {
                let limit = raw.len().min(i + 80);
                if let Some(close) = (i..limit).find(|&k| raw[k].0 == ']') {
                    i = close + 1;
                    continue;
                }
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    *raw = out;
}
