//! PDF with a text layer, read with `lopdf` (objects, filters, content
//! operators; its loader bounds nesting and decompression) and our own text
//! interpreter (see `content`), because the text-extraction crates either
//! panic on malformed files or hide the font facts we need to refuse
//! unreadable text (see `docs/formats.md`).

mod cmap;
mod content;
mod fonts;
mod quality;

use std::collections::HashMap;

use lopdf::{Document, Object, ObjectId};

use crate::layout::{self, Page};
use crate::out::Out;
use crate::{ExtractError, Extracted, Format, Limit, Limits, PageMeta};
use fonts::Font;

fn load(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(
            usize::try_from(limits.max_uncompressed_bytes).unwrap_or(usize::MAX),
        ),
        ..lopdf::LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| {
        let msg = e.to_string();
        if msg.to_ascii_lowercase().contains("decrypt")
            || msg.to_ascii_lowercase().contains("encrypt")
        {
            ExtractError::PdfEncrypted
        } else {
            ExtractError::malformed(Format::Pdf, msg)
        }
    })?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(ExtractError::PdfEncrypted);
    }
    Ok(doc)
}

fn fonts(doc: &Document, page: ObjectId) -> HashMap<Vec<u8>, Font> {
    doc.get_page_fonts(page)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, dict)| (name, Font::from_dict(doc, dict)))
        .collect()
}

/// For `detect`: refuse a PDF that has no font on any page (a scan) or whose
/// every font lacks a Unicode mapping, without reading a content stream.
pub(crate) fn cheap_check(bytes: &[u8]) -> Result<(), ExtractError> {
    let doc = load(bytes, &Limits::default())?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(ExtractError::malformed(Format::Pdf, "没有页面"));
    }
    let all: Vec<Font> = pages
        .values()
        .flat_map(|&id| fonts(&doc, id).into_values())
        .collect();
    if all.is_empty() {
        return Err(ExtractError::PdfNoText);
    }
    if all.iter().all(Font::is_unmapped) {
        return Err(ExtractError::PdfUnreadable {
            reason: "字体没有 Unicode 映射",
        });
    }
    Ok(())
}

pub(crate) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let doc = load(bytes, limits)?;
    let page_ids = doc.get_pages();
    if page_ids.len() > limits.max_pages {
        return Err(ExtractError::limit(
            Limit::Pages,
            page_ids.len() as u64,
            limits.max_pages as u64,
        ));
    }
    let mut budget = usize::try_from(limits.max_uncompressed_bytes).unwrap_or(usize::MAX);
    let mut stats = content::Stats::default();
    let mut pages = Vec::new();
    for &id in page_ids.values() {
        let data = doc.get_page_content_with_limit(id, budget).map_err(|_| {
            ExtractError::limit(
                Limit::UncompressedBytes,
                limits.max_uncompressed_bytes.saturating_add(1),
                limits.max_uncompressed_bytes,
            )
        })?;
        budget = budget.saturating_sub(data.len());
        let ops = lopdf::content::Content::decode(&data)
            .map(|c| c.operations)
            .unwrap_or_default();
        let height = page_height(&doc, id);
        let frags = content::run(&ops, &fonts(&doc, id), height, &mut stats);
        pages.push(Page { frags, height });
    }
    let mut out = Out::new(limits.max_output_chars);
    layout::write(pages, &mut out)?;
    let (text, headings) = out.finish();
    quality::check(&text, &stats)?;
    Ok(Extracted {
        format: Format::Pdf,
        text,
        headings,
        meta: info(&doc),
        notes: Vec::new(),
    })
}

/// MediaBox height, inherited through the page tree (A4 when absent).
fn page_height(doc: &Document, mut id: ObjectId) -> f32 {
    for _ in 0..32 {
        let Ok(dict) = doc.get_dictionary(id) else {
            break;
        };
        if let Ok(Object::Array(b)) = dict
            .get(b"MediaBox")
            .map(|o| doc.dereference(o).map(|(_, o)| o).unwrap_or(o))
        {
            let n = |i: usize| b.get(i).and_then(|o| o.as_float().ok()).unwrap_or(0.0);
            return (n(3) - n(1)).abs();
        }
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(parent) => id = parent,
            Err(_) => break,
        }
    }
    842.0
}

fn info(doc: &Document) -> PageMeta {
    let mut meta = PageMeta::default();
    let dict = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    if let Some(dict) = dict
        && let Ok(title) = dict.get(b"Title")
        && let Ok(title) = lopdf::decode_text_string(title)
        && !title.trim().is_empty()
    {
        meta.title = Some(title.trim().to_owned());
    }
    meta
}
