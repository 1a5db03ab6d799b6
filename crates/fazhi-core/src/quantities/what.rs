//! What was counted: the phrase before the number back to the clause start
//! (fillers and clause openers dropped, a coordinated `甲、乙` kept whole),
//! or the noun after a measure word (`4次会前学法活动`). Bounded windows.

use crate::markers::{ends_with, starts_with};
use crate::normalize::is_han;

/// Fillers between the thing counted and its number.
const FILLERS: &[&str] = &[
    "均达到",
    "均达",
    "均为",
    "均",
    "分别为",
    "分别达到",
    "共计",
    "总计",
    "合计",
    "累计",
    "达到了",
    "达到",
    "达",
    "共",
    "为",
    "了",
    "约",
    "分别",
];
/// Verbs and adverbs that open a clause before the thing counted.
const OPENERS: &[&str] = &[
    "截至目前",
    "截止目前",
    "全年共",
    "全年",
    "今年",
    "本年度",
    "年内",
    "目前",
    "其中",
    "现有",
    "共计",
    "共",
    "累计",
    "先后",
    "开展",
    "组织",
    "举办",
    "召开",
    "发放",
    "印发",
    "发布",
    "建立",
    "制定",
    "完成",
    "参加",
    "开设",
    "推送",
    "各类",
    "年均",
    "处理",
    "办理",
    "我街",
    "我局",
    "我镇",
    "我中心",
    "我区",
    "我委",
    "我办",
    "是以",
    "是",
    "以",
];
/// Measure words that usually come before the noun they count (`4次会前学法`).
const PRENOMINAL: &[&str] = &[
    "个", "项", "次", "名", "场", "家", "类", "批", "位", "支", "条", "篇", "份", "本", "套", "部",
    "人次",
];

/// What was counted: a short phrase from the text.
pub(super) fn what_of(line: &[char], qstart: usize, end: usize, unit: &str) -> String {
    let is_delim = |c: char| {
        matches!(
            c,
            ',' | '。' | ';' | ':' | '、' | '(' | ')' | '!' | '?' | ' '
        )
    };
    // Before the number: back to the clause start.
    let mut b = qstart;
    loop {
        let before = &line[..b];
        match FILLERS.iter().find(|f| ends_with(before, f)) {
            Some(f) => b -= f.chars().count(),
            None => break,
        }
    }
    let mut s = b;
    let mut crossed = None;
    while s > 0 && b - s < 24 {
        let c = line[s - 1];
        // `行政复议、应诉案件530件`: a coordinated phrase is one thing
        // counted; a 、 after another figure (`32项、`) ends it.
        let joins = c == '、'
            && s >= 2
            && is_han(line[s - 2])
            && !(s >= 3 && (line[s - 3].is_ascii_digit() || matches!(line[s - 3], '余' | '多')));
        if c.is_ascii_digit() || (is_delim(c) && !joins) {
            break;
        }
        if joins {
            crossed = Some(s);
        }
        s -= 1;
    }
    // Reached another figure (`4次会前学法活动、2次…`): the list was of
    // figures, not of things; keep only the part after the last 、.
    if let Some(after) = crossed
        && s > 0
        && line[s - 1].is_ascii_digit()
    {
        s = after;
    }
    let mut phrase = &line[s..b];
    // Drop a leading year or a year cut by the window (`2023年区政府…`).
    let digits = phrase.iter().take_while(|c| c.is_ascii_digit()).count();
    phrase = &phrase[digits..];
    if digits > 0 && phrase.first() == Some(&'年') {
        phrase = &phrase[1..];
    }
    // `告知承诺制办理事项较去年提升`: the thing is before the comparison.
    for cut in ["较", "同比", "环比", "比上年", "比去年"] {
        // `纠错率15.6%,较去年下降3.2个百分点`: the clause names no thing;
        // the caller takes the previous figure's.
        if starts_with(phrase, cut) {
            return String::new();
        }
        if let Some(p) = crate::markers::find(phrase, cut).filter(|&p| p >= 2) {
            phrase = &phrase[..p];
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for o in OPENERS {
            // First characters first: a call per opener was most of this.
            if phrase.first() != o.chars().next().as_ref() || !starts_with(phrase, o) {
                continue;
            }
            let l = o.chars().count();
            if phrase.len() >= l + 2 {
                phrase = &phrase[l..];
                changed = true;
            }
        }
    }
    let before_text: String = phrase
        .iter()
        .filter(|c| is_han(**c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '”' | '、'))
        .collect();
    // After the unit: `4次会前学法活动`, `173人次参加行政执法资格考试`.
    let after = line.get(end..).unwrap_or(&[]);
    let mut a = 0;
    if starts_with(after, "参加") || starts_with(after, "参与") {
        a = 2;
    }
    let mut e = a;
    while e < after.len() && e - a < 12 {
        let c = after[e];
        if is_delim(c)
            || matches!(
                c,
                '在' | '为' | '中' | '并' | '的' | '和' | '及' | '等' | '以'
            )
        {
            break;
        }
        e += 1;
    }
    let after_text: String = after[a..e].iter().collect();
    let opener_only = OPENERS.iter().any(|o| before_text == *o) || before_text.chars().count() < 2;
    if PRENOMINAL.contains(&unit) && after_text.chars().count() >= 2 && (opener_only || a > 0) {
        return after_text;
    }
    if before_text.is_empty() {
        after_text
    } else {
        before_text
    }
}
