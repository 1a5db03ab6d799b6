//! Bytes → text. Agencies send UTF-8 or GB18030 (WPS on Windows), with or without BOM.

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("文档为空")]
    Empty,
    #[error("文档不是可识别的文本编码（支持 UTF-8 与 GB18030）")]
    UnknownEncoding,
}

/// Decode UTF-8 (BOM optional) or, failing that, GB18030.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_owned());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::UnknownEncoding);
    }
    Ok(text.into_owned())
}
