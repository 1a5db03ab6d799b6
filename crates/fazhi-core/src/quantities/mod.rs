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

use crate::lexicon::words;
use crate::markers::{ends_with, starts_with};
use crate::model::{Qualifier, QuantityKind};

mod kind;
mod qualifier;
mod sentence;
#[cfg(test)]
mod tests;
mod what;

use crate::numerals::{
    MAX_NUMBER_CHARS, is_han_numeral_char, may_be_numeral, parse_number, starts_han_number, tidy,
};
use kind::kind_of;
use sentence::set_sentences;
use what::what_of;

/// Units of count, longest first so `人次` wins over `人` (`data/units.txt`).
static UNITS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../../data/units.txt")));
/// A unit followed by these characters begins another word (`人民`,
/// `期间`, `名单`) or a rule's duration (`5个工作日`).
static UNIT_FALSE_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../../data/unit_false_words.txt")));
/// What follows a Chinese numeral + unit in a slogan or a named set
/// (四个意识, 三项制度), not a count of work.
static SLOGAN_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../../data/slogan_words.txt")));

/// Internal-structure nouns after a count (`三个科室`): not a quantity.
static STRUCTURE_NOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../../data/structure_nouns.txt")));
/// Verbs that make `一名`/`一个` a count (`聘请一名常年法律顾问`).
static ARTICLE_VERBS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../../data/article_verbs.txt")));

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

/// The short quotations and book titles of a line, as inclusive character
/// ranges in order: names (“1+7”, 《…第三批…》) are not counts. Quotes
/// longer than `MAX_QUOTED` are treated as prose (unbalanced marks must not
/// hide a line). Ranges rather than a mask: most lines have none, and a
/// mask was an allocation and a fill per line.
fn quoted_ranges(line: &[char]) -> Vec<(usize, usize)> {
    const MAX_QUOTED: usize = 40;
    let mut ranges = Vec::new();
    let n = line.len();
    let mut i = 0;
    while let Some(p) = line
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| opens(c)))
    {
        let s = i + p;
        let o = line[s];
        // The closing mark within reach; the character just past reach is
        // still read (and ends the quote) but opens none.
        let reach = (s + MAX_QUOTED + 1).min(n.saturating_sub(1));
        match (s + 1..=reach).find(|&j| closes(o, line[j])) {
            Some(j) => {
                if j - s <= MAX_QUOTED {
                    ranges.push((s, j));
                }
                i = j + 1;
            }
            None => i = s + MAX_QUOTED + 2,
        }
    }
    ranges
}

/// Quotation marks and title brackets that open a name.
fn opens(c: char) -> bool {
    // Every non-ASCII opener lies in U+2018..=U+300E: ideographs and ASCII
    // fail the range at once.
    c == '"'
        || (('\u{2018}'..='\u{300e}').contains(&c) && matches!(c, '“' | '《' | '「' | '『' | '‘'))
}

/// Whether character `at` lies in one of `ranges` (sorted, disjoint).
fn is_quoted(ranges: &[(usize, usize)], at: usize) -> bool {
    let k = ranges.partition_point(|&(s, _)| s <= at);
    k > 0 && ranges[k - 1].1 >= at
}

fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('“', '”') | ('《', '》') | ('"', '"') | ('「', '」') | ('『', '』') | ('‘', '’')
    )
}

/// The units grouped by first character (list order kept within a group),
/// sorted by it: a position is compared only with the units that can start
/// there (trying all 72 at every number was the scanner's main cost).
static UNITS_BY_FIRST: LazyLock<Vec<(char, Vec<&'static str>)>> = LazyLock::new(|| {
    let mut groups: Vec<(char, Vec<&'static str>)> = Vec::new();
    for &u in UNITS.iter() {
        let Some(c) = u.chars().next() else { continue };
        match groups.iter_mut().find(|g| g.0 == c) {
            Some(g) => g.1.push(u),
            None => groups.push((c, vec![u])),
        }
    }
    groups.sort_by_key(|g| g.0);
    groups
});

fn match_unit(line: &[char], at: usize) -> Option<&'static str> {
    let rest = line.get(at..)?;
    let groups = &*UNITS_BY_FIRST;
    let g = groups.binary_search_by_key(rest.first()?, |g| g.0).ok()?;
    let unit = groups[g].1.iter().copied().find(|u| starts_with(rest, u))?;
    let after = &rest[unit.chars().count()..];
    // The unit character begins a word instead (`3人民`): look at the
    // unit's last character plus what follows.
    // (Characters compared, not strings: a `memcmp` call per word was
    // a measurable part of the parse.)
    let last = unit.chars().last();
    let tail_len = last.map_or(0, char::len_utf8);
    if UNIT_FALSE_WORDS.iter().any(|w| {
        last.is_none_or(|l| crate::markers::first_is(w, l))
            && w.len() > tail_len
            && starts_with(after, &w[tail_len..])
    }) {
        return None;
    }
    Some(unit)
}

/// Find the quantities of one cleaned line. `base` is the line's offset in
/// the cleaned text (added to the spans).
pub fn scan_line(line: &[char], base: usize, out: &mut Vec<RawQuantity>) {
    // Read on the line's first number only: most lines have none.
    let mut quoted: Option<Vec<(usize, usize)>> = None;
    let first_new = out.len();
    let n = line.len();
    let mut i = 0;
    while i < n {
        // Straight to the next character that may begin a number.
        let Some(skip) = line[i..]
            .iter()
            .position(|&c| c.is_ascii_digit() || may_be_numeral(c))
        else {
            crate::work::add(n - i);
            break;
        };
        crate::work::add(skip + 1);
        i += skip;
        let c = line[i];
        let arabic = c.is_ascii_digit();
        // Every test below needs a digit or a numeral character (百 of
        // 百分之 and the bare magnitudes included): skip the rest at once.
        if !arabic && !is_han_numeral_char(c) {
            i += 1;
            continue;
        }
        let percent_words = starts_with(&line[i..], "百分之");
        // `近千人次`, `逾万人`: a bare magnitude after a qualifier word.
        let magnitude = match c {
            '百' if !percent_words => Some(100.0),
            '千' => Some(1e3),
            '万' => Some(1e4),
            _ => None,
        }
        .filter(|_| i > 0 && matches!(line[i - 1], '近' | '约' | '逾' | '超'));
        if !(arabic || starts_han_number(c) || percent_words || magnitude.is_some()) {
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
        let bare = if hundred { Some(100.0) } else { magnitude };
        let parsed = if let Some(value) = bare {
            Some(crate::numerals::Number {
                value,
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
        let quoted = quoted.get_or_insert_with(|| quoted_ranges(line));
        if let Some(mut q) = read_quantity(line, quoted, i, num_at, num, percent_words) {
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
    quoted: &[(usize, usize)],
    start: usize,
    num_at: usize,
    num: crate::numerals::Number,
    percent_words: bool,
) -> Option<RawQuantity> {
    if is_quoted(quoted, start) || num.positional || num.len > MAX_NUMBER_CHARS {
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
    // Vague: `数十家`, `几百人`.
    if matches!(prev, Some('数' | '几')) {
        return None;
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
    // `三轮巡察` names rounds of a procedure; `专项行动四轮,` counts them;
    // `8000余对` counts couples, `对于`/`对照` are words.
    if matches!(unit, "轮" | "对")
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
        // A clause opening with `一项…` (`,一项重大行政决策全部履行…`) counts
        // the decisions; `往往一名调解员` is the article.
        let clause_start = prev.is_none_or(|c| matches!(c, ',' | '。' | ';' | ':'));
        let counted =
            ARTICLE_VERBS.iter().any(|w| ends_with(back, w)) || (clause_start && unit == "项");
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
    if let Some((q, len)) = qualifier::trailing(line.get(end..).unwrap_or(&[])) {
        qualifier = q;
        end += len;
    }
    let mut qstart = start;
    if let Some((q, len)) = qualifier::leading(&line[start.saturating_sub(4)..start]) {
        qualifier = q;
        qstart = start - len;
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
