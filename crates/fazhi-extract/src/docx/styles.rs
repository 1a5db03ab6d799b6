//! `word/styles.xml`: each paragraph style's outline level, numbering and
//! parent, so a heading is recognised whatever its name (`Heading 1`,
//! `标题 1`, a custom style based on one) and list numbering inherited
//! through the style chain is rendered.

use std::collections::HashMap;

use crate::xml::{Ev, XmlReader, attr, local};
use crate::{ExtractError, Format};

/// Style chains longer than this are cycles or abuse.
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default, Clone)]
pub(crate) struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    pub(crate) num_id: Option<u32>,
    pub(crate) ilvl: Option<u8>,
}

#[derive(Debug, Default)]
pub(crate) struct Styles {
    map: HashMap<String, Style>,
    pub(crate) default_paragraph: Option<String>,
}

impl Styles {
    pub(crate) fn parse(xml: &[u8], max_depth: usize) -> Result<Styles, ExtractError> {
        let mut r = XmlReader::new(xml, Format::Docx, max_depth);
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        loop {
            match r.next()? {
                Ev::Eof => break,
                Ev::Start(s) => match local(&s).as_slice() {
                    b"style" => {
                        let id = attr(&s, b"styleId").unwrap_or_default();
                        let paragraph = attr(&s, b"type").is_none_or(|t| t == "paragraph");
                        if paragraph
                            && attr(&s, b"default").is_some_and(|d| d == "1" || d == "true")
                        {
                            styles.default_paragraph = Some(id.clone());
                        }
                        current = Some((id, Style::default()));
                    }
                    b"rPr" | b"tblPr" | b"tcPr" | b"trPr" | b"tblStylePr" => r.skip_element()?,
                    tag => {
                        if let Some((_, st)) = current.as_mut() {
                            let val = attr(&s, b"val");
                            match tag {
                                b"name" => st.name = val.unwrap_or_default(),
                                b"basedOn" => st.based_on = val,
                                b"outlineLvl" => st.outline = val.and_then(|v| v.parse().ok()),
                                b"numId" => st.num_id = val.and_then(|v| v.parse().ok()),
                                b"ilvl" => st.ilvl = val.and_then(|v| v.parse().ok()),
                                _ => {}
                            }
                        }
                    }
                },
                Ev::End(name) if name == b"style" => {
                    if let Some((id, st)) = current.take() {
                        styles.map.insert(id, st);
                    }
                }
                _ => {}
            }
        }
        Ok(styles)
    }

    fn chain<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let st = self.map.get(next?)?;
            next = st.based_on.as_deref();
            Some(st)
        })
        .take(MAX_CHAIN)
    }

    /// Outline level 1..=9 from `w:outlineLvl` up the chain, else from a
    /// heading-like style name anywhere in the chain.
    pub(crate) fn heading_level(&self, id: &str) -> Option<u8> {
        if let Some(lvl) = self.chain(id).find_map(|s| s.outline) {
            return (lvl < 9).then_some(lvl + 1);
        }
        self.chain(id).find_map(|s| name_level(&s.name))
    }

    /// `(numId, ilvl)` inherited from the style chain.
    pub(crate) fn numbering(&self, id: &str) -> (Option<u32>, Option<u8>) {
        let num = self.chain(id).find_map(|s| s.num_id);
        let ilvl = self.chain(id).find_map(|s| s.ilvl);
        (num, ilvl)
    }
}

/// `heading 2`, `Heading2`, `标题 2`, `标题2`, `一级标题`, `二级标题`.
fn name_level(name: &str) -> Option<u8> {
    let compact: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    for prefix in ["heading", "标题"] {
        if let Some(rest) = compact.strip_prefix(prefix)
            && let Ok(n) = rest.parse::<u8>()
            && (1..=9).contains(&n)
        {
            return Some(n);
        }
    }
    const ORDINALS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    ORDINALS
        .iter()
        .position(|o| compact.starts_with(&format!("{o}级标题")))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:styles xmlns:w="w">
      <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
        <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="custom"><w:name w:val="报告大标题"/><w:basedOn w:val="1"/></w:style>
      <w:style w:type="paragraph" w:styleId="wps2"><w:name w:val="标题 2"/></w:style>
      <w:style w:type="paragraph" w:styleId="body"><w:name w:val="Body"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="loop"><w:name w:val="x"/><w:basedOn w:val="loop"/></w:style>
    </w:styles>"#;

    #[test]
    fn heading_levels_from_outline_chain_and_names() {
        let s = Styles::parse(XML.as_bytes(), 64).ok().unwrap_or_default();
        assert_eq!(s.default_paragraph.as_deref(), Some("a"));
        assert_eq!(s.heading_level("1"), Some(1));
        assert_eq!(s.heading_level("custom"), Some(1));
        assert_eq!(s.heading_level("wps2"), Some(2));
        assert_eq!(s.heading_level("body"), None);
        assert_eq!(s.heading_level("a"), None);
        assert_eq!(s.heading_level("loop"), None);
        assert_eq!(name_level("二级标题"), Some(2));
    }
}
