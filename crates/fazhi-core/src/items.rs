//! Items of a part: its first level of numbered sub-headings (`(一)…`,
//! `1.…`) with their bodies, or, when the part has none, its in-paragraph
//! enumeration (`一是…二是…三是…`).
//!
//! The first level is the numbering style of the first numbered line of the
//! part (a single stray `一、` before `(二)…` is the first `(一)` mistyped);
//! deeper enumerations inside an item are not items. A marker of that level
//! run in after a `。` that numbers the next item opens one too. With no
//! markers at all, short bare lines each followed by a body line are
//! sub-headings whose Word numbering was lost. Titles never carry the
//! marker. Titles follow the
//! corpus convention: a numbered item's title runs from its marker to the
//! end of its line, or through the first `。` when the body follows on the
//! same line; an `一是` item's title is its run-in phrase (up to the first
//! `。`/`;`/`,`) when that is short.
//!
//! Guarantees: linear in the part's length (each line's marker is read once;
//! `一是` markers are looked for only at clause starts, with bounded
//! look-ahead); item spans lie inside the part.

use crate::markers::{MarkerKind, is_clause_break, leading_marker, shi_marker_at};
use crate::numerals::{is_han_numeral_char, starts_han_number};

/// An item in cleaned-text coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawItem {
    /// Cleaned-char span of the title, if the item has one.
    pub title: Option<(usize, usize)>,
    /// Cleaned-char span of the whole item (marker through body).
    pub start: usize,
    pub end: usize,
    /// Where the item's own words start: after its marker and the blanks
    /// after it (`start` when it has none).
    pub words: usize,
}

/// Longest run-in title of an `一是` item.
const MAX_SHI_TITLE: usize = 40;

/// Items of the part whose body is `lines` (cleaned-char ranges, in order).
/// `body_end` is the cleaned-char end of the part.
pub fn items_of(chars: &[char], lines: &[(usize, usize)], body_end: usize) -> Vec<RawItem> {
    let line = |&(s, e): &(usize, usize)| chars.get(s..e).unwrap_or(&[]);
    // First numbered style at the start of a line (not 一是).
    let style = lines.iter().find_map(|l| {
        leading_marker(line(l))
            .map(|m| m.kind)
            .filter(|k| *k != MarkerKind::Shi)
    });
    if let Some(kind) = style {
        return numbered(chars, lines, body_end, sub_level(chars, lines, kind));
    }
    // In-paragraph enumeration: 一是…二是…, numbered in sequence.
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (marker start, text start, line end)
    let mut expected = 1;
    for &(s, e) in lines {
        let text = chars.get(s..e).unwrap_or(&[]);
        crate::work::add(text.len());
        for j in 0..text.len() {
            // The numeral filter first: it rejects most characters in one test.
            let c = text[j];
            if !is_han_numeral_char(c)
                || !starts_han_number(c)
                || (j > 0 && !is_clause_break(text[j - 1]))
            {
                continue;
            }
            let Some(m) = shi_marker_at(text, j) else {
                continue;
            };
            if m.n == 1 || m.n == expected {
                found.push((s + j, s + j + m.len, e));
                expected = m.n + 1;
            }
        }
    }
    if found.is_empty() {
        return bare_headings(chars, lines, body_end);
    }
    found
        .iter()
        .enumerate()
        .map(|(k, &(ms, ts, line_end))| {
            let end = found.get(k + 1).map_or(body_end, |n| trim_back(chars, n.0));
            let stop = (ts..line_end.min(ts + MAX_SHI_TITLE + 1))
                .find(|&p| matches!(chars.get(p), Some('。' | ';' | ',' | ':')));
            let title = stop.filter(|&p| p > ts).map(|p| (ts, p)).or_else(|| {
                // A sub-heading line of its own: `三是深入落实行政执法三项制度`.
                (line_end - ts <= MAX_SHI_TITLE && line_end > ts).then_some((ts, line_end))
            });
            RawItem {
                title,
                start: ms,
                end: end.max(ms),
                words: ts,
            }
        })
        .collect()
}

/// The items' level when the first numbered line is `first`. Two `一、` in
/// a row happen: `一、主要举措和成效` then `一、深入学习…` typed where `(一)`
/// was meant, followed by `(二)…(五)`. A single top-level line followed by
/// at least two lines of one deeper style: the deeper style is the level
/// (and the stray line opens its first item, see [`numbered`]).
fn sub_level(chars: &[char], lines: &[(usize, usize)], first: MarkerKind) -> MarkerKind {
    if first != MarkerKind::Top {
        return first;
    }
    let kinds: Vec<MarkerKind> = lines
        .iter()
        .filter_map(|&(s, e)| leading_marker(chars.get(s..e).unwrap_or(&[])).map(|m| m.kind))
        .filter(|k| *k != MarkerKind::Shi)
        .collect();
    let tops = kinds.iter().filter(|k| **k == MarkerKind::Top).count();
    let next = kinds.iter().copied().find(|k| *k != MarkerKind::Top);
    match next {
        Some(k) if tops == 1 && kinds.iter().filter(|x| **x == k).count() >= 2 => k,
        _ => first,
    }
}

/// Items opened by markers of `kind`: every line opening with one, and a
/// marker run in after a sentence stop when it numbers the next item
/// (`(一)推进执法信息化建设。(二)加强执法队伍培训。` is two items).
fn numbered(
    chars: &[char],
    lines: &[(usize, usize)],
    body_end: usize,
    kind: MarkerKind,
) -> Vec<RawItem> {
    // (item start, marker length, end of its first line)
    let mut starts: Vec<(usize, usize, usize)> = Vec::new();
    let mut last_n = 0;
    for &(s, e) in lines {
        let text = chars.get(s..e).unwrap_or(&[]);
        let marker = leading_marker(text);
        // The stray `一、` before `(二)`: the first item, mistyped.
        let stray_first = starts.is_empty()
            && kind != MarkerKind::Top
            && marker.is_some_and(|m| m.kind == MarkerKind::Top && m.n == 1);
        if let Some(m) = marker.filter(|m| m.kind == kind || stray_first) {
            starts.push((s, m.len, e));
            last_n = m.n;
        } else if starts.is_empty() {
            continue;
        }
        crate::work::add(text.len());
        for j in 1..text.len() {
            if !matches!(text[j - 1], '。' | ';') {
                continue;
            }
            if let Some(m) = leading_marker(&text[j..])
                .filter(|m| m.kind == kind && m.n == last_n + 1 && kind != MarkerKind::Circled)
            {
                starts.push((s + j, m.len, e));
                last_n = m.n;
            }
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &(s, marker, line_end))| {
            let next = starts.get(k + 1).map(|n| n.0);
            // The title stops at the first 。 outside quotes, the next
            // run-in item, or the line end.
            let limit = next.filter(|&n| n < line_end).unwrap_or(line_end);
            let title_end = sentence_end(chars, s, limit);
            let mut title_start = s + marker;
            while title_start < title_end && chars.get(title_start) == Some(&' ') {
                title_start += 1;
            }
            let end = match next {
                Some(n) => trim_back(chars, n),
                None => body_end,
            };
            RawItem {
                title: (title_start < title_end).then_some((title_start, title_end)),
                start: s,
                end: end.max(limit),
                words: title_start,
            }
        })
        .collect()
}

/// End (after its `。`) of the first sentence in `s..limit`, a `。` inside
/// quotes not counting; `limit` when there is none.
fn sentence_end(chars: &[char], s: usize, limit: usize) -> usize {
    let mut depth = 0usize;
    for p in s..limit {
        match chars.get(p) {
            Some('“' | '《' | '(') => depth += 1,
            Some('”' | '》' | ')') => depth = depth.saturating_sub(1),
            Some('。') if depth == 0 => return p + 1,
            _ => {}
        }
    }
    limit
}

/// Longest bare sub-heading line.
const MAX_BARE_HEADING: usize = 24;

/// A line that reads as a sub-heading whose Word numbering was lost: short,
/// all Han, no punctuation.
fn is_bare_heading(line: &[char]) -> bool {
    (4..=MAX_BARE_HEADING).contains(&line.len())
        && line
            .iter()
            .all(|&c| crate::normalize::is_han(c) || c == '“' || c == '”')
}

/// Sub-headings that lost their numbering (Word's automatic list exported
/// as plain text): at least two short bare lines, each followed by a longer
/// body line. The whole line is the title.
fn bare_headings(chars: &[char], lines: &[(usize, usize)], body_end: usize) -> Vec<RawItem> {
    let text = |i: usize| {
        lines
            .get(i)
            .and_then(|&(s, e)| chars.get(s..e))
            .unwrap_or(&[])
    };
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let next = text(i + 1);
            is_bare_heading(text(i)) && next.len() > MAX_BARE_HEADING && !is_bare_heading(next)
        })
        .collect();
    if starts.len() < 2 {
        return Vec::new();
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let (s, e) = lines[i];
            let end = starts
                .get(k + 1)
                .map_or(body_end, |&n| lines[n.saturating_sub(1)].1);
            RawItem {
                title: Some((s, e)),
                start: s,
                end: end.max(e),
                words: s,
            }
        })
        .collect()
}

/// Back over spaces and newlines before `pos`.
fn trim_back(chars: &[char], mut pos: usize) -> usize {
    while pos > 0 && chars.get(pos - 1).is_some_and(|c| c.is_whitespace()) {
        pos -= 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(src: &str) -> Vec<(Option<String>, String)> {
        let chars: Vec<char> = src.chars().collect();
        let mut lines = Vec::new();
        let mut s = 0;
        for (i, c) in chars.iter().enumerate() {
            if *c == '\n' {
                lines.push((s, i));
                s = i + 1;
            }
        }
        lines.push((s, chars.len()));
        items_of(&chars, &lines, chars.len())
            .into_iter()
            .map(|it| {
                let t = it.title.map(|(a, b)| chars[a..b].iter().collect());
                (t, chars[it.start..it.end].iter().collect())
            })
            .collect()
    }

    #[test]
    fn numbered_sub_headings_are_the_first_level() {
        let v = items("(一)加强学习\n一是学。二是用。\n(二)完善制度。制度内容。\n1.细则。");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].0.as_deref(), Some("加强学习"));
        assert_eq!(v[0].1, "(一)加强学习\n一是学。二是用。");
        assert_eq!(v[1].0.as_deref(), Some("完善制度。"));
    }

    #[test]
    fn two_numbered_items_on_one_line_are_two_items() {
        let v = items("(一)推进执法信息化建设。(二)加强执法队伍培训。全年培训。\n(三)强化监督。");
        let titles: Vec<_> = v.iter().map(|x| x.0.clone().unwrap_or_default()).collect();
        assert_eq!(
            titles,
            vec!["推进执法信息化建设。", "加强执法队伍培训。", "强化监督。"]
        );
        assert_eq!(v[0].1, "(一)推进执法信息化建设。");
        assert_eq!(v[1].1, "(二)加强执法队伍培训。全年培训。");
    }

    #[test]
    fn a_title_is_never_cut_inside_quotes() {
        let v = items("(一)落实“谁执法。谁普法”责任制。全年开展活动。");
        assert_eq!(v[0].0.as_deref(), Some("落实“谁执法。谁普法”责任制。"));
    }

    #[test]
    fn in_paragraph_enumeration() {
        let v = items(
            "存在问题。一是认识不够,需要加强;二是力度不足。\n三是深入落实行政执法三项制度\n全面提高能力。",
        );
        let titles: Vec<_> = v.iter().map(|x| x.0.clone().unwrap_or_default()).collect();
        assert_eq!(
            titles,
            vec!["认识不够", "力度不足", "深入落实行政执法三项制度"]
        );
        assert_eq!(v[2].1, "三是深入落实行政执法三项制度\n全面提高能力。");
    }

    #[test]
    fn sub_headings_that_lost_their_numbering_are_items() {
        let v = items(
            "健全依法决策机制\n局党委会严格执行议事规则,重大事项集体讨论决定,全年审议议题40项。\n规范农业综合执法\n执法队全年开展检查300余次,立案查处违法案件86件。",
        );
        let titles: Vec<_> = v.iter().map(|x| x.0.clone().unwrap_or_default()).collect();
        assert_eq!(titles, vec!["健全依法决策机制", "规范农业综合执法"]);
        // One short line alone (`无`, a closing phrase) is not an item list.
        assert!(
            items("执法队伍建设有待加强\n执法人员中具有法律专业背景的人员偏少,办案能力不足。")
                .is_empty()
        );
    }

    #[test]
    fn a_mistyped_top_marker_opens_the_first_item() {
        let v = items(
            "一、深入学习法治思想\n内容。\n(二)统筹推进法治建设\n内容。\n(三)强化复议\n内容。\n1.细则。",
        );
        let titles: Vec<_> = v.iter().map(|x| x.0.clone().unwrap_or_default()).collect();
        assert_eq!(
            titles,
            vec!["深入学习法治思想", "统筹推进法治建设", "强化复议"]
        );
    }

    #[test]
    fn no_markers_no_items() {
        assert!(items("我局领导高度重视。\n无").is_empty());
    }
}
