//! Dates: the publication date of a web copy (`发布日期`/`日期` chrome, a
//! sign-off on one of the last lines, a cover letter's date line) and the
//! date forms clerks write (`2023-03-24`, `2023年3月24日`, `二〇二四年二月二十日`).
//! Each reader looks at a bounded window.

use crate::header::HEAD_LINES;
use crate::markers::find;
use crate::normalize::Doc;
use crate::numerals::parse_han;

/// Publication date: a web page's `发布日期`/`日期`, else a sign-off date on
/// one of the last lines.
pub(crate) fn published_date(doc: &Doc) -> Option<String> {
    let from_chrome = |key: &str| {
        doc.chrome.iter().find_map(|l| {
            let c: Vec<char> = l.chars().collect();
            let at = find(&c, key)?;
            parse_date_in(&c[at..])
        })
    };
    if let Some(d) = from_chrome("发布日期")
        .or_else(|| from_chrome("发布时间"))
        .or_else(|| from_chrome("日期"))
    {
        return Some(d);
    }
    let n = doc.lines.len();
    for i in (n.saturating_sub(3)..n).rev() {
        let l = doc.line(i);
        if l.len() <= 20
            && let Some(d) = parse_date_in(l)
        {
            return Some(d);
        }
    }
    // A cover letter's sign-off near the top: a line that is only a date.
    (0..n.min(HEAD_LINES)).find_map(|i| {
        let l = doc.line(i);
        (l.len() <= 12 && date_at(l, 0).is_some())
            .then(|| parse_date_in(l))
            .flatten()
    })
}

/// First date in `chars`: `2023-03-24`, `2023/3/24`, `2023.03.24`,
/// `2023年3月24日`, `二〇二三年三月二十四日`, as `YYYY-MM-DD`.
pub fn parse_date_in(chars: &[char]) -> Option<String> {
    let limit = chars.len().min(64);
    for i in 0..limit {
        if let Some(d) = date_at(chars, i) {
            return Some(d);
        }
    }
    None
}

fn small_number(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let c = *chars.get(at)?;
    if c.is_ascii_digit() {
        let mut v = 0u32;
        let mut i = at;
        while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
            v = v * 10 + d;
            i += 1;
            if i - at > 2 {
                return None;
            }
        }
        return Some((v, i - at));
    }
    let n = parse_han(chars, at)?;
    (!n.positional && n.value >= 1.0 && n.value <= 31.0).then_some((n.value as u32, n.len))
}

fn date_at(chars: &[char], at: usize) -> Option<String> {
    let c = *chars.get(at)?;
    let (y, ylen) = if c.is_ascii_digit() {
        if at > 0 && chars[at - 1].is_ascii_digit() {
            return None;
        }
        let w = chars.get(at..at + 4)?;
        if !w.iter().all(|c| c.is_ascii_digit()) {
            return None;
        }
        (
            w.iter()
                .fold(0i32, |a, c| a * 10 + c.to_digit(10).unwrap_or(0) as i32),
            4,
        )
    } else {
        let n = parse_han(chars, at)?;
        if !(n.positional && n.len == 4) {
            return None;
        }
        (n.value as i32, 4)
    };
    if !(1990..=2100).contains(&y) {
        return None;
    }
    let sep = *chars.get(at + ylen)?;
    let (m, mlen) = small_number(chars, at + ylen + 1)?;
    let msep = *chars.get(at + ylen + 1 + mlen)?;
    let (d, _) = small_number(chars, at + ylen + 1 + mlen + 1)?;
    let ok_sep = match sep {
        '-' | '/' | '.' => msep == sep,
        '年' => msep == '月',
        _ => false,
    };
    if !ok_sep || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_several_forms() {
        let d = |s: &str| parse_date_in(&s.chars().collect::<Vec<_>>());
        assert_eq!(d("日期:2023-03-24 11:26").as_deref(), Some("2023-03-24"));
        assert_eq!(d("2024年2月5日").as_deref(), Some("2024-02-05"));
        assert_eq!(d("二〇二四年二月二十日").as_deref(), Some("2024-02-20"));
        assert_eq!(d("2021-2025年"), None);
    }
}
