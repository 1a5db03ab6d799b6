//! Word's number formats (`w:numFmt`) rendered the way Word displays them.

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// `n` in format `fmt` (unknown formats fall back to decimal, as Word does).
pub(crate) fn format(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => counting(n, &DIGITS, ['十', '百', '千']),
        "chineseLegalSimplified" | "japaneseLegal" => counting(n, &LEGAL, ['拾', '佰', '仟']),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| digit_char(c, &DIGITS))
            .collect(),
        "ideographTraditional" => cycle(n, &STEMS),
        "ideographZodiac" => cycle(n, &BRANCHES),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            enclosed_circle(n)
        }
        "decimalEnclosedFullstop" => offset_char(n, 0x2488).unwrap_or_else(|| format!("{n}.")),
        "decimalEnclosedParen" => offset_char(n, 0x2474).unwrap_or_else(|| format!("({n})")),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| c.to_digit(10).and_then(|d| char::from_u32(0xFF10 + d)))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" => letters(n, b'A'),
        "lowerLetter" => letters(n, b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn digit_char(c: char, digits: &[char; 10]) -> char {
    c.to_digit(10).map(|d| digits[d as usize]).unwrap_or(c)
}

/// 1 一, 10 十, 11 十一, 20 二十, 105 一百零五, 1010 一千零一十.
fn counting(n: u32, digits: &[char; 10], units: [char; 3]) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let ds = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let unit = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut s = String::new();
    let mut zero_pending = false;
    for (i, &d) in ds.iter().enumerate() {
        if d == 0 {
            zero_pending = !s.is_empty();
            continue;
        }
        if zero_pending {
            s.push(digits[0]);
            zero_pending = false;
        }
        // 十一, not 一十一, when the number starts in the tens.
        let leading_ten = i == 2 && s.is_empty() && d == 1;
        if !leading_ten {
            s.push(digits[d as usize]);
        }
        if let Some(u) = unit[i] {
            s.push(u);
        }
    }
    if digits[0] == '〇' {
        s = s.replace('〇', "零");
    }
    s
}

fn cycle(n: u32, set: &[char]) -> String {
    let len = set.len() as u32;
    set[((n.max(1) - 1) % len) as usize].to_string()
}

fn offset_char(n: u32, base: u32) -> Option<String> {
    (1..=20)
        .contains(&n)
        .then(|| char::from_u32(base + n - 1))
        .flatten()
        .map(String::from)
}

fn enclosed_circle(n: u32) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n - 1),
        21..=35 => char::from_u32(0x3251 + n - 21),
        36..=50 => char::from_u32(0x32B1 + n - 36),
        _ => None,
    };
    c.map(String::from).unwrap_or_else(|| n.to_string())
}

/// Word repeats the letter past Z: 27 → AA, 28 → BB.
fn letters(n: u32, base: u8) -> String {
    let n = n.max(1) - 1;
    let c = char::from(base + (n % 26) as u8);
    std::iter::repeat_n(c, (n / 26 + 1).min(50) as usize).collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn chinese_counting_as_word_shows_it() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 100, 105, 110, 1010]
            .iter()
            .map(|&n| format(n, "chineseCounting"))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十",
                "一千零一十"
            ]
        );
    }

    #[test]
    fn other_formats() {
        assert_eq!(format(3, "ideographTraditional"), "丙");
        assert_eq!(format(11, "ideographTraditional"), "甲");
        assert_eq!(format(2, "decimalEnclosedFullstop"), "⒉");
        assert_eq!(format(21, "decimalEnclosedFullstop"), "21.");
        assert_eq!(format(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format(4, "decimalEnclosedParen"), "⑷");
        assert_eq!(format(12, "decimalFullWidth"), "１２");
        assert_eq!(format(28, "upperLetter"), "BB");
        assert_eq!(format(14, "lowerRoman"), "xiv");
        assert_eq!(format(7, "decimal"), "7");
        assert_eq!(format(7, "none"), "");
        assert_eq!(format(12, "chineseLegalSimplified"), "拾贰");
    }
}
