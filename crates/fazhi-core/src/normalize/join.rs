//! Joining lines a converter broke (a wrapped paragraph, a numbered
//! heading cut in two), deciding from the pending line's end and the next
//! line's start only, so the pass stays linear.

use super::is_han;
use crate::markers::{MarkerKind, ends_with, leading_marker};

/// Words a complete heading commonly ends with: a numbered line ending
/// with one of these is whole, not broken.
const HEADING_ENDS: &[&str] = &[
    "情况", "安排", "成效", "原因", "不足", "问题", "方面", "打算", "计划", "思路", "举措", "措施",
    "做法", "职责", "工作", "成绩", "报告", "汇报", "设想", "方向", "任务", "建议", "亮点",
];

/// Pending logical line while joining broken lines.
pub(super) struct Pending {
    pub(super) chars: Vec<char>,
    pub(super) map: Vec<usize>,
    /// Already extended by a join: a paragraph wrapped over several lines.
    pub(super) joined: bool,
    /// `chars` holds a sentence stop (`。`/`;`): kept up to date on every
    /// join so the pending paragraph is never rescanned (that rescan made
    /// normalization quadratic in a long wrapped paragraph).
    pub(super) has_stop: bool,
}

pub(super) fn has_stop(line: &[char]) -> bool {
    crate::work::add(line.len());
    line.iter().any(|&c| matches!(c, '。' | ';'))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Join {
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
pub(super) fn should_join(pending: &Pending, next: &[char]) -> Join {
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
