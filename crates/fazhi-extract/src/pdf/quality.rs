//! Is the extracted text something a person could read? Chinese government
//! PDFs often use fonts without a Unicode map: their "text" is glyph ids or
//! codes that decode to a plausible-looking but wrong mix. Refuse rather
//! than feed garbage to the parser.

use super::content::Stats;
use crate::ExtractError;

/// Below this many visible characters a PDF has no usable text layer.
const MIN_CHARS: usize = 20;

pub(crate) fn check(text: &str, stats: &Stats) -> Result<(), ExtractError> {
    if stats.codes > 0 && stats.unmapped * 20 > stats.codes {
        return Err(ExtractError::PdfUnreadable {
            reason: "字体没有 Unicode 映射",
        });
    }
    let visible: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.len() < MIN_CHARS {
        return Err(ExtractError::PdfNoText);
    }
    let n = visible.len();
    let count = |f: fn(char) -> bool| visible.iter().filter(|&&c| f(c)).count();
    if count(|c| c == '\u{FFFD}') * 100 > n {
        return Err(ExtractError::PdfUnreadable {
            reason: "含大量无法解码的字符",
        });
    }
    if count(|c| c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c)) * 50 > n {
        return Err(ExtractError::PdfUnreadable {
            reason: "含字体私有编码（CID）字符",
        });
    }
    let plausible = count(plausible);
    let cjk = count(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    if plausible * 100 < n * 90 || (n >= 200 && cjk * 10 < n) {
        return Err(ExtractError::PdfUnreadable {
            reason: "字符组合不合理（疑似乱码）",
        });
    }
    Ok(())
}

/// Characters a Chinese report is made of.
fn plausible(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'      // CJK unified ideographs (basic block)
        | '\u{3000}'..='\u{303F}'    // CJK punctuation
        | '\u{FF00}'..='\u{FFEF}'    // full-width forms
        | '\u{2000}'..='\u{206F}'    // general punctuation (quotes, dashes)
        | '\u{2460}'..='\u{24FF}'    // enclosed numbers ① ⒈
        | '\u{2160}'..='\u{217F}'    // Roman numerals
        | '\u{00B7}' | '\u{00D7}' | '\u{00B0}' | '\u{2103}' | '\u{2116}'
        | '\u{25A0}'..='\u{25FF}'    // geometric shapes (bullets)
    ) || c.is_ascii_graphic()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(codes: usize, unmapped: usize) -> Stats {
        Stats { codes, unmapped }
    }

    #[test]
    fn readable_chinese_passes() {
        let t = "一、主要举措和成效：开展法治宣传活动22场，发放资料6000余份。".repeat(10);
        assert_eq!(check(&t, &stats(300, 0)), Ok(()));
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        let codes = |t: &str| check(t, &stats(400, 0)).err().map(|e| e.code());
        assert_eq!(
            check("任意", &stats(100, 90)).err().map(|e| e.code()),
            Some("pdf_unreadable")
        );
        assert_eq!(
            codes(&"\u{E001}\u{E002}法治".repeat(40)),
            Some("pdf_unreadable")
        );
        assert_eq!(
            codes(&"\u{FFFD}法治政府建设".repeat(40)),
            Some("pdf_unreadable")
        );
        // Ext-A and Hangul where Chinese should be: a wrong code page.
        assert_eq!(
            codes(&"㐀㐁㐂가나다법치".repeat(40)),
            Some("pdf_unreadable")
        );
        assert_eq!(codes(&"x#$%&Q!@".repeat(40)), Some("pdf_unreadable"));
        assert_eq!(codes("太短"), Some("pdf_no_text"));
    }
}
