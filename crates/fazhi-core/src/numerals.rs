//! Numbers as these reports write them: Arabic (`6000`, `85.7`, `1,234`,
//! `1.2万`) and Chinese (`十一`, `两千`, `一百零五`, `二〇二三`).
//!
//! Guarantees: every function looks at a bounded window of characters from
//! the given position (at most [`MAX_NUMBER_CHARS`]), never panics, and
//! returns the number of characters it consumed so callers can skip past.

/// Longest run we will read as one number: anything longer is an identifier
/// (account number, hash), never a count of work.
pub const MAX_NUMBER_CHARS: usize = 24;

/// A number read at some position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Characters consumed (including a trailing 万/亿 multiplier).
    pub len: usize,
    /// Written with Chinese numerals.
    pub chinese: bool,
    /// Written digit by digit (`二〇二三`), as years are.
    pub positional: bool,
}

/// Value of a Chinese digit character (`零`/`〇` … `九`, `两`, capital forms).
pub fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Value of a Chinese place character (`十` `百` `千`).
fn han_place(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

fn han_big(c: char) -> Option<f64> {
    match c {
        '万' => Some(1e4),
        '亿' => Some(1e8),
        _ => None,
    }
}

/// Every numeral character of [`is_han_numeral_char`].
const NUMERALS: [char; 30] = [
    '零', '〇', '○', '一', '壹', '二', '两', '贰', '三', '叁', '四', '肆', '五', '伍', '六', '陆',
    '七', '柒', '八', '捌', '九', '玖', '十', '拾', '百', '佰', '千', '仟', '万', '亿',
];

/// The low ten bits of [`NUMERALS`], as a 1024-bit set (a few percent of
/// other characters share a slot; 256 bits let one in nine through).
const NUMERAL_BITS: [u64; 16] = {
    let mut bits = [0u64; 16];
    let mut i = 0;
    while i < NUMERALS.len() {
        let v = NUMERALS[i] as u32 & 1023;
        bits[(v >> 6) as usize] |= 1 << (v & 63);
        i += 1;
    }
    bits
};

/// True for any character that can be part of a Chinese numeral (a digit,
/// place or multiplier of [`han_digit`], `han_place`, `han_big`). The
/// quantity scanner asks this of every character, so it is made cheap.
#[inline]
pub fn is_han_numeral_char(c: char) -> bool {
    may_be_numeral(c) && NUMERALS.contains(&c)
}

/// False for most characters that are no numeral character (a filter on
/// the low bits: one test), never for one that is.
#[inline(always)]
pub(crate) fn may_be_numeral(c: char) -> bool {
    let v = c as u32 & 1023;
    NUMERAL_BITS[(v >> 6) as usize] >> (v & 63) & 1 == 1
}

/// True where a Chinese numeral may begin (a digit or 十; never 百/千/万 alone,
/// which start ordinary words such as 千方百计, 万众).
pub fn starts_han_number(c: char) -> bool {
    (han_digit(c).is_some() && c != '○') || c == '十' || c == '拾'
}

/// Read a Chinese numeral at `at`. `一百零五` → 105, `十一` → 11,
/// `两千` → 2000, `1` digit-by-digit `二〇二三` → 2023 (positional).
pub fn parse_han(chars: &[char], at: usize) -> Option<Number> {
    let first = *chars.get(at)?;
    if !starts_han_number(first) {
        return None;
    }
    let end_limit = chars.len().min(at.saturating_add(MAX_NUMBER_CHARS));
    // Digit-by-digit form: two digits in a row at the start (二〇二三, 一九).
    let second_is_digit = chars.get(at + 1).copied().and_then(han_digit).is_some();
    if han_digit(first).is_some() && second_is_digit {
        let mut value = 0f64;
        let mut i = at;
        while i < end_limit {
            match han_digit(chars[i]) {
                Some(d) => value = value * 10.0 + f64::from(d),
                None => break,
            }
            i += 1;
        }
        // 一二 or 三四 (e.g. 三四个) are ranges, not positional numbers; only
        // treat runs of 4 (years) or runs containing 〇/零 as positional.
        let run = i - at;
        let has_zero = chars[at..i].iter().any(|&c| matches!(c, '〇' | '零' | '○'));
        if run >= 4 || has_zero {
            return Some(Number {
                value,
                len: run,
                chinese: true,
                positional: true,
            });
        }
        // Otherwise read only the first digit.
        return Some(Number {
            value: f64::from(han_digit(first).unwrap_or(0)),
            len: 1,
            chinese: true,
            positional: false,
        });
    }

    let mut total = 0f64;
    let mut section = 0f64;
    let mut digit: Option<u32> = None;
    let mut last_place = u32::MAX;
    let mut i = at;
    let mut consumed = at;
    while i < end_limit {
        let c = chars[i];
        if let Some(d) = han_digit(c) {
            if digit.is_some() {
                break; // two digits in a row: the number ended before
            }
            if d != 0 {
                digit = Some(d);
            }
            i += 1;
            if d != 0 {
                consumed = i;
            }
            continue;
        }
        if let Some(p) = han_place(c) {
            if p >= last_place {
                break; // 十百: not a well-formed numeral, stop before it
            }
            let d = digit.take().unwrap_or(if p == 10 { 1 } else { 0 });
            if d == 0 {
                break; // 百 without a digit before it
            }
            section += f64::from(d) * f64::from(p);
            last_place = p;
            i += 1;
            consumed = i;
            continue;
        }
        if let Some(big) = han_big(c) {
            let before = section + f64::from(digit.take().unwrap_or(0));
            if before == 0.0 && total == 0.0 {
                break;
            }
            total = (total + before) * big;
            section = 0.0;
            last_place = u32::MAX;
            i += 1;
            consumed = i;
            continue;
        }
        break;
    }
    let value = total + section + f64::from(digit.unwrap_or(0));
    if consumed == at {
        return None;
    }
    Some(Number {
        value,
        len: consumed - at,
        chinese: true,
        positional: false,
    })
}

/// Read an Arabic number at `at` (ASCII digits; callers fold full-width
/// digits first): `6000`, `85.7`, `1,234`, and a following 万/亿/千
/// multiplier unless it starts a money unit (`5万元` stays 5 with unit 万元).
pub fn parse_arabic(chars: &[char], at: usize) -> Option<Number> {
    let mut i = at;
    let n = chars.len();
    while i < n && chars[i].is_ascii_digit() {
        i += 1;
    }
    let int_len = i - at;
    if int_len == 0 || int_len > 15 {
        return None;
    }
    let mut text = String::with_capacity(int_len + 8);
    text.extend(&chars[at..i]);
    // Thousands separators: 1,234 — only exact groups of three, so a list
    // such as `32项,1个` is never glued together.
    if int_len <= 3 {
        while i + 3 < n + 1
            && chars.get(i) == Some(&',')
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(|c| c.is_ascii_digit()))
            && !chars.get(i + 4).is_some_and(|c| c.is_ascii_digit())
            && i - at < MAX_NUMBER_CHARS
        {
            text.extend(&chars[i + 1..i + 4]);
            i += 4;
        }
    }
    if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
        let dot = i;
        i += 1;
        while i < n && chars[i].is_ascii_digit() && i - dot <= 8 {
            i += 1;
        }
        text.push('.');
        text.extend(&chars[dot + 1..i]);
    }
    let mut value: f64 = text.parse().ok()?;
    // Multiplier, unless it is the first character of a money unit (万元).
    if let Some(&c) = chars.get(i) {
        let mult = match c {
            '万' => Some(1e4),
            '亿' => Some(1e8),
            '千' => Some(1e3),
            _ => None,
        };
        if let Some(m) = mult {
            let next = chars.get(i + 1).copied();
            // `80万余元` is 80 万元 at least: 余/多 between the multiplier
            // and the money unit.
            let after_some = chars.get(i + 2).copied();
            let money = matches!(next, Some('元' | '美'))
                || (matches!(next, Some('余' | '多')) && after_some == Some('元'));
            if !money {
                value *= m;
                i += 1;
                // 1亿2000万 is rare in these reports; 1.2万亿 is handled.
                if m == 1e4 && chars.get(i) == Some(&'亿') {
                    value *= 1e8;
                    i += 1;
                }
            }
        }
    }
    Some(Number {
        value,
        len: i - at,
        chinese: false,
        positional: false,
    })
}

/// Either kind of number at `at`.
pub fn parse_number(chars: &[char], at: usize) -> Option<Number> {
    match chars.get(at) {
        Some(c) if c.is_ascii_digit() => parse_arabic(chars, at),
        Some(_) => parse_han(chars, at),
        None => None,
    }
}

/// Round away float noise (`1.2 * 10000` → 12000) so equality checks work.
pub fn tidy(value: f64) -> f64 {
    let r = (value * 1e6).round() / 1e6;
    if r.is_finite() { r } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn han(s: &str) -> Option<(f64, usize)> {
        let v: Vec<char> = s.chars().collect();
        parse_han(&v, 0).map(|n| (tidy(n.value), n.len))
    }

    fn arabic(s: &str) -> Option<(f64, usize)> {
        let v: Vec<char> = s.chars().collect();
        parse_arabic(&v, 0).map(|n| (tidy(n.value), n.len))
    }

    #[test]
    fn the_numeral_char_test_agrees_with_the_readers() {
        for v in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(v) else { continue };
            let slow = han_digit(c).is_some() || han_place(c).is_some() || han_big(c).is_some();
            assert_eq!(is_han_numeral_char(c), slow, "{c}");
        }
    }

    #[test]
    fn chinese_numerals_read_as_a_clerk_reads_them() {
        assert_eq!(han("十一项"), Some((11.0, 2)));
        assert_eq!(han("两千余人次"), Some((2000.0, 2)));
        assert_eq!(han("一百零五件"), Some((105.0, 4)));
        assert_eq!(han("二十场"), Some((20.0, 2)));
        assert_eq!(han("三万人"), Some((30000.0, 2)));
        assert_eq!(han("十万余份"), Some((100000.0, 2)));
        assert_eq!(han("二〇二三年"), Some((2023.0, 4)));
        assert_eq!(han("十四五"), Some((14.0, 2)));
        assert_eq!(han("三四个"), Some((3.0, 1)));
        assert_eq!(han("百姓"), None);
        assert_eq!(han("万众"), None);
    }

    #[test]
    fn arabic_numbers_with_multipliers_and_separators() {
        assert_eq!(arabic("6000余份"), Some((6000.0, 4)));
        assert_eq!(arabic("85.7%"), Some((85.7, 4)));
        assert_eq!(arabic("170万次"), Some((1_700_000.0, 4)));
        assert_eq!(arabic("1.2万人"), Some((12000.0, 4)));
        assert_eq!(arabic("5万元"), Some((5.0, 1)));
        assert_eq!(arabic("80万余元"), Some((80.0, 2)));
        assert_eq!(arabic("1,234件"), Some((1234.0, 5)));
        assert_eq!(arabic("32,1个"), Some((32.0, 2)));
        assert_eq!(arabic("1.以"), Some((1.0, 1)));
        assert_eq!(arabic("1234567890123456"), None);
    }
}
