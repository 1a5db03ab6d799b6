//! `word/numbering.xml` and the counters Word keeps while it lays out the
//! document, so that a `一、` or `（一）` that exists only as list numbering
//! appears in the text exactly as Word shows it.
//!
//! Model (ECMA-376 §17.9): a `w:num` points to a `w:abstractNum` (nine
//! `w:lvl`s: start, numFmt, lvlText, lvlRestart, isLgl, suff) and may
//! override levels (`w:lvlOverride` with `w:startOverride` or a whole
//! `w:lvl`). Nums sharing an abstract list continue one another's counting;
//! a num with a `startOverride` counts on its own from that value.

use std::collections::HashMap;

use super::numfmt;
use crate::xml::{Ev, XmlReader, attr, local};
use crate::{ExtractError, Format};

const LEVELS: usize = 9;

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    /// `None`: restart after any higher level (Word's default); `Some(0)`:
    /// never; `Some(n)`: after level n (1-based) or higher.
    restart: Option<u8>,
    legal: bool,
    suffix: &'static str,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: "decimal".into(),
            text: String::new(),
            restart: None,
            legal: false,
            suffix: "\t",
        }
    }
}

#[derive(Debug, Default, Clone)]
struct Num {
    abstract_id: u32,
    start_override: HashMap<u8, u32>,
    level_override: HashMap<u8, Level>,
}

#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<u32, Vec<Option<Level>>>,
    nums: HashMap<u32, Num>,
    counters: HashMap<u64, [Option<u32>; LEVELS]>,
}

/// What is being read inside numbering.xml.
enum Ctx {
    None,
    Abstract(u32),
    Num(u32),
}

impl Numbering {
    pub(crate) fn parse(xml: &[u8], max_depth: usize) -> Result<Numbering, ExtractError> {
        let mut r = XmlReader::new(xml, Format::Docx, max_depth);
        let mut n = Numbering::default();
        let mut ctx = Ctx::None;
        let mut override_lvl: Option<u8> = None;
        let mut lvl: Option<(u8, Level)> = None;
        loop {
            match r.next()? {
                Ev::Eof => break,
                Ev::Start(s) => {
                    let val = || attr(&s, b"val");
                    let num_val = |a: &[u8]| attr(&s, a).and_then(|v| v.parse::<u32>().ok());
                    match local(&s).as_slice() {
                        b"abstractNum" => {
                            ctx = Ctx::Abstract(num_val(b"abstractNumId").unwrap_or(0))
                        }
                        b"num" => ctx = Ctx::Num(num_val(b"numId").unwrap_or(0)),
                        b"abstractNumId" => {
                            if let Ctx::Num(id) = ctx {
                                n.nums.entry(id).or_default().abstract_id =
                                    val().and_then(|v| v.parse().ok()).unwrap_or(0);
                            }
                        }
                        b"lvlOverride" => override_lvl = num_val(b"ilvl").map(|v| v.min(8) as u8),
                        b"startOverride" => {
                            if let (Ctx::Num(id), Some(il), Some(v)) =
                                (&ctx, override_lvl, val().and_then(|v| v.parse().ok()))
                            {
                                n.nums.entry(*id).or_default().start_override.insert(il, v);
                            }
                        }
                        b"lvl" => {
                            let il = num_val(b"ilvl").unwrap_or(0).min(8) as u8;
                            lvl = Some((il, Level::default()));
                        }
                        b"rPr" | b"pPr" => r.skip_element()?,
                        tag => {
                            if let Some((_, l)) = lvl.as_mut() {
                                let v = val();
                                match tag {
                                    b"start" => {
                                        l.start = v.and_then(|v| v.parse().ok()).unwrap_or(1)
                                    }
                                    b"numFmt" => l.fmt = v.unwrap_or_else(|| "decimal".into()),
                                    b"lvlText" => l.text = v.unwrap_or_default(),
                                    b"lvlRestart" => l.restart = v.and_then(|v| v.parse().ok()),
                                    b"isLgl" => {
                                        l.legal = v.is_none_or(|v| v != "0" && v != "false")
                                    }
                                    b"suff" => {
                                        l.suffix = match v.as_deref() {
                                            Some("space") => " ",
                                            Some("nothing") => "",
                                            _ => "\t",
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                Ev::End(name) => match name.as_slice() {
                    b"lvl" => {
                        if let Some((il, l)) = lvl.take() {
                            match (&ctx, override_lvl) {
                                (Ctx::Num(id), Some(_)) => {
                                    n.nums.entry(*id).or_default().level_override.insert(il, l);
                                }
                                (Ctx::Abstract(id), _) => {
                                    let levels = n
                                        .abstracts
                                        .entry(*id)
                                        .or_insert_with(|| vec![None; LEVELS]);
                                    if let Some(slot) = levels.get_mut(il as usize) {
                                        *slot = Some(l);
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    b"lvlOverride" => override_lvl = None,
                    b"abstractNum" | b"num" => ctx = Ctx::None,
                    _ => {}
                },
                Ev::Text(_) => {}
            }
        }
        Ok(n)
    }

    fn level(&self, num: &Num, ilvl: u8) -> Option<Level> {
        if let Some(l) = num.level_override.get(&ilvl) {
            return Some(l.clone());
        }
        let mut l = self
            .abstracts
            .get(&num.abstract_id)?
            .get(ilvl as usize)?
            .clone()?;
        if let Some(&s) = num.start_override.get(&ilvl) {
            l.start = s;
        }
        Some(l)
    }

    /// The label Word shows for the next paragraph of list `num_id` at
    /// `ilvl` (label plus its suffix), advancing the counters. `None` when
    /// the paragraph is not numbered (`numId` 0 or unknown).
    pub(crate) fn next_label(&mut self, num_id: u32, ilvl: u8) -> Option<String> {
        let num = self.nums.get(&num_id)?.clone();
        let ilvl = ilvl.min(8);
        let levels: Vec<Option<Level>> = (0..LEVELS as u8).map(|i| self.level(&num, i)).collect();
        let cur = levels.get(ilvl as usize)?.clone()?;
        let key = if num.start_override.is_empty() && num.level_override.is_empty() {
            u64::from(num.abstract_id)
        } else {
            (1u64 << 32) | u64::from(num_id)
        };
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        let i = ilvl as usize;
        counters[i] = Some(match counters[i] {
            Some(v) => v.saturating_add(1),
            None => cur.start,
        });
        for (j, slot) in counters.iter_mut().enumerate().skip(i + 1) {
            let restart = levels[j].as_ref().and_then(|l| l.restart);
            let resets = match restart {
                None => true,
                Some(0) => false,
                Some(n) => i < n as usize,
            };
            if resets {
                *slot = None;
            }
        }
        let counters = *counters;
        let mut label = String::new();
        let mut chars = cur.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let k = d as usize - 1;
                    let lvl = levels.get(k).cloned().flatten().unwrap_or_default();
                    let value = counters[k].unwrap_or(lvl.start);
                    let fmt = if cur.legal {
                        "decimal"
                    } else {
                        lvl.fmt.as_str()
                    };
                    label.push_str(&numfmt::format(value, fmt));
                }
                _ => label.push(c),
            }
        }
        if cur.fmt == "bullet" {
            // Symbol-font bullets live in the private use area: show a bullet.
            label = label
                .chars()
                .map(|c| {
                    if ('\u{E000}'..='\u{F8FF}').contains(&c) {
                        '•'
                    } else {
                        c
                    }
                })
                .collect();
        }
        if label.is_empty() {
            return Some(String::new());
        }
        label.push_str(cur.suffix);
        Some(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="space"/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/><w:isLgl/><w:lvlRestart w:val="0"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/><w:suff w:val="nothing"/></w:lvl></w:lvlOverride></w:num>
    </w:numbering>"#;

    fn numbering() -> Numbering {
        Numbering::parse(XML.as_bytes(), 64).unwrap_or_default()
    }

    #[test]
    fn chinese_outline_numbering_restarts_below_a_new_top_item() {
        let mut n = numbering();
        let got: Vec<String> = [
            (1, 0),
            (1, 1),
            (1, 1),
            (1, 2),
            (1, 0),
            (1, 1),
            (2, 0),
            (2, 1),
        ]
        .iter()
        .filter_map(|&(num, il)| n.next_label(num, il))
        .collect();
        // numId 2 shares abstract 0 with numId 1: it continues (三、).
        assert_eq!(
            got,
            [
                "一、",
                "（一）",
                "（二）",
                "1. ",
                "二、",
                "（一）",
                "三、",
                "（一）"
            ]
        );
    }

    #[test]
    fn start_override_and_level_override() {
        let mut n = numbering();
        assert_eq!(n.next_label(3, 0).as_deref(), Some("四、"));
        assert_eq!(n.next_label(3, 0).as_deref(), Some("五、"));
        assert_eq!(n.next_label(4, 0).as_deref(), Some("②"));
        assert_eq!(n.next_label(99, 0), None);
    }

    #[test]
    fn legal_numbering_and_no_restart() {
        let mut n = numbering();
        let got: Vec<String> = [(1, 0), (1, 3), (1, 3), (1, 0), (1, 3)]
            .iter()
            .filter_map(|&(num, il)| n.next_label(num, il))
            .collect();
        assert_eq!(got, ["一、", "1.1\t", "1.2\t", "二、", "2.3\t"]);
    }
}
