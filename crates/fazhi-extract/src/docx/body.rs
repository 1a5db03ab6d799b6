//! `word/document.xml` (and notes) → paragraphs in document order, as Word
//! shows them with all tracked changes accepted: `w:del`/`w:moveFrom` are
//! dropped, `w:ins`/`w:moveTo` kept; field instructions dropped and
//! `PAGE`-like field results too; `mc:Fallback` skipped (it repeats the
//! `mc:Choice` text box); hidden runs (`w:vanish`) dropped. Table rows become
//! one line each with cells joined by `\t`; a text box's paragraphs come
//! before the paragraph that anchors them.

use super::numbering::Numbering;
use super::styles::Styles;
use crate::out::Out;
use crate::xml::{Ev, XmlReader, attr, local};
use crate::{ExtractError, Format};

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    outline: Option<u8>,
}

#[derive(Default)]
struct Table {
    row: Vec<String>,
    cell: Option<String>,
}

struct Field {
    instr: String,
    in_result: bool,
}

impl Field {
    /// Page counters belong to the layout, not the report; a table of
    /// contents repeats the headings (and would give the parser every part
    /// twice).
    fn drops_result(&self) -> bool {
        let name = self.instr.split_whitespace().next().unwrap_or("");
        ["PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF", "TOC"]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n))
    }
}

pub(crate) struct Body<'a> {
    pub(crate) styles: &'a Styles,
    pub(crate) numbering: &'a mut Numbering,
}

impl Body<'_> {
    pub(crate) fn read(
        &mut self,
        xml: &[u8],
        max_depth: usize,
        out: &mut Out,
    ) -> Result<(), ExtractError> {
        let mut r = XmlReader::new(xml, Format::Docx, max_depth);
        let mut paras: Vec<Para> = Vec::new();
        let mut tables: Vec<Table> = Vec::new();
        let mut fields: Vec<Field> = Vec::new();
        let mut in_t = false;
        let mut in_instr = false;
        let mut ppr_depth: Option<usize> = None;
        let mut rpr_depth: Option<usize> = None;
        let mut hidden = false;
        // Set by `w:docPartGallery="Table of Contents"` in an `sdtPr`: the
        // following `sdtContent` is the TOC block (its title included).
        let mut toc_block = false;
        loop {
            match r.next()? {
                Ev::Eof => break,
                Ev::Start(s) => {
                    let tag = local(&s);
                    if let Some(d) = ppr_depth
                        && r.depth() > d
                    {
                        if let Some(p) = paras.last_mut() {
                            let v = attr(&s, b"val");
                            match tag.as_slice() {
                                b"pStyle" => p.style = v,
                                b"numId" => p.num_id = v.and_then(|v| v.parse().ok()),
                                b"ilvl" => p.ilvl = v.and_then(|v| v.parse().ok()),
                                b"outlineLvl" => p.outline = v.and_then(|v| v.parse().ok()),
                                b"rPr" | b"tabs" | b"sectPr" | b"pPrChange" => r.skip_element()?,
                                _ => {}
                            }
                        }
                        continue;
                    }
                    if let Some(d) = rpr_depth
                        && r.depth() > d
                    {
                        match tag.as_slice() {
                            b"vanish" => {
                                hidden = attr(&s, b"val").is_none_or(|v| v != "0" && v != "false")
                            }
                            b"rPrChange" => r.skip_element()?,
                            _ => {}
                        }
                        continue;
                    }
                    match tag.as_slice() {
                        b"docPartGallery" => {
                            toc_block =
                                attr(&s, b"val").is_some_and(|v| v.contains("Table of Contents"))
                        }
                        b"sdtContent" if toc_block => {
                            toc_block = false;
                            r.skip_element()?;
                        }
                        b"p" => paras.push(Para::default()),
                        b"pPr" => ppr_depth = Some(r.depth()),
                        b"r" => hidden = false,
                        b"rPr" => rpr_depth = Some(r.depth()),
                        b"del" | b"moveFrom" | b"Fallback" | b"sectPr" | b"delText" => {
                            r.skip_element()?
                        }
                        b"t" => in_t = true,
                        b"instrText" => in_instr = true,
                        b"fldChar" => match attr(&s, b"fldCharType").as_deref() {
                            Some("begin") => fields.push(Field {
                                instr: String::new(),
                                in_result: false,
                            }),
                            Some("separate") => {
                                if let Some(f) = fields.last_mut() {
                                    f.in_result = true;
                                }
                            }
                            Some("end") => {
                                fields.pop();
                            }
                            _ => {}
                        },
                        b"fldSimple" => {
                            let f = Field {
                                instr: attr(&s, b"instr").unwrap_or_default().trim().to_owned(),
                                in_result: true,
                            };
                            if f.drops_result() {
                                r.skip_element()?;
                            }
                        }
                        b"tab" | b"ptab" => push(&mut paras, "\t", hidden, &fields),
                        b"br" | b"cr" => push(&mut paras, "\n", hidden, &fields),
                        b"noBreakHyphen" => push(&mut paras, "-", hidden, &fields),
                        b"tbl" => tables.push(Table::default()),
                        b"tr" => {
                            if let Some(t) = tables.last_mut() {
                                t.row.clear();
                            }
                        }
                        b"tc" => {
                            if let Some(t) = tables.last_mut() {
                                t.cell = Some(String::new());
                            }
                        }
                        _ => {}
                    }
                }
                Ev::Text(text) => {
                    if in_instr {
                        if let Some(f) = fields.last_mut() {
                            f.instr.push_str(&text);
                        }
                    } else if in_t {
                        push(&mut paras, &text, hidden, &fields);
                    }
                }
                Ev::End(tag) => {
                    if ppr_depth.is_some_and(|d| r.depth() < d) {
                        ppr_depth = None;
                    }
                    if rpr_depth.is_some_and(|d| r.depth() < d) {
                        rpr_depth = None;
                    }
                    match tag.as_slice() {
                        b"t" => in_t = false,
                        b"instrText" => in_instr = false,
                        b"p" => {
                            if let Some(p) = paras.pop() {
                                self.finish_para(p, &mut tables, out)?;
                            }
                        }
                        b"tc" => {
                            if let Some(t) = tables.last_mut()
                                && let Some(cell) = t.cell.take()
                            {
                                t.row.push(cell.trim().to_owned());
                            }
                        }
                        b"tr" => {
                            let n = tables.len();
                            if let Some(t) = tables.last_mut() {
                                let line = std::mem::take(&mut t.row).join("\t");
                                if n == 1 {
                                    out.paragraph(&line, None)?;
                                } else if let Some(outer) = tables.get_mut(n - 2) {
                                    append(outer.cell.get_or_insert_with(String::new), &line);
                                }
                            }
                        }
                        b"tbl" => {
                            tables.pop();
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    fn finish_para(
        &mut self,
        p: Para,
        tables: &mut [Table],
        out: &mut Out,
    ) -> Result<(), ExtractError> {
        let style = p
            .style
            .clone()
            .or_else(|| self.styles.default_paragraph.clone())
            .unwrap_or_default();
        let (style_num, style_ilvl) = self.styles.numbering(&style);
        let num_id = p.num_id.or(style_num).unwrap_or(0);
        let ilvl = p.ilvl.or(style_ilvl).unwrap_or(0);
        let label = if num_id == 0 {
            None
        } else {
            self.numbering.next_label(num_id, ilvl)
        };
        let level = match p.outline {
            Some(l) if l < 9 => Some(l + 1),
            Some(_) => None,
            None => self.styles.heading_level(&style),
        };
        let text = p.text.trim();
        if text.is_empty() {
            return Ok(());
        }
        let line = match label {
            Some(label) => format!("{label}{text}"),
            None => text.to_owned(),
        };
        if let Some(t) = tables.last_mut()
            && let Some(cell) = t.cell.as_mut()
        {
            append(cell, &line);
            return Ok(());
        }
        out.paragraph(&line, level)
    }
}

fn push(paras: &mut [Para], s: &str, hidden: bool, fields: &[Field]) {
    let suppressed = fields.iter().any(|f| !f.in_result || f.drops_result());
    if hidden || suppressed {
        return;
    }
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

fn append(cell: &mut String, s: &str) {
    if !cell.is_empty() {
        cell.push(' ');
    }
    cell.push_str(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> String {
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        let styles = Styles::default();
        let mut numbering = Numbering::default();
        let mut out = Out::new(10_000);
        let ok = Body {
            styles: &styles,
            numbering: &mut numbering,
        }
        .read(xml.as_bytes(), 64, &mut out)
        .is_ok();
        assert!(ok);
        out.finish().0
    }

    #[test]
    fn a_table_of_contents_is_left_out() {
        let toc_field = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o "1-3" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、主要举措和成效 3</w:t></w:r></w:p><w:p><w:r><w:t>二、存在的不足 5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
        let sdt = r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
        let body = r#"<w:p><w:r><w:t>一、主要举措和成效</w:t></w:r></w:p>"#;
        assert_eq!(
            read(&format!("{sdt}{toc_field}{body}")),
            "一、主要举措和成效"
        );
    }

    #[test]
    fn other_content_controls_and_hyperlinks_are_read() {
        let sdt = r#"<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent><w:p><w:hyperlink><w:r><w:t>某局2023年法治政府建设年度报告</w:t></w:r></w:hyperlink></w:p></w:sdtContent></w:sdt>"#;
        assert_eq!(read(sdt), "某局2023年法治政府建设年度报告");
    }

    #[test]
    fn hidden_runs_and_deleted_runs_are_dropped() {
        let p = r#"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:ins><w:r><w:t>增</w:t></w:r></w:ins></w:p>"#;
        assert_eq!(read(p), "可见增");
    }
}
