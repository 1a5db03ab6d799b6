//! The one reader of a written year (`2023年`, `二〇二三年`) the parser has.

use crate::numerals::parse_han;

/// A year written at `at`: `2023年` or `二〇二三年`.
pub(crate) fn year_at(chars: &[char], at: usize) -> Option<(i32, usize)> {
    let c = *chars.get(at)?;
    if c.is_ascii_digit() {
        let w = chars.get(at..at + 4)?;
        if !w.iter().all(|c| c.is_ascii_digit()) || chars.get(at + 4) != Some(&'年') {
            return None;
        }
        if at > 0 && chars[at - 1].is_ascii_digit() {
            return None;
        }
        let y = w
            .iter()
            .fold(0i32, |a, c| a * 10 + c.to_digit(10).unwrap_or(0) as i32);
        return (1990..=2100).contains(&y).then_some((y, 4));
    }
    let n = parse_han(chars, at)?;
    if n.positional && n.len == 4 && chars.get(at + 4) == Some(&'年') {
        let y = n.value as i32;
        return (1990..=2100).contains(&y).then_some((y, 4));
    }
    None
}

/// First year (Arabic or Chinese) named in `chars`.
pub(crate) fn first_year(chars: &[char]) -> Option<(i32, usize)> {
    (0..chars.len()).find_map(|i| year_at(chars, i).map(|(y, _)| (y, i)))
}

/// The first year written in Arabic digits (`2023年`) in `chars`, if any
/// (headings: a Chinese-numeral year there is not read).
pub fn year_in(chars: &[char]) -> Option<i32> {
    (0..chars.len())
        .filter(|&i| chars[i].is_ascii_digit())
        .find_map(|i| year_at(chars, i))
        .map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn one_reader_for_arabic_and_chinese_years() {
        assert_eq!(year_at(&v("2023年"), 0), Some((2023, 4)));
        assert_eq!(year_at(&v("二〇二三年"), 0), Some((2023, 4)));
        assert_eq!(year_at(&v("12023年"), 1), None, "part of a longer number");
        assert_eq!(year_at(&v("1890年"), 0), None, "implausible");
        assert_eq!(first_year(&v("关于二〇二二年度的报告")), Some((2022, 2)));
    }

    #[test]
    fn headings_read_only_arabic_years() {
        assert_eq!(year_in(&v("一、2024年主要举措")), Some(2024));
        assert_eq!(year_in(&v("二〇二四年工作安排")), None);
        assert_eq!(year_in(&v("共12345件，2025年计划")), Some(2025));
        assert_eq!(year_in(&v("1890年，2021-2025年规划")), Some(2025));
    }
}
