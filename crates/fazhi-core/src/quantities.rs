//! Quantitative statements of work: `开展法治宣传活动22场`,
//! `发放宣传资料6000余份`, `点击阅读超170万次`, `出庭应诉率100%`,
//! `较去年提升8.88%`, `十一项`, `两千余人次`.
//!
//! A quantity is a number immediately followed by a unit of count (场, 件,
//! 人次, %, …), read with its qualifier (余/多/以上 → at least; 超/超过/逾 →
//! more than; 约/近/左右 → approx; 以内/不超过 → up to). Not quantities:
//! dates and years (年/月/日 are not units), plan periods, ordinals (第三批),
//! ranks (前3名), rules (每名), names and slogans in quotes or book titles
//! (“1+7”, 《…第三批…》, 四个意识, 三项制度), hotlines (12345: no unit),
//! the article 一 (一名调解员), and reference to a fixed set (的三项法规).
//!
//! Guarantees: works line by line over cleaned text; each position is
//! examined with bounded look-behind/look-ahead windows and every number run
//! is skipped as a whole, so the pass is linear. Spans are cleaned-text
//! character ranges; the caller maps them back to the submitted text.

use std::sync::LazyLock;

use crate::markers::{ends_with, starts_with};
use crate::model::{Qualifier, QuantityKind};
use crate::normalize::is_han;
use crate::numerals::{
    MAX_NUMBER_CHARS, is_han_numeral_char, parse_number, starts_han_number, tidy,
};

fn words(data: &'static str) -> Vec<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Units of count, longest first so `人次` wins over `人` (`data/units.txt`).
static UNITS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../data/units.txt")));
/// A unit followed by these characters begins another word (`人民`,
/// `期间`, `名单`) or a rule's duration (`5个工作日`).
static UNIT_FALSE_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../data/unit_false_words.txt")));
/// What follows a Chinese numeral + unit in a slogan or a named set
/// (四个意识, 三项制度), not a count of work.
static SLOGAN_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../data/slogan_words.txt")));

/// Internal-structure nouns after a count (`三个科室`): not a quantity.
static STRUCTURE_NOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../data/structure_nouns.txt")));
/// Verbs that make `一名`/`一个` a count (`聘请一名常年法律顾问`).
static ARTICLE_VERBS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../data/article_verbs.txt")));

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

/// A quantity in cleaned-text coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct RawQuantity {
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
    pub kind: QuantityKind,
    pub what: String,
    /// Cleaned-char span of the statement (qualifier, number, unit).
    pub start: usize,
    pub end: usize,
    /// Cleaned-char span of the sentence holding it.
    pub sentence_start: usize,
    pub sentence_end: usize,
}

/// Marks characters inside short quotations and book titles of a line:
/// names (“1+7”, 《…第三批…》) are not counts. Quotes longer than
/// `MAX_QUOTED` are treated as prose (unbalanced marks must not hide a line).
fn quoted_mask(line: &[char]) -> Vec<bool> {
    const MAX_QUOTED: usize = 40;
    let mut mask = vec![false; line.len()];
    let mut open: Option<(usize, char)> = None;
    for (i, &c) in line.iter().enumerate() {
        match (open, c) {
            (None, '“' | '《' | '"' | '「' | '『' | '‘') => open = Some((i, c)),
            (Some((s, o)), _) if closes(o, c) => {
                if i - s <= MAX_QUOTED {
                    for m in mask.iter_mut().take(i + 1).skip(s) {
                        *m = true;
                    }
                }
                open = None;
            }
            (Some((s, _)), _) if i - s > MAX_QUOTED => open = None,
            _ => {}
        }
    }
    mask
}

fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('“', '”') | ('《', '》') | ('"', '"') | ('「', '」') | ('『', '』') | ('‘', '’')
    )
}

fn match_unit(line: &[char], at: usize) -> Option<&'static str> {
    let rest = line.get(at..)?;
    let unit = UNITS.iter().copied().find(|u| starts_with(rest, u))?;
    let after = &rest[unit.chars().count()..];
    // The unit character begins a word instead (`3人民`): look at the
    // unit's last character plus what follows.
    let last_len = unit.chars().last().map_or(0, |c| c.len_utf8());
    let tail = &unit[unit.len() - last_len..];
    if UNIT_FALSE_WORDS.iter().any(|w| {
        w.starts_with(tail) && starts_with(after, &w[tail.len()..]) && w.len() > tail.len()
    }) {
        return None;
    }
    Some(unit)
}

fn any_ends(before: &[char], words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| ends_with(before, w))
}

/// Find the quantities of one cleaned line. `base` is the line's offset in
/// the cleaned text (added to the spans).
pub fn scan_line(line: &[char], base: usize, out: &mut Vec<RawQuantity>) {
    if !line
        .iter()
        .any(|c| c.is_ascii_digit() || is_han_numeral_char(*c))
    {
        return;
    }
    let quoted = quoted_mask(line);
    let first_new = out.len();
    let n = line.len();
    let mut i = 0;
    while i < n {
        crate::work::add(1);
        let c = line[i];
        let arabic = c.is_ascii_digit();
        let percent_words = starts_with(&line[i..], "百分之");
        if !(arabic || starts_han_number(c) || percent_words) {
            i += 1;
            continue;
        }
        let num_at = if percent_words { i + 3 } else { i };
        // `百分之百`: 百 alone is not a numeral the reader takes.
        let hundred = percent_words
            && line.get(num_at) == Some(&'百')
            && !line
                .get(num_at + 1)
                .is_some_and(|&c| is_han_numeral_char(c));
        let parsed = if hundred {
            Some(crate::numerals::Number {
                value: 100.0,
                len: 1,
                chinese: true,
                positional: false,
            })
        } else {
            parse_number(line, num_at)
        };
        let Some(num) = parsed else {
            i = skip_run(line, i);
            continue;
        };
        let num_end = num_at + num.len;
        if let Some(mut q) = read_quantity(line, &quoted, i, num_at, num, percent_words) {
            let end = q.end;
            // `共接待群众107批次,共计537人次`: the second figure counts the same thing.
            if q.what.is_empty()
                && let Some(prev) = out.last().filter(|p| p.start >= base)
            {
                q.what = prev.what.clone();
            }
            out.push(RawQuantity {
                start: q.start + base,
                end: q.end + base,
                ..q
            });
            i = end.max(num_end);
        } else {
            i = skip_run(line, num_end.max(i + 1));
        }
    }
    set_sentences(line, base, out.get_mut(first_new..).unwrap_or(&mut []));
}

/// Sentence stops: a quantity's sentence runs from after the previous one
/// (or the line start) through the next one (or the line end).
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?')
}

/// Fill the sentence spans of `qs` (in text order, all on `line`) in one
/// forward pass over the line.
fn set_sentences(line: &[char], base: usize, qs: &mut [RawQuantity]) {
    let mut sent_start = 0;
    let mut qi = 0;
    let mut i = 0;
    while qi < qs.len() {
        let at = qs[qi].start.saturating_sub(base);
        // Advance sentence starts up to the quantity.
        while i < at.min(line.len()) {
            if is_stop(line[i]) {
                sent_start = i + 1;
            }
            i += 1;
        }
        let mut e = i.max(qs[qi].end.saturating_sub(base));
        while e < line.len() && !is_stop(line[e]) {
            e += 1;
        }
        let sent_end = (e + 1).min(line.len());
        // Every quantity up to this sentence's end shares it.
        while qi < qs.len() && qs[qi].start.saturating_sub(base) < sent_end {
            qs[qi].sentence_start = base + sent_start;
            qs[qi].sentence_end = base + sent_end;
            qi += 1;
        }
        i = sent_end;
        sent_start = sent_end;
    }
}

/// Skip to the end of the number run starting at `i` (so a long digit run
/// is walked once, never re-parsed from each of its positions).
fn skip_run(line: &[char], mut i: usize) -> usize {
    while i < line.len()
        && (line[i].is_ascii_digit()
            || is_han_numeral_char(line[i])
            || matches!(line[i], '.' | ','))
    {
        i += 1;
    }
    i
}

fn read_quantity(
    line: &[char],
    quoted: &[bool],
    start: usize,
    num_at: usize,
    num: crate::numerals::Number,
    percent_words: bool,
) -> Option<RawQuantity> {
    if quoted.get(start).copied().unwrap_or(false) || num.positional || num.len > MAX_NUMBER_CHARS {
        return None;
    }
    let prev = if start > 0 {
        line.get(start - 1).copied()
    } else {
        None
    };
    let back = &line[start.saturating_sub(8)..start];
    // Part of an identifier, a formula, a range or a version.
    if let Some(p) = prev {
        if p.is_ascii_alphanumeric()
            || matches!(
                p,
                '.' | '+' | '-' | '—' | '~' | '/' | '#' | '×' | '*' | '第' | '每' | '前'
            )
        {
            return None;
        }
        if num.chinese && is_han_numeral_char(p) {
            return None;
        }
    }
    // A per-unit rule (`每村不少于3名`, `每季度2次`): 每 earlier in the clause.
    let clause_back = back
        .iter()
        .rposition(|&c| matches!(c, ',' | '。' | ';' | ':'))
        .map_or(back, |p| &back[p + 1..]);
    if clause_back.contains(&'每') {
        return None;
    }
    // A count describing a structure (`以2个部门为主线`, `下设三个科室`).
    if ["以", "分为", "下设", "内设", "设有"]
        .iter()
        .any(|w| ends_with(back, w))
        && !ends_with(back, "所以")
        && !ends_with(back, "可以")
    {
        return None;
    }
    if num.chinese
        && [
            "以下", "下列", "如下", "上述", "这", "那", "该", "此", "其中", "各",
        ]
        .iter()
        .any(|w| ends_with(back, w))
    {
        return None;
    }
    let mut k = num_at + num.len;
    // Range `3-5人`, formula `1+1`, ratio `1:1`: not a count.
    if matches!(line.get(k), Some('-' | '~' | '+' | ':' | '/' | '—')) {
        return None;
    }
    let mut qualifier = Qualifier::Exact;
    // `80万余元`: the multiplier belongs to the money unit.
    let mut money: Option<&'static str> = None;
    if matches!(line.get(k + 1), Some('余' | '多')) && line.get(k + 2) == Some(&'元') {
        money = match line.get(k) {
            Some('万') => Some("万元"),
            Some('亿') => Some("亿元"),
            _ => None,
        };
    }
    if money.is_some() || matches!(line.get(k), Some('余' | '多')) {
        qualifier = Qualifier::AtLeast;
        k += 1;
    }
    let unit = if percent_words {
        "%"
    } else if let Some(m) = money {
        k += 1;
        m
    } else {
        match_unit(line, k)?
    };
    let unit_len = unit.chars().count();
    // 余人 is 余 + 人.
    let (unit, unit_len) = if unit == "余人" {
        qualifier = Qualifier::AtLeast;
        ("人", 2)
    } else if money.is_some() {
        (unit, 1)
    } else if percent_words {
        // `百分之九十`: the unit was written before the number.
        (unit, 0)
    } else {
        (unit, unit_len)
    };
    let mut end = k + unit_len;
    // `三轮巡察` names rounds of a procedure; `专项行动四轮,` counts them.
    if unit == "轮"
        && !line
            .get(end)
            .is_none_or(|&c| matches!(c, ',' | '。' | ';' | '、' | ')'))
    {
        return None;
    }
    if num.chinese {
        // The article 一 (一名调解员, 一个平台) is not a count.
        // But `旁听庭审一次。` / `市级一个,` counts: nothing follows the unit.
        let bare = line
            .get(end)
            .is_none_or(|&c| matches!(c, ',' | '。' | ';' | '、' | '!' | ')'));
        let counted = ARTICLE_VERBS.iter().any(|w| ends_with(back, w));
        // `的三项法规`: a reference to a fixed set, unless the count ends
        // the clause (`其中经法律顾问审查的四十一项。`).
        if prev == Some('的') && !bare {
            return None;
        }
        if num.value == 1.0 && qualifier == Qualifier::Exact && !bare && !counted {
            return None;
        }
        let after = line.get(end..).unwrap_or(&[]);
        if SLOGAN_WORDS.iter().any(|w| starts_with(after, w)) || after.first() == Some(&'”') {
            return None;
        }
        // 三大调解, 四级体系, 两级: not units, already rejected by match_unit.
    }
    if STRUCTURE_NOUNS
        .iter()
        .any(|w| starts_with(line.get(end..).unwrap_or(&[]), w))
    {
        return None;
    }
    if percent_words && num.chinese && num.value > 100.0 {
        return None;
    }
    // Trailing qualifiers.
    let after = line.get(end..).unwrap_or(&[]);
    if starts_with(after, "以上") {
        qualifier = Qualifier::AtLeast;
        end += 2;
    } else if starts_with(after, "左右") {
        qualifier = Qualifier::Approx;
        end += 2;
    } else if starts_with(after, "以内")
        || (starts_with(after, "以下") && !after.get(2).is_some_and(|&c| is_han(c)))
    {
        qualifier = Qualifier::UpTo;
        end += 2;
    }
    // Leading qualifiers.
    let mut qstart = start;
    let before = &line[start.saturating_sub(4)..start];
    for (word, q) in [
        ("不少于", Qualifier::AtLeast),
        ("不低于", Qualifier::AtLeast),
        ("至少", Qualifier::AtLeast),
        ("不超过", Qualifier::UpTo),
        ("最多", Qualifier::UpTo),
        ("超过", Qualifier::MoreThan),
        ("突破", Qualifier::MoreThan),
        ("超出", Qualifier::MoreThan),
        ("大约", Qualifier::Approx),
        ("将近", Qualifier::Approx),
        ("接近", Qualifier::Approx),
        ("超", Qualifier::MoreThan),
        ("逾", Qualifier::MoreThan),
        ("约", Qualifier::Approx),
        ("近", Qualifier::Approx),
    ] {
        if ends_with(before, word) {
            // 最近 / 附近 are not qualifiers.
            if word == "近"
                && (ends_with(before, "最近")
                    || ends_with(before, "附近")
                    || ends_with(before, "临近"))
            {
                continue;
            }
            qualifier = q;
            qstart = start - word.chars().count();
            break;
        }
    }
    let kind = kind_of(line, qstart, unit);
    let what = what_of(line, qstart, end, unit);
    Some(RawQuantity {
        value: tidy(num.value),
        unit: unit.to_string(),
        qualifier,
        kind,
        what,
        start: qstart,
        end,
        sentence_start: qstart,
        sentence_end: end,
    })
}

/// Rate (a level), change (versus before) or count.
fn kind_of(line: &[char], qstart: usize, unit: &str) -> QuantityKind {
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
fn what_of(line: &[char], qstart: usize, end: usize, unit: &str) -> String {
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
        if let Some(p) = crate::markers::find(phrase, cut).filter(|&p| p >= 2) {
            phrase = &phrase[..p];
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for o in OPENERS {
            let l = o.chars().count();
            if starts_with(phrase, o) && phrase.len() >= l + 2 {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<(f64, String, Qualifier, QuantityKind)> {
        let v: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        scan_line(&v, 0, &mut out);
        out.into_iter()
            .map(|q| (q.value, q.unit, q.qualifier, q.kind))
            .collect()
    }

    fn one(s: &str) -> (f64, String, Qualifier, QuantityKind) {
        let v = q(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter()
            .next()
            .unwrap_or((0.0, String::new(), Qualifier::Exact, QuantityKind::Count))
    }

    use Qualifier::*;
    use QuantityKind::*;

    #[test]
    fn qualifiers() {
        assert_eq!(
            one("开展法治宣传活动22场"),
            (22.0, "场".into(), Exact, Count)
        );
        assert_eq!(
            one("发放宣传资料6000余份"),
            (6000.0, "份".into(), AtLeast, Count)
        );
        assert_eq!(one("开展20多场"), (20.0, "场".into(), AtLeast, Count));
        assert_eq!(
            one("点击阅读超170万次"),
            (1_700_000.0, "次".into(), MoreThan, Count)
        );
        assert_eq!(one("超过300件"), (300.0, "件".into(), MoreThan, Count));
        assert_eq!(one("逾300件"), (300.0, "件".into(), MoreThan, Count));
        assert_eq!(
            one("市场主体总量突破30万户"),
            (300_000.0, "户".into(), MoreThan, Count)
        );
        assert_eq!(one("近300件"), (300.0, "件".into(), Approx, Count));
        assert_eq!(one("约300件"), (300.0, "件".into(), Approx, Count));
        assert_eq!(one("300件左右"), (300.0, "件".into(), Approx, Count));
        assert_eq!(one("培训100人以上"), (100.0, "人".into(), AtLeast, Count));
        assert_eq!(one("不超过100人"), (100.0, "人".into(), UpTo, Count));
        assert_eq!(one("控制在50人以内"), (50.0, "人".into(), UpTo, Count));
        assert_eq!(one("10万余份"), (100_000.0, "份".into(), AtLeast, Count));
        assert_eq!(
            one("受众人群达8000余人。"),
            (8000.0, "人".into(), AtLeast, Count)
        );
    }

    #[test]
    fn money_and_counts_written_with_one() {
        assert_eq!(
            one("法律顾问费用逾15万元"),
            (15.0, "万元".into(), MoreThan, Count)
        );
        assert_eq!(one("资金80万余元"), (80.0, "万元".into(), AtLeast, Count));
        assert_eq!(one("带头旁听庭审一次。"), (1.0, "次".into(), Exact, Count));
        assert_eq!(
            one("聘请一名常年法律顾问"),
            (1.0, "名".into(), Exact, Count)
        );
        assert_eq!(one("按期办结率百分之百"), (100.0, "%".into(), Exact, Rate));
        assert_eq!(one("开展专项行动四轮,"), (4.0, "轮".into(), Exact, Count));
        assert_eq!(
            one("其中经法律顾问审查的四十一项。"),
            (41.0, "项".into(), Exact, Count)
        );
    }

    #[test]
    fn rates_and_changes() {
        assert_eq!(one("出庭应诉率100%"), (100.0, "%".into(), Exact, Rate));
        assert_eq!(one("成功率达到了85.7%"), (85.7, "%".into(), Exact, Rate));
        assert_eq!(one("较去年提升8.88%"), (8.88, "%".into(), Exact, Change));
        assert_eq!(one("提高到95%"), (95.0, "%".into(), Exact, Rate));
        assert_eq!(one("同比增加15件"), (15.0, "件".into(), Exact, Change));
        assert_eq!(
            one("提高3个百分点"),
            (3.0, "个百分点".into(), Exact, Change)
        );
        assert_eq!(one("覆盖率达百分之九十"), (90.0, "%".into(), Exact, Rate));
    }

    #[test]
    fn chinese_numerals_and_full_width_digits() {
        assert_eq!(one("完成十一项"), (11.0, "项".into(), Exact, Count));
        assert_eq!(
            one("培训两千余人次"),
            (2000.0, "人次".into(), AtLeast, Count)
        );
        assert_eq!(one("办理1.2万件"), (12000.0, "件".into(), Exact, Count));
        assert_eq!(one("处罚5万元"), (5.0, "万元".into(), Exact, Count));
    }

    #[test]
    fn not_quantities() {
        for s in [
            "2022年8月区信访办",
            "《西城区法治建设规划(2021-2025年)》",
            "第三批信访案件",
            "排名第5",
            "“1+7”数字化平台",
            "牵手12345、12348等平台",
            "增强“四个意识”,坚定四个自信,做到两个维护",
            "行政执法三项制度",
            "城区范围内的三项绿化法规",
            "主要反映在以下两个方面",
            "安排时长为半个小时的会前学法",
            "为期一月的培训,一月试用期",
            "一名基层人民调解员",
            "浏览量:1",
            "2.0改革",
            "“八五”普法",
            "每名员工",
            "连续两年位居第一",
            "市区两级人大建议",
            "三大调解联动",
            "1.以组织党政主要负责人述法为发力点",
            "前3名",
            "3-5人",
            "“2023全国城乡社区高质量发展典型案例”",
            "办理时限压缩至5个工作日",
            "局机关三个科室分别牵头",
            "以2个部门为主线",
            "坚持以十九届五中全会精神为指导,召开第二次会议",
            "三届区委以来,开展三轮巡察",
            "每村不少于3名",
        ] {
            assert_eq!(q(s), vec![], "{s}");
        }
    }

    #[test]
    fn what_was_counted() {
        let w = |s: &str| {
            let v: Vec<char> = s.chars().collect();
            let mut out = Vec::new();
            scan_line(&v, 0, &mut out);
            out.into_iter().map(|q| q.what).collect::<Vec<_>>()
        };
        assert_eq!(
            w("2022年,我街开展各类法治宣传活动20余场,发放宣传资料6000余份"),
            vec!["法治宣传活动", "宣传资料"]
        );
        assert_eq!(
            w("全年共组织4次会前学法活动、2次法治专题讲座"),
            vec!["会前学法活动", "法治专题讲座"]
        );
        assert_eq!(
            w("组织173人次参加行政执法资格考试"),
            vec!["行政执法资格考试"]
        );
        assert_eq!(
            w("开展审计32项, 1个审计项目在市级优秀项目评选中获奖"),
            vec!["审计", "审计项目"]
        );
        assert_eq!(
            w("受理行政复议、应诉案件530件,开展审计32项、培训10场"),
            vec!["受理行政复议、应诉案件", "审计", "培训"]
        );
    }

    #[test]
    fn each_quantity_carries_its_whole_sentence() {
        let line = "全年开展审计32项。其中1个审计项目在评选中获奖,交办问题5件!年均培训3场";
        let v: Vec<char> = line.chars().collect();
        let mut out = Vec::new();
        scan_line(&v, 100, &mut out);
        let sentence = |q: &RawQuantity| -> String {
            v[q.sentence_start - 100..q.sentence_end - 100]
                .iter()
                .collect()
        };
        let got: Vec<String> = out.iter().map(sentence).collect();
        assert_eq!(
            got,
            vec![
                "全年开展审计32项。",
                "其中1个审计项目在评选中获奖,交办问题5件!",
                "其中1个审计项目在评选中获奖,交办问题5件!",
                "年均培训3场",
            ]
        );
        assert!(
            out.iter()
                .all(|q| q.sentence_start <= q.start && q.end <= q.sentence_end)
        );
    }

    #[test]
    fn spans_cover_qualifier_number_and_unit() {
        let v: Vec<char> = "点击阅读超170万次,".chars().collect();
        let mut out = Vec::new();
        scan_line(&v, 10, &mut out);
        assert_eq!((out[0].start, out[0].end), (14, 20));
    }
}
