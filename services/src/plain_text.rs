//! Is a plain-text document one the parser can read? Refused here, at the
//! edge, with a Chinese reason while the agency is still on the line.

use crate::error::ServiceError;

/// The document must be text the parser can read: UTF-8, GB18030 or UTF-16
/// with a BOM, and no NUL characters (never part of a report; a file with
/// them is damaged or is UTF-16 saved without its BOM).
pub(crate) fn check(content: &[u8]) -> Result<(), ServiceError> {
    // UTF-8 (most reports): a NUL character is a NUL byte, so one pass over
    // the bytes, with no decoded copy of the text (this runs on every
    // SubmitReport, up to the size limit).
    let body = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
    let blank = body.iter().all(u8::is_ascii_whitespace);
    let nuls = if !blank && std::str::from_utf8(content).is_ok() {
        content.iter().filter(|&&b| b == 0).count()
    } else {
        if looks_like_bomless_utf16(content) {
            return Err(ServiceError::InvalidArgument(
                "报告文本像是缺少字节顺序标记（BOM）的 UTF-16 编码，请另存为 UTF-8 编码的纯文本后重新提交".to_owned(),
            ));
        }
        let text = fazhi_core::decode(content)
            .map_err(|e| ServiceError::InvalidArgument(format!("无法读取报告文本：{e}")))?;
        text.chars().filter(|&c| c == '\0').count()
    };
    match nuls {
        0 => Ok(()),
        nuls => Err(ServiceError::InvalidArgument(format!(
            "报告文本含有{nuls}个空字符（NUL），可能是文件已损坏；请另存为纯文本后重新提交"
        ))),
    }
}

/// Share of characters a Chinese report is made of: CJK ideographs, CJK
/// and full-width punctuation, printable ASCII, line breaks.
fn plausible_share(text: &str) -> f64 {
    let (mut good, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | ' '..='~' | '\n' | '\r' | '\t')
        {
            good += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        good as f64 / all as f64
    }
}

/// Bytes that read as plausible Chinese text in UTF-16 (either byte order)
/// and clearly less so as GB18030: UTF-16 without its BOM.
fn looks_like_bomless_utf16(content: &[u8]) -> bool {
    if content.len() < 8 || !content.len().is_multiple_of(2) {
        return false;
    }
    let as_gb = encoding_rs::GB18030.decode_without_bom_handling(content).0;
    let gb = plausible_share(&as_gb);
    [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
        .iter()
        .any(|enc| {
            enc.decode_without_bom_handling_and_without_replacement(content)
                .is_some_and(|t| plausible_share(&t) >= 0.95 && plausible_share(&t) > gb + 0.1)
        })
}
