//! The five statutory parts, recognised by meaning.
//!
//! A line is a part heading when its text (numbering and year stripped)
//! carries the key terms of one part (`举措`/`成效`, `不足`/`问题`,
//! `第一责任人`, `安排`/`计划`/`下一步`, `其他…报告`) and it sits at the top
//! numbering level of the document (`一、`, or unnumbered on a line of its
//! own). Deeper numbered lines (`(一)…`, `1.…`, `一是…`) are items, never
//! parts, unless the document has no shallower level at all.
//!
//! Guarantees: a part that has no heading is absent (never invented); parts
//! are reported in document order, whatever that order is; each heading line
//! is classified with a bounded amount of work (headings are short), so the
//! whole pass is linear in the text.

use crate::markers::{MarkerKind, contains, leading_marker};
use crate::model::Part;
use crate::normalize::Doc;

/// Longest heading text we consider (after the numbering).
const MAX_HEADING: usize = 60;
/// Unnumbered headings must be shorter still: long unnumbered lines are prose.
const MAX_UNNUMBERED_HEADING: usize = 45;

/// A part found in the document, in cleaned-text coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartSpan {
    pub part: Part,
    /// Index of the heading line in [`Doc::lines`].
    pub heading_line: usize,
    /// End (cleaned char) of the heading text within its line (a run-in
    /// heading stops at its first `。`).
    pub heading_end: usize,
    /// Lines of the part: `heading_line..end_line`.
    pub end_line: usize,
    /// The heading had no numbering at all.
    pub unnumbered: bool,
}

/// Numbering level of a candidate heading line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Unnumbered,
    Top,
    ParenHan,
    Arabic,
    /// `(1)`: below `1、` when both are used, never a part level.
    ParenArabic,
}

struct Candidate {
    line: usize,
    part: Part,
    level: Level,
    heading_end: usize,
}

pub use crate::years::year_in;

/// Which statutory part a heading text (numbering stripped) names, if any.
/// `year` is the reported year when already known (from the title): a
/// heading naming the following year (`2024年重点工作`) is then the plan.
pub fn classify(h: &[char], year: Option<i32>) -> Option<Part> {
    let seen = CharSet::of(h);
    // Most of the ~60 words have a character the heading lacks: the set
    // answers for them without a scan.
    let contains = |h: &[char], w: &str| seen.may_hold(w) && contains(h, w);
    let any = |words: &[&str]| words.iter().any(|w| contains(h, w));
    if contains(h, "其他") && any(&["报告", "说明", "情况", "事项"]) {
        return Some(Part::Other);
    }
    let leader_subject = any(&[
        "主要负责人",
        "主要负责同志",
        "主要领导",
        "一把手",
        "党政负责人",
    ]);
    if any(&["第一责任人", "法治建设责任制", "述法"])
        || (leader_subject && any(&["职责", "履行", "履职", "情况", "责任"]))
    {
        return Some(Part::LeaderDuty);
    }
    let plan = any(&[
        "下一年",
        "下一步",
        "下步",
        "明年",
        "来年",
        "今后",
        "安排",
        "计划",
        "打算",
        "思路",
        "设想",
        "展望",
        "努力方向",
    ]);
    let problems = any(&["不足", "短板", "差距", "薄弱"])
        || (contains(h, "问题") && any(&["存在", "原因", "困难", "主要问题"]));
    if problems && !plan {
        return Some(Part::Shortcomings);
    }
    if plan {
        return Some(Part::NextYear);
    }
    let measures = any(&[
        "举措",
        "成效",
        "做法",
        "亮点",
        "工作情况",
        "开展情况",
        "建设情况",
        "推进情况",
        "落实情况",
        "基本情况",
        "主要工作",
        "工作成果",
        "主要成绩",
        "取得的成绩",
        "工作总结",
        "完成情况",
    ]);
    if measures {
        return Some(Part::Measures);
    }
    if let (Some(y), Some(r)) = (year_in(h), year) {
        if y == r + 1 && any(&["工作", "任务", "重点"]) {
            return Some(Part::NextYear);
        }
        if y == r && contains(h, "工作") {
            return Some(Part::Measures);
        }
    }
    None
}

/// Which characters a short text holds, as a 256-bit filter on the low
/// byte of each: no false negatives, so a word whose first character is
/// absent cannot occur.
struct CharSet([u64; 4]);

impl CharSet {
    fn of(text: &[char]) -> CharSet {
        let mut bits = [0u64; 4];
        for &c in text {
            let v = c as u32 & 255;
            bits[(v >> 6) as usize] |= 1 << (v & 63);
        }
        CharSet(bits)
    }

    fn may_hold(&self, word: &str) -> bool {
        word.chars().next().is_some_and(|c| {
            let v = c as u32 & 255;
            self.0[(v >> 6) as usize] >> (v & 63) & 1 == 1
        })
    }
}

/// Heading text of a line: numbering stripped, up to the first `。` (run-in
/// headings), or `None` when the line cannot be a heading.
fn heading_text(line: &[char]) -> Option<(Level, usize, usize)> {
    let marker = leading_marker(line);
    let level = match marker.map(|m| m.kind) {
        None => Level::Unnumbered,
        Some(MarkerKind::Top) => Level::Top,
        Some(MarkerKind::ParenHan) => Level::ParenHan,
        Some(MarkerKind::Arabic) => Level::Arabic,
        Some(MarkerKind::ParenArabic) => Level::ParenArabic,
        Some(MarkerKind::Shi | MarkerKind::Circled) => return None,
    };
    let mut start = marker.map_or(0, |m| m.len);
    while line.get(start) == Some(&' ') {
        start += 1;
    }
    let stop = line[start.min(line.len())..]
        .iter()
        .position(|&c| c == '。')
        .map_or(line.len(), |p| start + p);
    let text = line.get(start..stop)?;
    let max = if level == Level::Unnumbered {
        MAX_UNNUMBERED_HEADING
    } else {
        MAX_HEADING
    };
    // The length first: most lines are prose, far longer than a heading.
    if text.is_empty() || text.len() > max {
        return None;
    }
    if text.iter().any(|&c| matches!(c, ';' | '?' | '!')) || contains(text, "如下") {
        return None;
    }
    if level == Level::Unnumbered {
        // Unnumbered: a line of its own, not a sentence of prose.
        let ends_like_heading = [
            "情况", "安排", "原因", "不足", "成效", "方面", "打算", "计划", "思路", "问题",
        ]
        .iter()
        .any(|w| crate::markers::ends_with(text, w));
        if line.contains(&'。')
            || (text.contains(&',') && !ends_like_heading)
            || text.last() == Some(&':')
        {
            return None;
        }
    }
    // A title line (`…法治政府建设年度报告`) is not a part heading.
    let seen = CharSet::of(text);
    let title_like = [
        "年度报告",
        "情况报告",
        "情况汇报",
        "建设报告",
        "工作报告",
        "工作汇报",
        "的报告",
        "的汇报",
    ]
    .iter()
    .any(|w| seen.may_hold(w) && contains(text, w));
    if title_like && !contains(text, "其他") {
        return None;
    }
    Some((level, start, stop))
}

/// Find the statutory parts. `skip` lists lines that belong to the header
/// (title, agency line); `year` is the title's year when known.
pub fn find_parts(doc: &Doc, skip: &[usize], year: Option<i32>) -> Vec<PartSpan> {
    let mut cands: Vec<Candidate> = Vec::new();
    let mut has_top_level = false;
    for i in 0..doc.lines.len() {
        if skip.contains(&i) {
            continue;
        }
        let line = doc.line(i);
        let Some((level, s, e)) = heading_text(line) else {
            continue;
        };
        if level == Level::Top {
            has_top_level = true;
        }
        let Some(part) = line.get(s..e).and_then(|h| classify(h, year)) else {
            continue;
        };
        let base = doc.lines.get(i).map_or(0, |l| l.start);
        cands.push(Candidate {
            line: i,
            part,
            level,
            heading_end: base + e,
        });
    }
    // The level parts live at: the shallowest one any candidate uses, but
    // never below a topical top level (then `(二)…第一责任人…` is an item).
    let shallow = cands
        .iter()
        .any(|c| matches!(c.level, Level::Unnumbered | Level::Top));
    let allowed = |l: Level| -> bool {
        if shallow {
            matches!(l, Level::Unnumbered | Level::Top)
        } else if has_top_level {
            false
        } else if cands.iter().any(|c| c.level == Level::ParenHan) {
            l == Level::ParenHan
        } else {
            l == Level::Arabic
        }
    };
    let kept: Vec<&Candidate> = cands.iter().filter(|c| allowed(c.level)).collect();
    let mut out: Vec<PartSpan> = Vec::new();
    for (k, c) in kept.iter().enumerate() {
        let end_line = kept.get(k + 1).map_or(doc.lines.len(), |n| n.line);
        // Consecutive headings of one part (`一、主要成效` then `二、主要做法`)
        // are one part.
        if let Some(last) = out.last_mut()
            && last.part == c.part
        {
            last.end_line = end_line;
            continue;
        }
        out.push(PartSpan {
            part: c.part,
            heading_line: c.line,
            heading_end: c.heading_end,
            end_line,
            unnumbered: c.level == Level::Unnumbered,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cls(s: &str) -> Option<Part> {
        let v: Vec<char> = s.chars().collect();
        classify(&v, Some(2023))
    }

    #[test]
    fn heading_variants_are_recognised_by_meaning() {
        use Part::*;
        for (h, p) in [
            ("2022年度推进法治政府建设的主要举措和成效", Measures),
            ("2023年法治政府建设工作情况", Measures),
            ("主要举措和突出成效", Measures),
            ("基本情况和主要成效", Measures),
            ("工作开展情况", Measures),
            ("2023年主要工作", Measures),
            ("存在的问题和不足", Shortcomings),
            ("存在的不足和原因", Shortcomings),
            ("上一年度推进法治政府建设存在的不足和原因", Shortcomings),
            (
                "党政主要负责人履行推进法治建设第一责任人职责情况",
                LeaderDuty,
            ),
            ("党政主要负责人履行推进第一责任人职责方面", LeaderDuty),
            (
                "区政府主要负责同志履行推进法治建设第一责任人职责情况",
                LeaderDuty,
            ),
            ("法治建设责任制工作情况", LeaderDuty),
            ("下一年度推进法治政府建设的主要安排", NextYear),
            ("2024年工作安排", NextYear),
            ("2023年度推进法治政府建设工作安排", NextYear),
            ("2024年工作计划", NextYear),
            ("下一步工作打算", NextYear),
            ("2024年工作思路", NextYear),
            ("2024年重点工作", NextYear),
            ("其他需要报告的情况", Other),
        ] {
            assert_eq!(cls(h), Some(p), "{h}");
        }
    }

    #[test]
    fn topical_headings_are_not_parts() {
        assert_eq!(cls("强化组织领导,夯实法治基础"), None);
        assert_eq!(cls("加强法治宣传教育"), None);
    }

    fn parts_of(src: &str) -> Vec<Part> {
        let doc = Doc::new(src);
        find_parts(&doc, &[], None)
            .into_iter()
            .map(|p| p.part)
            .collect()
    }

    #[test]
    fn sub_headings_inside_a_part_are_not_parts() {
        let src = "一、主要举措和成效\n(一)加强学习。\n(二)切实履行推进法治建设第一责任人职责\n内容。\n二、存在的问题和不足\n问题。";
        assert_eq!(parts_of(src), vec![Part::Measures, Part::Shortcomings]);
    }

    #[test]
    fn topical_top_level_blocks_deeper_candidates() {
        let src = "一、强化组织领导,夯实法治基础\n(一)切实履行推进法治建设第一责任人职责\n内容。\n二、深化普法\n内容。";
        assert!(parts_of(src).is_empty());
    }

    #[test]
    fn parts_in_any_order_and_unnumbered() {
        let src = "2022年度推进法治政府建设的主要举措和成效\n内容。\n二、党政主要负责人履行推进第一责任人职责方面\n内容。\n存在的问题和不足\n内容。";
        assert_eq!(
            parts_of(src),
            vec![Part::Measures, Part::LeaderDuty, Part::Shortcomings]
        );
    }

    #[test]
    fn prose_mentioning_key_terms_is_not_a_heading() {
        let src = "现将我局推进法治政府建设情况汇报如下:\n一、主要举措和成效\n将法治政府建设纳入全局的重点年度工作计划中,取得成效。";
        assert_eq!(parts_of(src), vec![Part::Measures]);
    }

    #[test]
    fn years_are_read_from_headings() {
        let v: Vec<char> = "四、2024年工作安排".chars().collect();
        assert_eq!(year_in(&v), Some(2024));
        let v: Vec<char> = "(2021-2025年)".chars().collect();
        assert_eq!(year_in(&v), Some(2025));
    }
}
