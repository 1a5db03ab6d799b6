//! A page's fonts as decoders from the bytes of a shown string to Unicode.
//! Order of trust: the font's `ToUnicode` CMap; for CID fonts without one,
//! predefined CMaps whose codes are themselves Unicode or GBK
//! (`UniGB-UCS2-H`, `UniGB-UTF16-H`, `GBK-EUC-H` …); `Identity-H` without
//! `ToUnicode` carries glyph ids only and is counted as unmapped. Simple
//! fonts fall back to WinAnsi.

use lopdf::{Dictionary, Document, Object};

use super::cmap::CMap;

#[derive(Debug, Clone)]
enum Kind {
    Mapped(CMap),
    Ucs2,
    Gbk,
    /// Glyph ids with no way back to characters.
    Unmapped,
    WinAnsi,
}

#[derive(Debug, Clone)]
pub(crate) struct Font {
    kind: Kind,
    two_byte: bool,
}

/// Decoded text plus how many codes had no mapping.
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) codes: usize,
    pub(crate) unmapped: usize,
}

impl Font {
    pub(crate) fn from_dict(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name(dict.get(b"Subtype").ok());
        let two_byte = subtype.as_deref() == Some("Type0");
        let encoding = name(dict.get(b"Encoding").ok().map(|o| deref(doc, o)));
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| {
                s.decompressed_content_with_limit(8 << 20)
                    .ok()
                    .or_else(|| Some(s.content.clone()))
            })
            .map(|data| CMap::parse(&data))
            .filter(|c| !c.is_empty());
        let kind = match (to_unicode, two_byte, encoding.as_deref()) {
            (Some(cmap), _, _) => Kind::Mapped(cmap),
            (None, true, Some(e))
                if e.starts_with("UniGB-UCS2") || e.starts_with("UniGB-UTF16") =>
            {
                Kind::Ucs2
            }
            (None, true, Some(e)) if e.starts_with("GB") => Kind::Gbk,
            (None, true, _) => Kind::Unmapped,
            (None, false, _) => Kind::WinAnsi,
        };
        Font { kind, two_byte }
    }

    /// A font that can never yield text (checked cheaply by `detect`).
    pub(crate) fn is_unmapped(&self) -> bool {
        matches!(self.kind, Kind::Unmapped)
    }

    pub(crate) fn decode(&self, bytes: &[u8]) -> Decoded {
        let mut d = Decoded {
            text: String::new(),
            codes: 0,
            unmapped: 0,
        };
        match &self.kind {
            Kind::Mapped(cmap) => {
                let default = if self.two_byte { 2 } else { 1 };
                let mut i = 0;
                while i < bytes.len() {
                    let len = cmap.code_len(&bytes[i..], default);
                    let end = (i + len).min(bytes.len());
                    let code = bytes[i..end]
                        .iter()
                        .fold(0u32, |a, &b| a << 8 | u32::from(b));
                    d.codes += 1;
                    match cmap.lookup(end - i, code) {
                        Some(s) => d.text.push_str(&s),
                        None if !self.two_byte => d.text.push(winansi(bytes[i])),
                        None => d.unmapped += 1,
                    }
                    i = end;
                }
            }
            Kind::Ucs2 => {
                let units: Vec<u16> = bytes
                    .chunks(2)
                    .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
                    .collect();
                d.codes = units.len();
                d.text = String::from_utf16_lossy(&units);
            }
            Kind::Gbk => {
                let (text, _) = encoding_rs::GBK.decode_without_bom_handling(bytes);
                d.codes = text.chars().count();
                d.text = text.into_owned();
            }
            Kind::Unmapped => {
                d.codes = bytes.len().div_ceil(2);
                d.unmapped = d.codes;
            }
            Kind::WinAnsi => {
                d.codes = bytes.len();
                d.text = bytes.iter().map(|&b| winansi(b)).collect();
            }
        }
        d
    }
}

fn winansi(b: u8) -> char {
    if b.is_ascii() {
        return char::from(b);
    }
    let byte = [b];
    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
    s.chars().next().unwrap_or('\u{FFFD}')
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn name(o: Option<&Object>) -> Option<String> {
    match o? {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}
