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

mod debris;
mod join;

use debris::{glued_heading, markdown_trim, remove_bookmarks};
use join::{Join, Pending, has_stop, should_join};

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
    /// Byte offset of every [`BYTE_STEP`]-th original character: an offset
    /// per character was the parse's largest buffer (and its page faults).
    byte_marks: Vec<usize>,
    /// Number of original characters.
    orig_count: usize,
    /// Cleaned characters; lines are separated by `'\n'`.
    pub chars: Vec<char>,
    /// Original character offset of every cleaned character.
    map: OffsetMap,
    pub lines: Vec<Line>,
    /// Chrome lines that were dropped (folded text), for the header to read dates from.
    pub chrome: Vec<String>,
}

/// Original characters per entry of [`Doc::byte_marks`]: the byte offset of
/// any other character is found by decoding fewer than this many.
const BYTE_STEP: usize = 16;

/// Keep at most this many chrome lines: the header only needs the first few.
const MAX_CHROME_KEPT: usize = 32;

/// Fold one character; `None` drops it.
#[inline]
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

impl<'a> Doc<'a> {
    pub fn new(src: &'a str) -> Doc<'a> {
        let mut byte_marks = Vec::with_capacity(src.len() / (2 * BYTE_STEP) + 1);
        let mut orig_count = 0;
        let mut doc = Doc {
            src,
            byte_marks: Vec::new(),
            orig_count: 0,
            chars: Vec::with_capacity(src.len() / 2),
            map: OffsetMap::default(),
            lines: Vec::new(),
            chrome: Vec::new(),
        };
        let mut raw: Vec<(char, usize)> = Vec::new();
        let mut pending: Option<Pending> = None;
        let mut adjacent = false; // previous kept raw line directly above
        let mut prev_was_cr = false;
        // The raw line holds `&` or `[` (references, bookmarks to read).
        let mut marks = false;
        for (idx, (b, c)) in src.char_indices().enumerate() {
            crate::work::add(1);
            if idx.is_multiple_of(BYTE_STEP) {
                byte_marks.push(b);
            }
            orig_count = idx + 1;
            // Ideographs and printable ASCII are neither breaks nor folded:
            // most characters take this one test.
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                prev_was_cr = false;
                raw.push((c, idx));
                continue;
            }
            if (' '..='~').contains(&c) {
                prev_was_cr = false;
                marks |= matches!(c, '&' | '[');
                raw.push((c, idx));
                continue;
            }
            if is_break(c) {
                // \r\n is one break.
                if !(c == '\n' && prev_was_cr) {
                    doc.take_raw_line(&mut raw, &mut pending, &mut adjacent, true, marks);
                    marks = false;
                }
                prev_was_cr = c == '\r';
            } else {
                prev_was_cr = false;
                if let Some(f) = fold(c) {
                    marks |= matches!(f, '&' | '[');
                    raw.push((f, idx));
                }
            }
        }
        doc.take_raw_line(&mut raw, &mut pending, &mut adjacent, true, marks);
        if let Some(p) = pending.take() {
            doc.flush(p);
        }
        doc.byte_marks = byte_marks;
        doc.orig_count = orig_count;
        doc
    }

    /// Number of characters in the submitted text.
    pub fn orig_len(&self) -> usize {
        self.orig_count
    }

    /// Byte offset of original character `k` (`src.len()` for one past the
    /// last): from the mark before it, decoding under [`BYTE_STEP`] chars.
    fn byte_at(&self, k: usize) -> Option<usize> {
        if k >= self.orig_count {
            return (k == self.orig_count).then_some(self.src.len());
        }
        let from = *self.byte_marks.get(k / BYTE_STEP)?;
        let rest = self.src.get(from..)?;
        let skip = rest
            .char_indices()
            .nth(k % BYTE_STEP)
            .map_or(rest.len(), |(b, _)| b);
        Some(from + skip)
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
        self.map.get(n).unwrap_or_else(|| self.orig_len())
    }

    /// Original (exclusive) end offset for a cleaned span ending at `n`.
    pub fn orig_end(&self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        self.map
            .get(n - 1)
            .map(|o| o + 1)
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
        let (Some(bs), Some(be)) = (self.byte_at(os), self.byte_at(oe)) else {
            return "";
        };
        self.src.get(bs..be).unwrap_or("")
    }

    /// Characters of `orig_slice(os, oe)`, without counting them.
    pub(crate) fn orig_chars(&self, os: usize, oe: usize) -> usize {
        let n = self.orig_len();
        oe.min(n).saturating_sub(os.min(n))
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
        marks: bool,
    ) {
        crate::work::add(raw.len());
        // Without `&` or `[` there is nothing to read (both would scan).
        if marks {
            crate::entities::decode(raw);
            remove_bookmarks(raw);
        }
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
            self.take_raw_line(raw, pending, adjacent, false, true);
            self.take_raw_line(&mut tail, pending, adjacent, false, true);
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
            let after = self.map.last().map_or(0, |o| o + 1);
            self.chars.push('\n');
            self.map.push(after);
        }
        let start = self.chars.len();
        self.chars.extend_from_slice(&p.chars);
        self.map.extend(&p.map);
        self.lines.push(Line {
            start,
            end: self.chars.len(),
        });
    }
}

/// Original offsets of the cleaned characters, as runs of consecutive
/// offsets: most cleaned characters are the original character after the
/// previous one's, so a line costs a run or a few instead of an offset per
/// character (that buffer was most of the parse's memory traffic).
#[derive(Debug, Default)]
struct OffsetMap {
    /// (first cleaned index, its original offset) of every run, in order.
    runs: Vec<(usize, usize)>,
    /// Cleaned characters mapped.
    len: usize,
    /// The original offset that would continue the last run.
    next: Option<usize>,
    /// The run holding cleaned character `k * MAP_BLOCK`, for every `k`:
    /// a lookup walks from there over at most a block's runs (a binary
    /// search per span end was a measurable part of building the output).
    blocks: Vec<usize>,
}

/// Cleaned characters per entry of [`OffsetMap::blocks`].
const MAP_BLOCK: usize = 64;

impl OffsetMap {
    fn push(&mut self, orig: usize) {
        if self.next != Some(orig) {
            self.runs.push((self.len, orig));
        }
        if self.len.is_multiple_of(MAP_BLOCK) {
            self.blocks.push(self.runs.len() - 1);
        }
        self.next = orig.checked_add(1);
        self.len += 1;
    }

    /// `push` of each offset, with the state kept in locals.
    fn extend(&mut self, offsets: &[usize]) {
        let (mut next, mut len) = (self.next, self.len);
        for &o in offsets {
            if next != Some(o) {
                self.runs.push((len, o));
            }
            if len.is_multiple_of(MAP_BLOCK) {
                self.blocks.push(self.runs.len() - 1);
            }
            next = o.checked_add(1);
            len += 1;
        }
        (self.next, self.len) = (next, len);
    }

    fn get(&self, n: usize) -> Option<usize> {
        if n >= self.len {
            return None;
        }
        let mut k = *self.blocks.get(n / MAP_BLOCK)?;
        while self.runs.get(k + 1).is_some_and(|&(c, _)| c <= n) {
            k += 1;
        }
        let &(c, o) = self.runs.get(k)?;
        Some(o + (n - c))
    }

    fn last(&self) -> Option<usize> {
        self.get(self.len.checked_sub(1)?)
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || fold(c).is_none_or(|f| f == ' ')
}

#[cfg(test)]
mod tests;
