//! Who wrote the report: the unit's name as the text itself gives it, and
//! its kind.
//!
//! Guarantees: a name is accepted only when it is whole: Han characters
//! (and parentheses) only, 2..=30 of them, ending with a unit or territory
//! ending (`data/agency_suffixes.txt`), not starting with a bare level word
//! or pronoun (`data/agency_bad_starts.txt`: `区司法局`, `镇政府`, `我局`),
//! not a body the report addresses (`data/agency_not_names.txt`), and
//! holding none of the words a title glues on (`关于`, `法治`, `报告`, `年`).
//! When no source gives such a name the agency is `None`: null is better
//! than a fragment. Every reader looks at a bounded window.

use std::sync::LazyLock;

use crate::lexicon::words;
use crate::markers::{contains, ends_with, find, starts_with};
use crate::model::AgencyKind;
use crate::normalize::is_han;

mod kind;

pub use kind::{kind_from_name, kind_from_self_reference};

static SUFFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../data/agency_suffixes.txt")));
static NOT_NAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../data/agency_not_names.txt")));
static BAD_STARTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| words(include_str!("../data/agency_bad_starts.txt")));

/// Words a title or sentence glues onto a name: a candidate holding one is
/// not a name.
const GLUE: &[&str] = &["关于", "法治政府", "法治建设", "报告", "汇报", "情况", "年"];

/// Longest name accepted.
const MAX_NAME: usize = 30;

/// `name` is a whole unit name.
pub fn is_full_name(name: &[char]) -> bool {
    (2..=MAX_NAME).contains(&name.len())
        && name.iter().all(|&c| is_han(c) || matches!(c, '(' | ')'))
        && SUFFIXES.iter().any(|s| ends_with(name, s))
        && !BAD_STARTS.iter().any(|s| starts_with(name, s))
        && !NOT_NAMES.iter().any(|b| name.iter().copied().eq(b.chars()))
        && !GLUE.iter().any(|g| contains(name, g))
        // A bare ending (`街道`, `政府`) is not a name.
        && !SUFFIXES.iter().any(|s| name.iter().copied().eq(s.chars()))
        // A unit is named with its territory (`长寿区司法局`, `石鼓镇`); a
        // bare `司法局` from `文章来源:司法局` is a fragment.
        && has_territory(name)
}

/// A territory character past the first one; 市 in 城市 / 市场 is a word.
fn has_territory(name: &[char]) -> bool {
    (1..name.len()).any(|i| {
        let c = name[i];
        let word = c == '市' && (name[i - 1] == '城' || name.get(i + 1) == Some(&'场'));
        TERRITORY.contains(&c) && !word
    })
}

/// Characters that mark a territory inside a unit's name.
const TERRITORY: &[char] = &[
    '省', '市', '区', '县', '镇', '乡', '街', '旗', '州', '盟', '村',
];

fn accept(name: &[char]) -> Option<String> {
    if is_full_name(name) {
        return Some(name.iter().collect());
    }
    // A joint title (`中共XX区委 XX区人民政府关于…`, `XX街道党工委 XX街道办事处…`):
    // the government, named last, reports.
    name.split(|&c| c == ' ')
        .rev()
        .find(|t| !t.is_empty())
        .filter(|t| t.len() < name.len())
        .and_then(|t| is_full_name(t).then(|| t.iter().collect()))
}

/// A year at `at` (`2023年`, `2023年度`, `二〇二三年`), with its length.
fn year_len(chars: &[char], at: usize) -> Option<usize> {
    let (_, len) = crate::years::year_at(chars, at)?;
    let mut l = len + 1; // 年
    if chars.get(at + l) == Some(&'度') {
        l += 1;
    }
    Some(l)
}

/// The agency a title names: before `关于`, else before the year, else
/// (year first: `2024年度XX街道法治政府建设…`) between the year and the
/// topic words.
pub fn from_title(title: &[char]) -> Option<String> {
    let mut t = title;
    // A cover letter `关于报送《…》的报告` is unwrapped by the caller; a
    // bare `关于…的报告` opens with no name.
    if let Some(at) = find(t, "关于").filter(|&a| a > 0) {
        return accept(trim_year_tail(&t[..at]));
    }
    if starts_with(t, "关于") {
        t = &t[2..];
    }
    let year = (0..t.len().min(MAX_NAME + 8)).find_map(|i| year_len(t, i).map(|l| (i, l)));
    let topic = ["法治", "依法行政", "法制"]
        .iter()
        .filter_map(|w| find(t, w))
        .min()?;
    match year {
        Some((at, _)) if at > 0 && at < topic => accept(&t[..at]),
        Some((0, len)) if len < topic => accept(&t[len..topic]),
        None if topic > 0 => accept(&t[..topic]),
        _ => None,
    }
}

/// `XX区人民政府2023年` before `关于` → drop the trailing year.
fn trim_year_tail(name: &[char]) -> &[char] {
    let cut = (name.len().saturating_sub(7)..name.len()).find(|&i| year_len(name, i).is_some());
    match cut {
        Some(i) => &name[..i],
        None => name,
    }
}

/// A line holding only a name (a name line above the title, a signature).
pub fn from_name_line(line: &[char]) -> Option<String> {
    accept(line)
}

/// Strip table and list decoration around a metadata row: `| 发布机构: | X |`,
/// `[ 发布机构 ] X`, `- 发布机构:X`, `· 发布机构 X`.
fn undecorated(row: &[char]) -> Vec<char> {
    row.iter()
        .copied()
        .filter(|&c| {
            !matches!(
                c,
                '|' | '['
                    | ']'
                    | '【'
                    | '】'
                    | '·'
                    | '•'
                    | '●'
                    | '◆'
                    | '■'
                    | '▪'
                    | '○'
                    | '*'
                    | '-'
                    | '>'
            )
        })
        .collect()
}

/// A web page's metadata row naming the publishing unit.
pub fn from_metadata_row(row: &[char]) -> Option<String> {
    let c = undecorated(row);
    for key in [
        "发布机构",
        "发文机关",
        "发文机构",
        "发文单位",
        "信息来源",
        "来源单位",
        "来源",
    ] {
        let Some(at) = find(&c, key) else { continue };
        let mut k = at + key.chars().count();
        while matches!(c.get(k), Some(':' | ' ')) {
            k += 1;
        }
        let rest = c.get(k..).unwrap_or(&[]);
        let end = rest
            .iter()
            .position(|&ch| !(is_han(ch) || matches!(ch, '(' | ')')))
            .unwrap_or(rest.len());
        if let Some(name) = accept(&rest[..end]) {
            return Some(name);
        }
    }
    None
}

/// A breadcrumb trail `首页 > 政务公开 > XX区司法局 > 法治政府建设`: its
/// last crumb that is a unit name.
pub fn from_breadcrumb(row: &[char]) -> Option<String> {
    let crumbs = row
        .iter()
        .filter(|&&c| matches!(c, '>' | '»' | '›'))
        .count();
    if crumbs < 2 {
        return None;
    }
    row.split(|&c| matches!(c, '>' | '»' | '›'))
        .rev()
        .find_map(|crumb| {
            let start = crumb.iter().position(|&c| c != ' ').unwrap_or(crumb.len());
            let end = crumb
                .iter()
                .rposition(|&c| c != ' ')
                .map_or(start, |p| p + 1);
            let mut name = &crumb[start..end];
            if let Some(p) = find(name, ":") {
                name = &name[p + 1..];
            }
            accept(name)
        })
}

/// `…现将北京市石景山区人民政府2023年法治政府建设年度情况报告如下` → the
/// name between the verb and the year, and the year.
pub fn embedded_title(l: &[char]) -> Option<(Option<String>, Option<i32>)> {
    const KEY: &str = "法治政府建设";
    let mut from = 0;
    while let Some(rel) = l.get(from..).and_then(|rest| find(rest, KEY)) {
        let at = from + rel;
        from = at + KEY.chars().count();
        let before = &l[..at];
        // The year sits right before the key (`2023年`, `2023年度`).
        let year = (before.len().saturating_sub(6)..before.len())
            .find_map(|i| crate::years::year_at(before, i).map(|(y, _)| (y, i)));
        let Some((y, ystart)) = year else { continue };
        // The name runs back from the year to the verb that introduces it.
        let mut s = ystart;
        while s > 0 && is_han(l[s - 1]) && ystart - s < 32 {
            s -= 1;
            if ["现将", "关于", "报送", "特将"]
                .iter()
                .any(|v| starts_with(&l[s..], v))
            {
                let name = l.get(s + 2..ystart).unwrap_or(&[]);
                return Some((accept(name), Some(y)));
            }
        }
    }
    None
}

/// `2023年,西城区城市管理指挥中心在区委区政府的领导下…` → the subject.
pub fn opening_subject(l: &[char]) -> Option<String> {
    const VERBS: &[&str] = &[
        "在", "坚持", "认真", "深入", "全面", "紧紧", "始终", "围绕", "紧扣", "聚焦", "立足",
        "以习", "持续", "按照",
    ];
    for clause in l.split(|&c| matches!(c, ',' | '。' | ';')).take(3) {
        let end = clause
            .iter()
            .position(|&c| !is_han(c))
            .unwrap_or(clause.len());
        let run = &clause[..end.min(MAX_NAME + 4)];
        for cut in 2..run.len().min(MAX_NAME) {
            if VERBS.iter().any(|v| starts_with(&run[cut..], v))
                && let Some(name) = accept(&run[..cut])
            {
                return Some(name);
            }
        }
    }
    None
}

/// The agency among candidates (most trusted first): the first one, or a
/// fuller form of it that another source gives (`宁河区` in the title,
/// `天津市宁河区人民政府` in the opening; `文峰区生态环境分局` and
/// `安阳市生态环境局文峰分局`): same kind of unit, and it holds the first
/// name whole or at least its place name (the first two characters).
pub fn fullest(names: &[String]) -> Option<String> {
    let base = names.first()?;
    let kind = kind_from_name(base);
    let chars: Vec<char> = base.chars().collect();
    let place: String = chars.iter().take(2).collect();
    // A department is also named by its line of work, after the territory
    // (`文峰区生态环境分局` → `生态`): another department of the same place
    // (`青禾区司法局` / `青禾区市场监督管理局`) is not a fuller form.
    let work: String = chars
        .iter()
        .rposition(|c| TERRITORY.contains(c))
        .map(|p| chars[p + 1..].iter().take(2).collect())
        .unwrap_or_default();
    let mut best = base;
    for n in &names[1..] {
        let same_work =
            kind != AgencyKind::Department || work.chars().count() < 2 || n.contains(work.as_str());
        let expands = n.contains(base.as_str()) || (n.contains(place.as_str()) && same_work);
        if expands && kind_from_name(n) == kind && n.chars().count() > best.chars().count() {
            best = n;
        }
    }
    Some(best.clone())
}

#[cfg(test)]
mod tests;
