//! Cleaned text with a map back to the text as submitted.
//!
//! Guarantees:
//! - full-width ASCII forms are folded (`（一）`→`(一)`, `：`→`:`, `，`→`,`,
//!   `１`→`1`), odd spaces (U+3000, NBSP, BOM) become plain spaces;
//! - every line is trimmed; blank lines are gone;
//! - HTML character references left by scrapers (`&nbsp;`, `&ldquo;`) read
//!   as their characters; Markdown heading/emphasis marks around a line go;
//! - web-page chrome (`来源: … 日期: … 打印 【字体:`, metadata rows such as
//!   `发布日期`, table rows, breadcrumbs, date widgets, page counters) and
//!   conversion debris (`[bookmark: _GoBack]`) are dropped (chrome lines are
//!   kept aside for the header; see `chrome.rs`);
//! - a part heading glued after the last stop of a flattened paragraph
//!   (`…报告如下:一、主要举措和成效`) is split onto its own line;
//! - a line broken in the middle of a sentence or of a numbered heading (PDF
//!   conversion) is joined to its continuation;
//! - every normalized character maps to the CHARACTER offset of the
//!   original character it came from, so any span found here can be reported
//!   against the text as submitted.
//!
//! Linear in the input: each character is visited a constant number of times.

use crate::chrome::is_chrome;
use crate::markers::{MarkerKind, ends_with, leading_marker};

/// One cleaned line: `start..end` in [`Doc::chars`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

/// The submitted text, its cleaned form and the map between them.
#[derive(Debug)]
pub struct Doc<'a> {
    src: &'a str,
    /// Byte offset of every original character (plus one past the end).
    byte_of: Vec<usize>,
    /// Cleaned characters; lines are separated by `'\n'`.
    pub chars: Vec<char>,
    /// Original character offset of every cleaned character.
    map: Vec<usize>,
    pub lines: Vec<Line>,
    /// Chrome lines that were dropped (folded text), for the header to read dates from.
    pub chrome: Vec<String>,
}

/// Keep at most this many chrome lines: the header only needs the first few.
const MAX_CHROME_KEPT: usize = 32;

/// Fold one character; `None` drops it.
pub fn fold(c: char) -> Option<char> {
    let v = c as u32;
    Some(match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(v - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\t' => ' ',
        '\u{FEFF}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{00AD}' => return None,
        '﹪' => '%',
        '﹐' => ',',
        '﹑' => '、',
        '﹔' => ';',
        '﹕' => ':',
        '﹙' => '(',
        '﹚' => ')',
        '\u{2212}' => '-',
        _ => c,
    })
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

/// A CJK ideograph (the characters sentences are made of).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Words a complete heading commonly ends with: a numbered line ending
/// with one of these is whole, not broken.
const HEADING_ENDS: &[&str] = &[
    "情况", "安排", "成效", "原因", "不足", "问题", "方面", "打算", "计划", "思路", "举措", "措施",
    "做法", "职责", "工作", "成绩", "报告", "汇报", "设想", "方向", "任务", "建议", "亮点",
];

/// Pending logical line while joining broken lines.
struct Pending {
    chars: Vec<char>,
    map: Vec<usize>,
    /// Already extended by a join: a paragraph wrapped over several lines.
    joined: bool,
    /// `chars` holds a sentence stop (`。`/`;`): kept up to date on every
    /// join so the pending paragraph is never rescanned (that rescan made
    /// normalization quadratic in a long wrapped paragraph).
    has_stop: bool,
}

fn has_stop(line: &[char]) -> bool {
    crate::work::add(line.len());
    line.iter().any(|&c| matches!(c, '。' | ';'))
}

impl<'a> Doc<'a> {
    pub fn new(src: &'a str) -> Doc<'a> {
        let mut byte_of = Vec::with_capacity(src.len() / 2 + 1);
        let mut doc = Doc {
            src,
            byte_of: Vec::new(),
            chars: Vec::with_capacity(src.len() / 2),
            map: Vec::with_capacity(src.len() / 2),
            lines: Vec::new(),
            chrome: Vec::new(),
        };
        let mut raw: Vec<(char, usize)> = Vec::new();
        let mut pending: Option<Pending> = None;
        let mut adjacent = false; // previous kept raw line directly above
        let mut prev_was_cr = false;
        for (idx, (b, c)) in src.char_indices().enumerate() {
            crate::work::add(1);
            byte_of.push(b);
            if is_break(c) {
                // \r\n is one break.
                if !(c == '\n' && prev_was_cr) {
                    doc.take_raw_line(&mut raw, &mut pending, &mut adjacent, true);
                }
                prev_was_cr = c == '\r';
            } else {
                prev_was_cr = false;
                if let Some(f) = fold(c) {
                    raw.push((f, idx));
                }
            }
        }
        byte_of.push(src.len());
        doc.take_raw_line(&mut raw, &mut pending, &mut adjacent, true);
        if let Some(p) = pending.take() {
            doc.flush(p);
        }
        doc.byte_of = byte_of;
        doc
    }

    /// Number of characters in the submitted text.
    pub fn orig_len(&self) -> usize {
        self.byte_of.len().saturating_sub(1)
    }

    /// The submitted text.
    pub fn src(&self) -> &'a str {
        self.src
    }

    /// Characters of cleaned line `i` (empty when out of range).
    pub fn line(&self, i: usize) -> &[char] {
        self.lines
            .get(i)
            .and_then(|l| self.chars.get(l.start..l.end))
            .unwrap_or(&[])
    }

    /// Original character offset where cleaned character `n` came from.
    pub fn orig_start(&self, n: usize) -> usize {
        self.map.get(n).copied().unwrap_or_else(|| self.orig_len())
    }

    /// Original (exclusive) end offset for a cleaned span ending at `n`.
    pub fn orig_end(&self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        self.map
            .get(n - 1)
            .map(|&o| o + 1)
            .unwrap_or_else(|| self.orig_len())
    }

    /// Original character span of cleaned span `s..e`.
    pub fn orig_span(&self, s: usize, e: usize) -> (usize, usize) {
        let os = self.orig_start(s);
        let oe = self.orig_end(e).max(os);
        (os, oe)
    }

    /// The submitted text between two original character offsets.
    pub fn orig_slice(&self, os: usize, oe: usize) -> &'a str {
        let n = self.orig_len();
        let (os, oe) = (os.min(n), oe.min(n));
        if os >= oe {
            return "";
        }
        let (Some(&bs), Some(&be)) = (self.byte_of.get(os), self.byte_of.get(oe)) else {
            return "";
        };
        self.src.get(bs..be).unwrap_or("")
    }

    /// The submitted text of cleaned span `s..e`, exactly as written.
    pub fn exact(&self, s: usize, e: usize) -> &'a str {
        let (os, oe) = self.orig_span(s, e);
        self.orig_slice(os, oe)
    }

    /// The submitted text of cleaned span `s..e` for display: line breaks
    /// inside (a repaired break) removed, surrounding spaces trimmed.
    pub fn display(&self, s: usize, e: usize) -> String {
        let raw = self.exact(s, e);
        let mut out = String::with_capacity(raw.len());
        for piece in raw.split(is_break) {
            out.push_str(piece.trim_matches(is_space));
        }
        out
    }

    fn take_raw_line(
        &mut self,
        raw: &mut Vec<(char, usize)>,
        pending: &mut Option<Pending>,
        adjacent: &mut bool,
        may_split: bool,
    ) {
        crate::work::add(raw.len());
        crate::entities::decode(raw);
        remove_bookmarks(raw);
        let start = raw.iter().position(|&(c, _)| c != ' ').unwrap_or(raw.len());
        let end = raw
            .iter()
            .rposition(|&(c, _)| c != ' ')
            .map_or(start, |p| p + 1);
        let (start, end) = markdown_trim(raw, start, end);
        if start >= end {
            raw.clear();
            *adjacent = false;
            return;
        }
        // A page flattened from HTML glues a part heading to the end of the
        // paragraph before it (`…报告如下:一、主要举措和成效`): split it off,
        // once per raw line so the work stays linear.
        if may_split && let Some(at) = glued_heading(&raw[start..end]) {
            let mut tail = raw[start + at..end].to_vec();
            raw.truncate(start + at);
            self.take_raw_line(raw, pending, adjacent, false);
            self.take_raw_line(&mut tail, pending, adjacent, false);
            return;
        }
        let line: Vec<char> = raw[start..end].iter().map(|&(c, _)| c).collect();
        if is_chrome(&line) {
            if self.chrome.len() < MAX_CHROME_KEPT {
                self.chrome.push(line.iter().collect());
            }
            raw.clear();
            *adjacent = false;
            return;
        }
        let map: Vec<usize> = raw[start..end].iter().map(|&(_, o)| o).collect();
        raw.clear();
        let join = match pending.as_ref() {
            Some(p) if *adjacent => should_join(p, &line),
            _ => Join::No,
        };
        match pending.take() {
            Some(mut p) if join != Join::No => {
                // A repaired heading is complete; only a wrapped paragraph
                // may go on wrapping.
                p.joined = join == Join::Paragraph;
                p.has_stop = p.has_stop || has_stop(&line);
                p.chars.extend_from_slice(&line);
                p.map.extend_from_slice(&map);
                *pending = Some(p);
            }
            other => {
                if let Some(p) = other {
                    self.flush(p);
                }
                *pending = Some(Pending {
                    has_stop: has_stop(&line),
                    chars: line,
                    map,
                    joined: false,
                });
            }
        }
        *adjacent = true;
    }

    fn flush(&mut self, p: Pending) {
        if !self.chars.is_empty() {
            // The separator maps to the character after the previous line.
            let after = self.map.last().map_or(0, |&o| o + 1);
            self.chars.push('\n');
            self.map.push(after);
        }
        let start = self.chars.len();
        self.chars.extend_from_slice(&p.chars);
        self.map.extend_from_slice(&p.map);
        self.lines.push(Line {
            start,
            end: self.chars.len(),
        });
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || fold(c).is_none_or(|f| f == ' ')
}

/// Longest heading split off the end of a flattened paragraph.
const MAX_GLUED_HEADING: usize = 40;

/// Where a top-level heading glued after the last `。`/`:` of a line starts:
/// a short tail opening with `一、`-style numbering and holding no stop.
fn glued_heading(raw: &[(char, usize)]) -> Option<usize> {
    let stop = raw.iter().rposition(|&(c, _)| matches!(c, '。' | ':'))?;
    let at = stop + 1;
    let tail: Vec<char> = raw.get(at..)?.iter().map(|&(c, _)| c).collect();
    let heading = (4..=MAX_GLUED_HEADING).contains(&tail.len())
        && at >= 10
        && leading_marker(&tail).is_some_and(|m| m.kind == MarkerKind::Top);
    heading.then_some(at)
}

/// A Markdown export's heading and emphasis marks around a line
/// (`## 一、主要举措和成效`, `**(一)加强领导**`): dropped so the numbering
/// opens the line.
fn markdown_trim(raw: &[(char, usize)], mut start: usize, mut end: usize) -> (usize, usize) {
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
fn remove_bookmarks(raw: &mut Vec<(char, usize)>) {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    No,
    /// A paragraph wrapped by a converter.
    Paragraph,
    /// A numbered heading cut in two.
    Heading,
}

/// Whether `next` continues the pending logical line (a break made by a
/// converter, not by the author). Constant work on the pending line plus
/// bounded work on `next`: only its end, its length, its cached stop flag
/// and (when short) its marker are read.
fn should_join(pending: &Pending, next: &[char]) -> Join {
    let prev = pending.chars.as_slice();
    let (Some(&last), Some(&first)) = (prev.last(), next.first()) else {
        return Join::No;
    };
    if leading_marker(next).is_some() {
        return Join::No;
    }
    // A list separator at the end of a line never ends a paragraph.
    if matches!(last, ',' | '、') {
        let ok =
            is_han(first) || first.is_ascii_alphanumeric() || matches!(first, '“' | '《' | '"');
        return if ok { Join::Paragraph } else { Join::No };
    }
    if !is_han(last) || !(is_han(first) || matches!(first, '“' | '《')) {
        return Join::No;
    }
    if next.len() < 2 {
        return Join::No; // `无` under a heading
    }
    // A body line cut mid-sentence: it already holds a finished sentence.
    let body_like = prev.len() >= 15 && pending.has_stop;
    if body_like || pending.joined {
        return Join::Paragraph;
    }
    // A numbered heading cut in two: short tail, no sentence stop, and the
    // head does not end the way complete headings do.
    let heading = prev.len() <= 60
        && next.len() <= 20
        && leading_marker(prev).is_some_and(|m| m.kind == MarkerKind::Top)
        && !next.contains(&'。')
        && !HEADING_ENDS.iter().any(|w| ends_with(prev, w));
    if heading { Join::Heading } else { Join::No }
}

#[cfg(test)]
mod tests;
