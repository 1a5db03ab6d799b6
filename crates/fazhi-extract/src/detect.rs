//! Format detection by content (magic bytes, ZIP entry names, PDF fonts);
//! the declared media type and file name are hints that only decide between
//! plain text and HTML. A claim the content contradicts is refused with a
//! message naming what the file really is.

use crate::{ExtractError, Format, Limit, Limits, pdf, zipread};

const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// What the content is, before reconciling with the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    Format(Format),
    /// A ZIP that is neither DOCX nor OFD (xlsx, pptx, plain archive…).
    OtherZip(&'static str),
    Ole,
    Other(&'static str),
}

/// What the submitter claims (media type, else file extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    Format(Format),
    Legacy,
    None,
}

/// Cheap detection for the edge. Refuses: empty files, legacy `.doc`/`.wps`
/// (OLE), a `.docx`/`.ofd` that is not a ZIP, a truncated ZIP, a PDF with no
/// font on any page (scanned) or encrypted, unknown binaries, and text that
/// is in no supported encoding. Costs one pass over the bytes at most.
pub fn detect(
    bytes: &[u8],
    declared_media_type: Option<&str>,
    file_name: Option<&str>,
) -> Result<Format, ExtractError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    let claim = claim(declared_media_type, file_name);
    let sniffed = sniff(bytes)?;
    let format = reconcile(claim, sniffed)?;
    match format {
        Format::Pdf => pdf::cheap_check(bytes)?,
        Format::Text => {
            fazhi_core::decode(bytes).map_err(|e| ExtractError::TextEncoding(e.to_string()))?;
        }
        _ => {}
    }
    Ok(format)
}

pub(crate) fn check_input_size(bytes: &[u8], limits: &Limits) -> Result<(), ExtractError> {
    let n = bytes.len() as u64;
    if n > limits.max_input_bytes {
        return Err(ExtractError::limit(
            Limit::InputBytes,
            n,
            limits.max_input_bytes,
        ));
    }
    Ok(())
}

fn sniff(bytes: &[u8]) -> Result<Sniffed, ExtractError> {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Ok(Sniffed::Format(Format::Pdf));
    }
    if bytes.starts_with(OLE_MAGIC) {
        // Word and WPS wrap a password-protected DOCX in an OLE file with an
        // `EncryptedPackage` stream (MS-OFFCRYPTO); its name is UTF-16LE.
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if find(bytes, &name).is_some() {
            return Err(ExtractError::EncryptedOffice);
        }
        return Ok(Sniffed::Ole);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    for (magic, what) in [
        (&b"\x89PNG"[..], "PNG 图片"),
        (b"\xFF\xD8\xFF", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"{\\rtf", "RTF 文档"),
        (b"Rar!", "RAR 压缩包"),
        (b"7z\xBC\xAF", "7z 压缩包"),
        (b"\x1F\x8B", "gzip 压缩包"),
    ] {
        if bytes.starts_with(magic) {
            return Ok(Sniffed::Other(what));
        }
    }
    if looks_like_html(head) {
        return Ok(Sniffed::Format(Format::Html));
    }
    Ok(Sniffed::Format(Format::Text))
}

fn sniff_zip(bytes: &[u8]) -> Result<Sniffed, ExtractError> {
    // Only the central directory is read here; the entry limit is applied
    // by `extract` with the caller's Limits.
    let limits = Limits {
        max_entries: usize::MAX,
        ..Limits::default()
    };
    let archive = zipread::open(bytes, Format::Docx, &limits)?;
    let names = archive.names();
    let has = |want: &str| {
        names
            .iter()
            .any(|n| n.trim_start_matches('/').eq_ignore_ascii_case(want))
    };
    let under = |dir: &str| names.iter().any(|n| n.starts_with(dir));
    Ok(if has("word/document.xml") {
        Sniffed::Format(Format::Docx)
    } else if has("OFD.xml") {
        Sniffed::Format(Format::Ofd)
    } else if under("xl/") {
        Sniffed::OtherZip("Excel 表格（XLSX）")
    } else if under("ppt/") {
        Sniffed::OtherZip("PowerPoint 演示文稿（PPTX）")
    } else if has("mimetype") && under("content.xml") {
        Sniffed::OtherZip("OpenDocument 文档（ODT）")
    } else {
        Sniffed::OtherZip("ZIP 压缩包（其中没有 DOCX 或 OFD 正文）")
    })
}

fn reconcile(claim: Claim, sniffed: Sniffed) -> Result<Format, ExtractError> {
    let claimed_zip = matches!(claim, Claim::Format(Format::Docx | Format::Ofd));
    match (claim, sniffed) {
        (_, Sniffed::Ole) => Err(ExtractError::LegacyOle),
        (Claim::Legacy, Sniffed::Format(f)) if f != Format::Text && f != Format::Html => Ok(f),
        (Claim::Legacy, _) => Err(ExtractError::LegacyOle),
        (_, Sniffed::OtherZip(what)) | (_, Sniffed::Other(what)) => {
            Err(ExtractError::Unsupported { actual: what })
        }
        // A container claimed but plain bytes found: renamed or broken file.
        (Claim::Format(claimed), Sniffed::Format(actual @ (Format::Text | Format::Html)))
            if claimed_zip =>
        {
            Err(ExtractError::NotZip {
                claimed: claimed.name(),
                actual: describe(actual),
            })
        }
        (Claim::Format(Format::Pdf), Sniffed::Format(actual @ (Format::Text | Format::Html))) => {
            Err(ExtractError::Mismatch {
                declared: Format::Pdf.name(),
                actual: describe(actual),
            })
        }
        // An HTML fragment without `<html>` declared as HTML is HTML.
        (Claim::Format(Format::Html), Sniffed::Format(Format::Text)) => Ok(Format::Html),
        // The content identifies a format unambiguously: it wins.
        (_, Sniffed::Format(actual)) => Ok(actual),
    }
}

fn describe(f: Format) -> &'static str {
    match f {
        Format::Text => "纯文本",
        Format::Html => "网页（HTML）",
        Format::Docx => "DOCX 文档",
        Format::Pdf => "PDF 文档",
        Format::Ofd => "OFD 文档",
    }
}

fn claim(media_type: Option<&str>, file_name: Option<&str>) -> Claim {
    let mt = media_type
        .map(|m| {
            m.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let by_type = match mt.as_str() {
        "text/plain" => Claim::Format(Format::Text),
        "text/html" | "application/xhtml+xml" => Claim::Format(Format::Html),
        "application/pdf" => Claim::Format(Format::Pdf),
        "application/ofd" | "application/x-ofd" => Claim::Format(Format::Ofd),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            Claim::Format(Format::Docx)
        }
        "application/msword"
        | "application/vnd.ms-works"
        | "application/kswps"
        | "application/wps-office.wps" => Claim::Legacy,
        _ => Claim::None,
    };
    if by_type != Claim::None {
        return by_type;
    }
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" => Claim::Format(Format::Text),
        "html" | "htm" | "shtml" | "xhtml" | "jhtml" => Claim::Format(Format::Html),
        "pdf" => Claim::Format(Format::Pdf),
        "ofd" => Claim::Format(Format::Ofd),
        "docx" | "wpsx" => Claim::Format(Format::Docx),
        "doc" | "wps" | "dot" => Claim::Legacy,
        _ => Claim::None,
    }
}

fn looks_like_html(head: &[u8]) -> bool {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta ",
    ]
    .iter()
    .any(|m| find(&lower, m).is_some())
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_from_media_type_then_extension() {
        assert_eq!(
            claim(Some("text/html; charset=gb2312"), None),
            Claim::Format(Format::Html)
        );
        assert_eq!(
            claim(Some("application/octet-stream"), Some("报告.DOCX")),
            Claim::Format(Format::Docx)
        );
        assert_eq!(claim(None, Some("报告.wps")), Claim::Legacy);
        assert_eq!(claim(None, Some("报告")), Claim::None);
    }

    #[test]
    fn text_named_docx_is_refused_saying_it_is_text() {
        let err = detect("一、主要举措和成效".as_bytes(), None, Some("a.docx")).err();
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("不是 ZIP") && msg.contains("纯文本"), "{msg}");
    }

    #[test]
    fn password_protected_docx_is_named_as_such() {
        let mut ole = OLE_MAGIC.to_vec();
        ole.resize(512, 0);
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            detect(&ole, None, Some("a.docx")).err().map(|e| e.code()),
            Some("encrypted_office")
        );
        ole.truncate(512);
        assert_eq!(
            detect(&ole, None, Some("a.doc")).err().map(|e| e.code()),
            Some("legacy_ole")
        );
    }

    #[test]
    fn html_and_text_are_told_apart() {
        let html = b"<!DOCTYPE html><html><body><p>x</p></body></html>";
        assert_eq!(detect(html, None, None), Ok(Format::Html));
        assert_eq!(detect("报告正文".as_bytes(), None, None), Ok(Format::Text));
        assert_eq!(
            detect(b"<p>x</p>", Some("text/html"), None),
            Ok(Format::Html)
        );
    }
}
