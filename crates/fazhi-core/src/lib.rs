//! fazhi-core: reads one 法治政府建设年度报告 the way a clerk would.
//!
//! Pure: no async, no I/O. Never panics on any input; linear in input size.

pub mod decode;
pub mod markers;
pub mod model;
pub mod normalize;
pub mod numerals;

pub use decode::{DecodeError, decode};
pub use model::*;

/// Parse decoded text.
pub fn parse_text(text: &str, options: &ParseOptions) -> ParsedReport {
    let _ = options;
    ParsedReport {
        chars: text.chars().count(),
        ..ParsedReport::default()
    }
}

/// Decode (UTF-8 or GB18030, with or without BOM) and parse.
pub fn parse_bytes(bytes: &[u8], options: &ParseOptions) -> Result<(String, ParsedReport), DecodeError> {
    let text = decode(bytes)?;
    let parsed = parse_text(&text, options);
    Ok((text, parsed))
}
