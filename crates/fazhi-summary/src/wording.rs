//! How a number and an item's title are written in a report: the number
//! with its qualifier and unit (`超170万次`), a title without its numbering
//! marker. Read by the contribution and by `reading` alike (apart, so the
//! two do not import each other).

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "０１２３４５６７８９.．零〇一二两三四五六七八九十百千万亿".contains(c)
}

/// The number as written in a quantity's text, with its qualifier and unit
/// (`开展各类法治宣传活动20余场` → `20余场`, `点击阅读超170万次` → `超170万次`).
/// Falls back to the whole text. Always a substring of `text`.
pub fn number_text(text: &str, unit: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let unit_chars: Vec<char> = unit.chars().collect();
    let at = |i: usize| -> bool { !unit_chars.is_empty() && chars[i..].starts_with(&unit_chars) };
    for u in 0..chars.len() {
        if !at(u) {
            continue;
        }
        // Back over 余/多 and the numerals.
        let mut from = u;
        while from > 0 && "余多".contains(chars[from - 1]) && u - from < 2 {
            from -= 1;
        }
        let digits_end = from;
        while from > 0 && is_numeral(chars[from - 1]) {
            from -= 1;
        }
        if from == digits_end {
            continue;
        }
        for prefix in ["超过", "超", "逾", "约", "近", "达"] {
            let p: Vec<char> = prefix.chars().collect();
            if from >= p.len() && chars[from - p.len()..from] == p[..] && prefix != "达" {
                from -= p.len();
                break;
            }
        }
        let mut to = u + unit_chars.len();
        for suffix in ["以上", "左右", "以内"] {
            let s: Vec<char> = suffix.chars().collect();
            if chars[to..].starts_with(&s) {
                to += s.len();
                break;
            }
        }
        return chars[from..to].iter().collect();
    }
    text.to_owned()
}

/// Strip a numbering marker (`（一）`, `(二)`, `一、`, `1.`, `一是`) and blanks.
pub fn strip_marker(s: &str) -> &str {
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let mut chars = s.char_indices();
    match chars.next() {
        Some((_, '（' | '(')) => {
            for (i, c) in chars.take(5) {
                if c == '）' || c == ')' {
                    return s[i + c.len_utf8()..].trim_start();
                }
            }
            s
        }
        Some(_) => {
            let mut end = 0;
            for (i, c) in s.char_indices() {
                if is_numeral(c) && c != '.' && c != '．' {
                    end = i + c.len_utf8();
                    continue;
                }
                if end > 0 && i == end && "、.．是，,".contains(c) {
                    return s[i + c.len_utf8()..].trim_start();
                }
                break;
            }
            s
        }
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_found_as_written() {
        assert_eq!(number_text("开展各类法治宣传活动20余场", "场"), "20余场");
        assert_eq!(number_text("点击阅读超170万次", "次"), "超170万次");
        assert_eq!(
            number_text("组织173人次参加行政执法资格考试", "人次"),
            "173人次"
        );
        assert_eq!(number_text("成功率达到了85.7%", "%"), "85.7%");
        assert_eq!(
            number_text("发放宣传资料与宣传品10万余份", "份"),
            "10万余份"
        );
        assert_eq!(
            number_text("共办结市区两级人大建议和政协提案366件", "件"),
            "366件"
        );
        assert_eq!(number_text("没有数字", "件"), "没有数字");
        assert_eq!(number_text("", ""), "");
    }

    #[test]
    fn markers_are_stripped() {
        assert_eq!(strip_marker("（一）加强制度建设"), "加强制度建设");
        assert_eq!(strip_marker("(二)拓展法治宣传途径"), "拓展法治宣传途径");
        assert_eq!(strip_marker("1.以组织述法为发力点"), "以组织述法为发力点");
        assert_eq!(strip_marker("一是全力做好"), "全力做好");
        assert_eq!(strip_marker("二、存在的不足"), "存在的不足");
        assert_eq!(strip_marker("法治宣传"), "法治宣传");
        assert_eq!(strip_marker("（未闭合"), "（未闭合");
    }
}
