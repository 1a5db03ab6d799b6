//! Rate (a level), change (versus before) or count, from the words just
//! before the number. Bounded look-behind.

use crate::markers::ends_with;
use crate::model::QuantityKind;

fn any_ends(before: &[char], words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| ends_with(before, w))
}

const CHANGE_VERBS: &[&str] = &[
    "提升",
    "提高",
    "增长",
    "增加",
    "上升",
    "下降",
    "降低",
    "减少",
    "缩短",
    "压缩",
    "压减",
    "增幅",
    "降幅",
    "涨幅",
    "增长率",
];

const COMPARISON: &[&str] = &["较", "同比", "环比", "比上年", "比去年", "相比", "相较"];

/// Rate (a level), change (versus before) or count.
pub(super) fn kind_of(line: &[char], qstart: usize, unit: &str) -> QuantityKind {
    if unit == "个百分点" {
        return QuantityKind::Change;
    }
    let back = &line[qstart.saturating_sub(6)..qstart];
    // Skip fillers between the verb and the number: 提升了, 增长为.
    let mut trimmed = back;
    for f in ["了", "达", "为"] {
        if ends_with(trimmed, f) {
            trimmed = &trimmed[..trimmed.len() - 1];
        }
    }
    let verb = any_ends(trimmed, CHANGE_VERBS).is_some();
    // 提高到95% / 提升至 names the new level, not the change.
    let to_level = ends_with(back, "至") || ends_with(back, "到");
    let percent = matches!(unit, "%" | "‰");
    if verb && !to_level {
        if percent {
            return QuantityKind::Change;
        }
        let window = &line[qstart.saturating_sub(24)..qstart];
        if COMPARISON
            .iter()
            .any(|w| crate::markers::contains(window, w))
        {
            return QuantityKind::Change;
        }
    }
    if percent {
        QuantityKind::Rate
    } else {
        QuantityKind::Count
    }
}
