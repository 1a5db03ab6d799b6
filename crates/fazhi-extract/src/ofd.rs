//! OFD (GB/T 33190-2016): a ZIP whose `OFD.xml` names each document's
//! `Document.xml` (`DocBody/DocRoot`), which lists its pages
//! (`Pages/Page@BaseLoc`); each page's `Content.xml` holds `TextObject`s
//! (`Boundary="x y w h"`, `Size`) with `TextCode`s (`X`, `Y` relative to the
//! boundary, text in Unicode). Templates (running headers) are not read.

use crate::layout::{self, Frag, Page};
use crate::out::Out;
use crate::xml::{Ev, XmlReader, attr, local};
use crate::zipread::{self, Archive};
use crate::{ExtractError, Extracted, Format, Limit, Limits, PageMeta};

pub(crate) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let mut zip = zipread::open(bytes, Format::Ofd, limits)?;
    let ofd = zip
        .read("OFD.xml")?
        .ok_or_else(|| ExtractError::malformed(Format::Ofd, "缺少 OFD.xml"))?;
    let depth = limits.max_xml_depth;
    let (roots, mut meta) = read_ofd_xml(&ofd, depth)?;
    if roots.is_empty() {
        return Err(ExtractError::malformed(
            Format::Ofd,
            "OFD.xml 中没有 DocRoot",
        ));
    }
    let mut pages = Vec::new();
    for root in roots {
        let root = zipread::resolve("OFD.xml", &root);
        let doc = zip
            .read(&root)?
            .ok_or_else(|| ExtractError::malformed(Format::Ofd, format!("缺少 {root}")))?;
        let (locs, height) = read_document(&doc, depth)?;
        for loc in locs {
            if pages.len() >= limits.max_pages {
                return Err(ExtractError::limit(
                    Limit::Pages,
                    pages.len() as u64 + 1,
                    limits.max_pages as u64,
                ));
            }
            let path = zipread::resolve(&root, &loc);
            let content = read_page(&mut zip, &path, depth)?;
            pages.push(Page {
                frags: content,
                height,
            });
        }
    }
    let mut out = Out::new(limits.max_output_chars);
    layout::write(pages, &mut out)?;
    let (text, headings) = out.finish();
    if meta.title.as_deref().is_some_and(str::is_empty) {
        meta.title = None;
    }
    Ok(Extracted {
        format: Format::Ofd,
        text,
        headings,
        meta,
        notes: Vec::new(),
    })
}

/// DocRoot paths and the DocInfo title.
fn read_ofd_xml(xml: &[u8], depth: usize) -> Result<(Vec<String>, PageMeta), ExtractError> {
    let mut r = XmlReader::new(xml, Format::Ofd, depth);
    let mut roots = Vec::new();
    let mut meta = PageMeta::default();
    let mut field: Option<Vec<u8>> = None;
    loop {
        match r.next()? {
            Ev::Eof => break,
            Ev::Start(s) => field = Some(local(&s)),
            Ev::Text(t) => {
                let t = t.trim();
                match field.as_deref() {
                    Some(b"DocRoot") if !t.is_empty() => roots.push(t.to_owned()),
                    Some(b"Title") if !t.is_empty() => meta.title = Some(t.to_owned()),
                    Some(b"CreationDate") => meta.written_on = crate::Date::parse_prefix(t),
                    _ => {}
                }
            }
            Ev::End(_) => field = None,
        }
    }
    Ok((roots, meta))
}

/// Page content locations in order, and the page height (mm) from the
/// document's default `PhysicalBox`.
fn read_document(xml: &[u8], depth: usize) -> Result<(Vec<String>, f32), ExtractError> {
    let mut r = XmlReader::new(xml, Format::Ofd, depth);
    let mut locs = Vec::new();
    let mut height = 0.0;
    let mut in_box = false;
    loop {
        match r.next()? {
            Ev::Eof => break,
            Ev::Start(s) => match local(&s).as_slice() {
                b"Page" => {
                    if let Some(loc) = attr(&s, b"BaseLoc") {
                        locs.push(loc);
                    }
                }
                b"PhysicalBox" => in_box = height == 0.0,
                _ => {}
            },
            Ev::Text(t) if in_box => {
                height = numbers(&t).get(3).copied().unwrap_or(0.0);
                in_box = false;
            }
            _ => {}
        }
    }
    Ok((locs, height))
}

fn read_page(zip: &mut Archive<'_>, path: &str, depth: usize) -> Result<Vec<Frag>, ExtractError> {
    let xml = zip
        .read(path)?
        .ok_or_else(|| ExtractError::malformed(Format::Ofd, format!("缺少页面 {path}")))?;
    let mut r = XmlReader::new(&xml, Format::Ofd, depth);
    let mut frags = Vec::new();
    let (mut bx, mut by, mut bw, mut size) = (0.0f32, 0.0f32, 0.0f32, 3.5f32);
    let (mut x, mut y) = (0.0f32, 0.0f32);
    let mut in_code = false;
    loop {
        match r.next()? {
            Ev::Eof => break,
            Ev::Start(s) => match local(&s).as_slice() {
                b"TextObject" => {
                    let b = attr(&s, b"Boundary")
                        .map(|v| numbers(&v))
                        .unwrap_or_default();
                    bx = b.first().copied().unwrap_or(0.0);
                    by = b.get(1).copied().unwrap_or(0.0);
                    bw = b.get(2).copied().unwrap_or(0.0);
                    size = attr(&s, b"Size")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(3.5);
                    (x, y) = (0.0, 0.0);
                }
                b"TextCode" => {
                    x = attr(&s, b"X")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(x);
                    y = attr(&s, b"Y")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(y);
                    in_code = true;
                    frags.push(Frag {
                        x: bx + x,
                        y: by + y,
                        size,
                        text: String::new(),
                        end: (bw > 0.0).then_some(bx + bw),
                    });
                }
                _ => {}
            },
            Ev::Text(t) if in_code => {
                if let Some(f) = frags.last_mut() {
                    f.text.push_str(&t);
                }
            }
            Ev::End(tag) if tag == b"TextCode" => in_code = false,
            _ => {}
        }
    }
    Ok(frags)
}

fn numbers(s: &str) -> Vec<f32> {
    s.split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect()
}
