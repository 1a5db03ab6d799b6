//! Bytes → text. Agencies send UTF-8 or GB18030 (WPS on Windows), with or
//! without BOM (UTF-8 `EF BB BF`, GB18030 `84 31 95 33`); UTF-16 with a BOM
//! is accepted too. The BOM is not part of the returned text, so offsets
//! count from the first real character.

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("文档为空")]
    Empty,
    #[error("文档不是可识别的文本编码（支持 UTF-8 与 GB18030）")]
    UnknownEncoding,
}

const GB18030_BOM: &[u8] = b"\x84\x31\x95\x33";

/// Decode UTF-8 (BOM optional) or, failing that, GB18030 (BOM optional).
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, encoding_rs::UTF_16LE);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, encoding_rs::UTF_16BE);
    }
    let (bytes, gb_bom) = match bytes.strip_prefix(GB18030_BOM) {
        Some(rest) => (rest, true),
        None => (bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes), false),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if !gb_bom && let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_owned());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::UnknownEncoding);
    }
    Ok(text.into_owned())
}

fn utf16(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Result<String, DecodeError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::UnknownEncoding);
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "一、主要举措和成效\n开展法治宣传活动２２场。";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(TEXT.as_bytes()).as_deref(), Ok(TEXT));
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(TEXT.as_bytes());
        assert_eq!(decode(&b).as_deref(), Ok(TEXT));
    }

    #[test]
    fn gb18030_with_and_without_bom() {
        let (gb, _, _) = encoding_rs::GB18030.encode(TEXT);
        assert_eq!(decode(&gb).as_deref(), Ok(TEXT));
        let mut b = GB18030_BOM.to_vec();
        b.extend_from_slice(&gb);
        assert_eq!(decode(&b).as_deref(), Ok(TEXT));
    }

    #[test]
    fn empty_and_garbage() {
        assert_eq!(decode(b"  \n"), Err(DecodeError::Empty));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\x81\x20\xff\xff"),
            Err(DecodeError::UnknownEncoding)
        );
    }

    #[test]
    fn gb18030_report_parses_like_utf8() {
        let text = format!(
            "{TEXT}{}",
            "我局坚持依法行政，推进法治政府建设，严格执法，深化普法。".repeat(8)
        );
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        let (decoded, a) =
            crate::parse_bytes(&gb, &crate::ParseOptions::default()).expect("decodes");
        assert_eq!(decoded, text);
        assert_eq!(a, crate::parse_text(&text, &crate::ParseOptions::default()));
        assert_eq!(
            a.quantities.first().map(|q| q.text.as_str()),
            Some("２２场")
        );
    }
}
