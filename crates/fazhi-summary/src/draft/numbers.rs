//! How the draft writes numbers: as reports write them (`170万`, `不少于54场`)
//! and small counts in Chinese numerals for list numbering.

use fazhi_core::Qualifier;

/// A number as reports write it: integers plain, ×10⁴ as 万 from 1万 up when
/// a whole thousand (`1.2万`, `10.6万`, `170万`), others with at most two
/// decimals.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_owned();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let i = v as i64;
        if i.abs() >= 10_000 && i % 1000 == 0 {
            return format!("{}万", trim_decimals(v / 10_000.0));
        }
        return i.to_string();
    }
    trim_decimals(v)
}

fn trim_decimals(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A qualified total as a clerk writes it (`不少于362场`, `超过170万次`).
pub fn fmt_qualified(v: f64, q: Qualifier, unit: &str) -> String {
    let n = fmt_num(v);
    match q {
        Qualifier::Exact => format!("{n}{unit}"),
        Qualifier::AtLeast => format!("不少于{n}{unit}"),
        Qualifier::MoreThan => format!("超过{n}{unit}"),
        Qualifier::Approx => format!("约{n}{unit}"),
        Qualifier::UpTo => format!("不超过{n}{unit}"),
    }
}

/// `一`…`九十九` for list numbering.
pub fn cn_num(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}
