//! quick-xml with a depth bound. quick-xml is a streaming pull parser (no
//! recursion, no DOM), so 100 000 nested elements cost no stack; we count
//! depth ourselves and stop at [`crate::Limits::max_xml_depth`].

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, BytesText, Event};

use crate::{ExtractError, Format, Limit};

/// One event with the owned bits our readers need.
pub(crate) enum Ev<'a> {
    /// Start (or empty, then followed by an `End`) of an element, local name.
    Start(BytesStart<'a>),
    End(Vec<u8>),
    Text(String),
    Eof,
}

pub(crate) struct XmlReader<'a> {
    inner: quick_xml::Reader<&'a [u8]>,
    depth: usize,
    max_depth: usize,
    format: Format,
    pending_end: Option<Vec<u8>>,
}

impl<'a> XmlReader<'a> {
    pub(crate) fn new(bytes: &'a [u8], format: Format, max_depth: usize) -> Self {
        let mut inner = quick_xml::Reader::from_reader(bytes);
        let config = inner.config_mut();
        config.trim_text(false);
        config.check_end_names = false;
        XmlReader {
            inner,
            depth: 0,
            max_depth,
            format,
            pending_end: None,
        }
    }

    pub(crate) fn depth(&self) -> usize {
        self.depth
    }

    pub(crate) fn next(&mut self) -> Result<Ev<'a>, ExtractError> {
        if let Some(name) = self.pending_end.take() {
            self.depth = self.depth.saturating_sub(1);
            return Ok(Ev::End(name));
        }
        loop {
            let ev = self
                .inner
                .read_event()
                .map_err(|e| ExtractError::malformed(self.format, format!("XML 解析失败：{e}")))?;
            return Ok(match ev {
                Event::Start(s) => {
                    self.enter()?;
                    Ev::Start(s)
                }
                Event::Empty(s) => {
                    self.enter()?;
                    self.pending_end = Some(s.local_name().as_ref().as_bytes().to_vec());
                    Ev::Start(s)
                }
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End(e.local_name().as_ref().as_bytes().to_vec())
                }
                Event::Text(t) => Ev::Text(text(&t)),
                Event::CData(t) => Ev::Text(t.as_ref().to_owned()),
                Event::GeneralRef(r) => Ev::Text(general_ref(&r)),
                Event::Eof => Ev::Eof,
                _ => continue,
            });
        }
    }

    /// Skip the rest of the element just started (its subtree), bounded by
    /// the same depth limit.
    pub(crate) fn skip_element(&mut self) -> Result<(), ExtractError> {
        let target = self.depth.saturating_sub(1);
        loop {
            match self.next()? {
                Ev::End(_) if self.depth <= target => return Ok(()),
                Ev::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn enter(&mut self) -> Result<(), ExtractError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(ExtractError::limit(
                Limit::XmlDepth,
                self.depth as u64,
                self.max_depth as u64,
            ));
        }
        Ok(())
    }
}

fn text(t: &BytesText<'_>) -> String {
    t.xml_content(XmlVersion::Implicit1_0).into_owned()
}

fn general_ref(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    quick_xml::escape::resolve_predefined_entity(r.as_ref())
        .unwrap_or_default()
        .to_owned()
}

/// Attribute value by local name (`w:val` → `val`), entities resolved.
pub(crate) fn attr(s: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    s.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref().as_bytes() == local).then(|| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
    })
}

/// Local name of a start tag as owned bytes.
pub(crate) fn local(s: &BytesStart<'_>) -> Vec<u8> {
    s.local_name().as_ref().as_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundred_thousand_nested_elements_are_refused_by_depth() {
        let xml = "<a>".repeat(100_000) + &"</a>".repeat(100_000);
        let mut r = XmlReader::new(xml.as_bytes(), Format::Docx, 256);
        let err = loop {
            match r.next() {
                Err(e) => break Some(e),
                Ok(Ev::Eof) => break None,
                Ok(_) => {}
            }
        };
        assert_eq!(err.map(|e| e.code()), Some("limit.xml_depth"));
    }

    #[test]
    fn entities_and_empty_elements() {
        let xml = "<r><t>A &amp; B&#x4E00;</t><br/></r>";
        let mut r = XmlReader::new(xml.as_bytes(), Format::Docx, 8);
        let mut text = String::new();
        let mut ends = 0;
        loop {
            match r.next() {
                Ok(Ev::Text(t)) => text.push_str(&t),
                Ok(Ev::End(_)) => ends += 1,
                Ok(Ev::Eof) | Err(_) => break,
                Ok(Ev::Start(_)) => {}
            }
        }
        assert_eq!(text, "A & B一");
        assert_eq!(ends, 3);
        assert_eq!(r.depth(), 0);
    }
}
