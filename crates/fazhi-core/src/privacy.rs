//! Privacy before publication: what a report must not publish about private
//! persons — resident ID numbers, mobile and landline numbers, and the names
//! of citizens in complaint and petition contexts (信访、投诉、复议、诉讼).
//!
//! Guarantees: pure; linear in the text (every rule looks a bounded number
//! of characters around a position); never panics; every span is a pair of
//! **character** offsets into the text given (the decoded text every other
//! offset of the parse refers to), with `text == chars[start..end]`.
//!
//! What is deliberately not flagged, because a report rightly publishes it:
//! service numbers (`12345`, `12348`, `400-`/`800-`), landlines introduced
//! as a hotline or an office's phone (`政务服务热线`, `监督电话`, `联系电话`),
//! 18-digit numbers without a valid GB 11643 check digit, digits inside a
//! longer run of digits or letters (a 统一社会信用代码) or a document number
//! (`〔2024〕…号`), and officials named with their role (`区长王某`: the
//! name is not at a petition boundary).

use serde::{Deserialize, Serialize};

/// What was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrivacyKind {
    /// 18-digit (valid check digit) or 15-digit legacy resident ID number.
    ResidentId,
    Mobile,
    Landline,
    /// A private citizen's name next to a complaint or petition word.
    PersonName,
}

impl PrivacyKind {
    pub fn code(self) -> &'static str {
        match self {
            PrivacyKind::ResidentId => "resident_id",
            PrivacyKind::Mobile => "mobile",
            PrivacyKind::Landline => "landline",
            PrivacyKind::PersonName => "person_name",
        }
    }

    /// The clerk's words for it.
    pub fn label(self) -> &'static str {
        match self {
            PrivacyKind::ResidentId => "居民身份证号码",
            PrivacyKind::Mobile => "手机号码",
            PrivacyKind::Landline => "固定电话号码",
            PrivacyKind::PersonName => "信访投诉当事人姓名",
        }
    }
}

/// One thing to redact before publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyFlag {
    pub kind: PrivacyKind,
    /// Character offsets: `text == chars[start..end]`.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// A name already pseudonymized (`张某某`, `王XX`): still worth a look
    /// (a rare surname with a given place can identify a person), but not
    /// a full name.
    #[serde(default)]
    pub masked: bool,
}

/// Find everything to redact in `text`, in text order.
pub fn scan(text: &str) -> Vec<PrivacyFlag> {
    let raw: Vec<char> = text.chars().collect();
    // Full-width digits and letters read as ASCII; one char per char, so
    // offsets stay those of `text`.
    let chars: Vec<char> = raw
        .iter()
        .map(|&c| crate::normalize::fold(c).unwrap_or(c))
        .collect();
    let mut flags = Vec::new();
    numbers(&chars, &mut flags);
    names(&chars, &mut flags);
    flags.sort_by_key(|f| (f.start, f.end));
    for f in &mut flags {
        f.text = raw.get(f.start..f.end).unwrap_or(&[]).iter().collect();
    }
    flags
}

fn flag(kind: PrivacyKind, start: usize, end: usize, masked: bool) -> PrivacyFlag {
    PrivacyFlag {
        kind,
        start,
        end,
        text: String::new(),
        masked,
    }
}

fn at(chars: &[char], i: usize) -> char {
    chars.get(i).copied().unwrap_or('\0')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Digits and Latin letters: a number touching one is part of a code.
fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

// ---------------------------------------------------------------- numbers

/// Scan each maximal run of digits (with the separators a phone number is
/// written with) once: linear.
fn numbers(chars: &[char], out: &mut Vec<PrivacyFlag>) {
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

// ------------------------------------------------------------------ names

/// The common surnames (the names a petition passage uses). Kept to the
/// frequent ones so a word that begins with a rarer surname character is
/// not read as a name.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏韦邹孟熊秦邱尹薛闫阎段雷侯龙陶黎贺顾毛郝龚邵钱严覃戴莫孔汤殷谷葛庞武赖乔俞柴闵";

fn is_surname(c: char) -> bool {
    // Cheap range test first: most characters of a text are not surnames.
    is_han(c) && SURNAMES.contains(c)
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A mask letter of a pseudonymized name.
fn is_mask(c: char) -> bool {
    matches!(c, '某' | 'X' | 'x' | '×' | '*' | '＊' | 'Ｘ')
}

/// Words right after a citizen's name in a petition passage.
const AFTER_NAME: &[&str] = &[
    "反映", "来信", "来访", "上访", "信访", "投诉", "举报", "诉", "不服", "申请", "提出", "等人",
    "夫妇", "一家",
];

/// Words right before a citizen's name.
const BEFORE_NAME: &[&str] = &[
    "信访人",
    "上访人",
    "来访人",
    "投诉人",
    "举报人",
    "申请人",
    "被申请人",
    "当事人",
    "原告",
    "申诉人",
    "复议申请人",
    "群众",
    "村民",
    "居民",
    "市民",
    "业主",
    "职工",
    "其中",
    "涉及",
];

fn starts_with(chars: &[char], i: usize, w: &str) -> bool {
    (i..).zip(w.chars()).all(|(k, c)| at(chars, k) == c)
}

fn ends_with(chars: &[char], end: usize, w: &str) -> bool {
    let len = w.chars().count();
    end >= len && starts_with(chars, end - len, w)
}

/// Whether a name may start at `i`: after punctuation or the start, after
/// a word that introduces a citizen, or after `、`/`和`/`与` within a list.
fn name_boundary_before(chars: &[char], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = at(chars, i - 1);
    !is_han(p) && !is_alnum(p)
        || matches!(p, '和' | '与' | '及')
        || BEFORE_NAME.iter().any(|w| ends_with(chars, i, w))
}

/// Length of a name at `i` (surname + 1–2 characters or masks), if the
/// text after it is a petition word or the next name of a list; `need_after`
/// false when a word before it already said it is a citizen.
fn name_at(chars: &[char], i: usize, need_after: bool) -> Option<(usize, bool)> {
    if !is_surname(at(chars, i)) {
        return None;
    }
    for given in [2usize, 1] {
        let end = i + 1 + given;
        let body = chars.get(i + 1..end)?;
        let masked = body.iter().all(|&c| is_mask(c));
        let plain = body.iter().all(|&c| is_han(c) && !is_mask(c));
        if !masked && !plain {
            continue;
        }
        // A mask of 某 then a real character (`王某强`) is not a form used.
        if masked && given == 1 && is_mask(at(chars, end)) {
            continue;
        }
        let after_word = AFTER_NAME.iter().any(|w| starts_with(chars, end, w));
        let list = matches!(at(chars, end), '、' | '和' | '与') && is_surname(at(chars, end + 1));
        let stop = !is_han(at(chars, end)) && !is_alnum(at(chars, end));
        if after_word || list || masked || (!need_after && stop) {
            return Some((given + 1, masked));
        }
    }
    None
}

/// Names in petition passages. Each position is tried once with bounded
/// look-around: linear.
fn names(chars: &[char], out: &mut Vec<PrivacyFlag>) {
    let n = chars.len();
    let mut i = 0;
    // A list of names (`马秀荣、马秀枝反映`) is confirmed by its last name's
    // petition word: names of a list are held until then.
    let mut pending: Vec<(usize, usize, bool)> = Vec::new();
    while i < n {
        if pending.is_empty() && !is_surname(at(chars, i)) {
            i += 1;
            continue;
        }
        let introduced = i > 0 && BEFORE_NAME[..11].iter().any(|w| ends_with(chars, i, w));
        let in_list = !pending.is_empty();
        if is_surname(at(chars, i))
            && (in_list || name_boundary_before(chars, i))
            && let Some((len, masked)) = name_at(chars, i, !introduced)
        {
            let end = i + len;
            let continues = matches!(at(chars, end), '、' | '和' | '与')
                && AFTER_NAME.iter().all(|w| !starts_with(chars, end, w));
            pending.push((i, end, masked));
            if continues {
                // The next name starts after the separator.
                i = end + 1;
                continue;
            }
            for (s, e, m) in pending.drain(..) {
                out.push(flag(PrivacyKind::PersonName, s, e, m));
            }
            i = end;
            continue;
        }
        // A list whose next item is not a name: not a petition list.
        pending.clear();
        i += 1;
    }
}

#[cfg(test)]
mod tests;
