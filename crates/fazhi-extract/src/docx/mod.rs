//! DOCX as written by Microsoft Word and WPS Office. Parts are found through
//! the package relationships (WPS and Word both use `word/…`, but nothing
//! requires it); headers, footers, comments and images are never read.

mod body;
mod numbering;
mod numfmt;
mod styles;

use crate::out::Out;
use crate::xml::{Ev, XmlReader, attr, local};
use crate::zipread::{self, Archive};
use crate::{ExtractError, Extracted, Format, Limits, PageMeta};

const REL_OFFICE_DOCUMENT: &str = "/officeDocument";

pub(crate) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let mut zip = zipread::open(bytes, Format::Docx, limits)?;
    let main = rels(&mut zip, "_rels/.rels", "", limits)?
        .into_iter()
        .find(|(ty, _)| ty.ends_with(REL_OFFICE_DOCUMENT))
        .map(|(_, target)| target)
        .unwrap_or_else(|| "word/document.xml".into());
    let rels_path = match main.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{main}.rels"),
    };
    let part_rels = rels(&mut zip, &rels_path, &main, limits)?;
    let part = |kind: &str, default: &str| {
        part_rels
            .iter()
            .find(|(ty, _)| ty.ends_with(kind))
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| zipread::resolve(&main, default))
    };
    let depth = limits.max_xml_depth;
    let styles = match zip.read(&part("/styles", "styles.xml"))? {
        Some(xml) => styles::Styles::parse(&xml, depth)?,
        None => styles::Styles::default(),
    };
    let mut numbering = match zip.read(&part("/numbering", "numbering.xml"))? {
        Some(xml) => numbering::Numbering::parse(&xml, depth)?,
        None => numbering::Numbering::default(),
    };
    let document = zip
        .read(&main)?
        .ok_or_else(|| ExtractError::malformed(Format::Docx, format!("缺少正文部分 {main}")))?;
    let mut out = Out::new(limits.max_output_chars);
    body::Body {
        styles: &styles,
        numbering: &mut numbering,
    }
    .read(&document, depth, &mut out)?;
    let mut notes = Vec::new();
    for (kind, default) in [
        ("/footnotes", "footnotes.xml"),
        ("/endnotes", "endnotes.xml"),
    ] {
        if let Some(xml) = zip.read(&part(kind, default))? {
            notes.extend(read_notes(&xml, limits)?);
        }
    }
    let meta = match zip.read("docProps/core.xml")? {
        Some(xml) => core_props(&xml, depth)?,
        None => PageMeta::default(),
    };
    let (text, headings) = out.finish();
    Ok(Extracted {
        format: Format::Docx,
        text,
        headings,
        meta,
        notes,
    })
}

/// `(relationship type, resolved target)` pairs of one `.rels` part.
fn rels(
    zip: &mut Archive<'_>,
    path: &str,
    source: &str,
    limits: &Limits,
) -> Result<Vec<(String, String)>, ExtractError> {
    let Some(xml) = zip.read(path)? else {
        return Ok(Vec::new());
    };
    let mut r = XmlReader::new(&xml, Format::Docx, limits.max_xml_depth);
    let mut found = Vec::new();
    loop {
        match r.next()? {
            Ev::Eof => break,
            Ev::Start(s) if local(&s) == b"Relationship" => {
                if attr(&s, b"TargetMode").is_some_and(|m| m == "External") {
                    continue;
                }
                if let (Some(ty), Some(target)) = (attr(&s, b"Type"), attr(&s, b"Target")) {
                    found.push((ty, zipread::resolve(source, &target)));
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

/// Each real footnote/endnote as one string (separators are skipped).
fn read_notes(xml: &[u8], limits: &Limits) -> Result<Vec<String>, ExtractError> {
    let mut r = XmlReader::new(xml, Format::Docx, limits.max_xml_depth);
    let mut notes = Vec::new();
    // Notes are short plain paragraphs: no numbering or tables to render.
    let mut current: Option<String> = None;
    let mut in_t = false;
    loop {
        match r.next()? {
            Ev::Eof => break,
            Ev::Start(s) => match local(&s).as_slice() {
                b"footnote" | b"endnote" => {
                    let special = attr(&s, b"type").is_some_and(|t| t != "normal");
                    if special {
                        r.skip_element()?;
                    } else {
                        current = Some(String::new());
                    }
                }
                b"del" | b"moveFrom" | b"instrText" | b"Fallback" => r.skip_element()?,
                b"t" => in_t = true,
                b"p" => {
                    if let Some(c) = current.as_mut()
                        && !c.is_empty()
                    {
                        c.push('\n');
                    }
                }
                _ => {}
            },
            Ev::Text(t) if in_t => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Ev::End(tag) => match tag.as_slice() {
                b"t" => in_t = false,
                b"footnote" | b"endnote" => {
                    if let Some(c) = current.take() {
                        let c = c.trim();
                        if !c.is_empty() {
                            notes.push(c.to_owned());
                        }
                    }
                }
                _ => {}
            },
            Ev::Text(_) => {}
        }
    }
    Ok(notes)
}

fn core_props(xml: &[u8], depth: usize) -> Result<PageMeta, ExtractError> {
    let mut r = XmlReader::new(xml, Format::Docx, depth);
    let mut meta = PageMeta::default();
    let mut field: Option<Vec<u8>> = None;
    loop {
        match r.next()? {
            Ev::Eof => break,
            Ev::Start(s) => field = Some(local(&s)),
            Ev::Text(t) => match field.as_deref() {
                Some(b"title") if !t.trim().is_empty() => meta.title = Some(t.trim().to_owned()),
                _ => {}
            },
            Ev::End(_) => field = None,
        }
    }
    Ok(meta)
}
