//! Numbers a report must not publish: resident IDs (GB 11643 check digit),
//! mobile and landline numbers, minus the published office lines.

use super::*;

/// Scan each maximal run of digits (with the separators a phone number is
/// written with) once: linear.
pub(super) fn numbers(chars: &[char], out: &mut Vec<PrivacyFlag>) {
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = at(chars, i);
        if !is_digit(c) || (i > 0 && is_alnum(at(chars, i - 1))) {
            i += 1;
            continue;
        }
        // The plain alphanumeric run starting here.
        let mut j = i;
        while j < n && is_alnum(at(chars, j)) {
            j += 1;
        }
        let run = &chars[i..j];
        let in_document_number =
            i > 0 && matches!(at(chars, i - 1), '〕' | ']' | '】') || matches!(at(chars, j), '号');
        if !in_document_number {
            if let Some(end) = resident_id(run) {
                out.push(flag(PrivacyKind::ResidentId, i, i + end, false));
                i = j;
                continue;
            }
            if let Some((start, end)) = mobile(chars, i) {
                out.push(flag(PrivacyKind::Mobile, start, end, false));
                i = end;
                continue;
            }
            if let Some(end) = landline(chars, i)
                && !public_context(chars, i)
            {
                out.push(flag(PrivacyKind::Landline, i, end, false));
                i = end;
                continue;
            }
        }
        i = j.max(i + 1);
    }
}

/// GB 11643-1999: weights of the first 17 digits, and the check character
/// for each remainder mod 11.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// `run` is a whole alphanumeric run: a resident ID is all of it.
fn resident_id(run: &[char]) -> Option<usize> {
    let digits: Vec<u32> = run.iter().filter_map(|c| c.to_digit(10)).collect();
    match run.len() {
        18 if digits.len() >= 17 && run[..17].iter().all(|c| c.is_ascii_digit()) => {
            let sum: u32 = ID_WEIGHTS
                .iter()
                .zip(&digits[..17])
                .map(|(w, d)| w * d)
                .sum();
            let expected = ID_CHECK[(sum % 11) as usize];
            let last = run[17].to_ascii_uppercase();
            (last == expected
                && region_plausible(digits[0])
                && birth_plausible(&digits[6..10], &digits[10..12], &digits[12..14]))
            .then_some(18)
        }
        15 if digits.len() == 15 => {
            // Legacy: 6 region digits, YYMMDD (19YY), 3 sequence digits.
            (region_plausible(digits[0])
                && birth_plausible(
                    &[1, 9, digits[6], digits[7]],
                    &digits[8..10],
                    &digits[10..12],
                ))
            .then_some(15)
        }
        _ => None,
    }
}

/// Region codes start 1–8 (9 is not assigned to a province).
fn region_plausible(first: u32) -> bool {
    (1..=8).contains(&first)
}

fn number(ds: &[u32]) -> u32 {
    ds.iter().fold(0, |a, d| a * 10 + d)
}

fn birth_plausible(y: &[u32], m: &[u32], d: &[u32]) -> bool {
    let (y, m, d) = (number(y), number(m), number(d));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    (1900..=2030).contains(&y) && (1..=days).contains(&d)
}

/// A mobile number starting at `i`: `1[3-9]` and 9 more digits, written
/// `13812345678`, `138 1234 5678` or `138-1234-5678`, with `+86`/`86`
/// before it counted in the span. Returns its span.
fn mobile(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let (mut start, mut k) = (i, i);
    // `86` then the number: the prefix belongs to the span.
    if at(chars, k) == '8' && at(chars, k + 1) == '6' {
        let mut m = k + 2;
        if matches!(at(chars, m), ' ' | '-') {
            m += 1;
        }
        if at(chars, m) == '1' {
            if start > 0 && at(chars, start - 1) == '+' {
                start -= 1;
            }
            k = m;
        }
    }
    if at(chars, k) != '1' || !('3'..='9').contains(&at(chars, k + 1)) {
        return None;
    }
    let mut digits = 0;
    let mut last_sep: Option<char> = None;
    while digits < 11 {
        let c = at(chars, k);
        if is_digit(c) {
            digits += 1;
            k += 1;
        } else if (digits == 3 || digits == 7)
            && matches!(c, ' ' | '-')
            && last_sep.is_none_or(|s| s == c)
            && is_digit(at(chars, k + 1))
        {
            last_sep = Some(c);
            k += 1;
        } else {
            return None;
        }
    }
    // Not part of a longer run of digits or letters.
    let next = at(chars, k);
    if is_alnum(next) || (matches!(next, ' ' | '-') && is_digit(at(chars, k + 1))) {
        return None;
    }
    Some((start, k))
}

/// A landline starting at `i`: `0` + area code (010, 02x: 3 digits; others
/// 4), a separator (`-`, a space, or the code in brackets), a local number
/// of 7–8 digits not starting 0/1, an optional `-` extension. Service
/// numbers (400/800) are not landlines of a person.
fn landline(chars: &[char], i: usize) -> Option<usize> {
    let bracket = i > 0 && matches!(at(chars, i - 1), '(' | '（');
    if at(chars, i) != '0' {
        return None;
    }
    let area_len = if matches!(at(chars, i + 1), '1' | '2') {
        3
    } else {
        4
    };
    if !(0..area_len).all(|d| is_digit(at(chars, i + d))) || at(chars, i + 1) == '0' {
        return None;
    }
    let mut k = i + area_len;
    match at(chars, k) {
        ')' | '）' if bracket => k += 1,
        '-' | ' ' => k += 1,
        _ => return None,
    }
    if at(chars, k) == ' ' {
        k += 1;
    }
    let local = k;
    while is_digit(at(chars, k)) && k - local < 9 {
        k += 1;
    }
    let len = k - local;
    if !(7..=8).contains(&len) || matches!(at(chars, local), '0' | '1') || is_alnum(at(chars, k)) {
        return None;
    }
    // Extension `-123`.
    if at(chars, k) == '-' && is_digit(at(chars, k + 1)) {
        let mut e = k + 1;
        while is_digit(at(chars, e)) && e - k <= 5 {
            e += 1;
        }
        if !is_alnum(at(chars, e)) {
            k = e;
        }
    }
    Some(k)
}

/// Words before a number that make it a published office line.
const PUBLIC_PHONE_WORDS: &[&str] = &[
    "热线",
    "服务电话",
    "咨询电话",
    "监督电话",
    "举报电话",
    "投诉电话",
    "联系电话",
    "值班电话",
    "办公电话",
    "传真",
    "电话:",
    "电话：",
    "电话为",
];

/// Whether the 16 characters before `i` introduce a public office number.
fn public_context(chars: &[char], i: usize) -> bool {
    let from = i.saturating_sub(16);
    let before: String = chars.get(from..i).unwrap_or(&[]).iter().collect();
    PUBLIC_PHONE_WORDS.iter().any(|w| before.contains(w))
}
