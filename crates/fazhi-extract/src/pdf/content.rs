//! A page's content stream → positioned text fragments. Tracks the CTM
//! (`cm`, `q`/`Q`), the text matrix (`BT`, `Tm`, `Td`, `TD`, `T*`, `TL`,
//! `Tz`), the font (`Tf`) and shows (`Tj`, `TJ`, `'`, `"`). Text marked as
//! an `/Artifact` (running headers, footers, page numbers in tagged PDFs) is
//! skipped. Advances are estimated (CJK one em, others half): positions are
//! needed for line grouping, not typesetting.

use std::collections::HashMap;

use lopdf::Object;
use lopdf::content::Operation;

use super::fonts::Font;
use crate::layout::Frag;

type M = [f32; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn num(o: Option<&Object>) -> f32 {
    match o {
        Some(Object::Integer(i)) => *i as f32,
        Some(Object::Real(r)) => *r,
        _ => 0.0,
    }
}

#[derive(Default)]
pub(crate) struct Stats {
    pub(crate) codes: usize,
    pub(crate) unmapped: usize,
}

pub(crate) fn run(
    ops: &[Operation],
    fonts: &HashMap<Vec<u8>, Font>,
    page_height: f32,
    stats: &mut Stats,
) -> Vec<Frag> {
    let mut frags = Vec::new();
    let mut ctm = ID;
    let mut stack: Vec<M> = Vec::new();
    let (mut tm, mut tlm) = (ID, ID);
    let mut font: Option<&Font> = None;
    let mut size = 12.0f32;
    let mut leading = 0.0f32;
    let mut hscale = 1.0f32;
    let mut marked: Vec<bool> = Vec::new();
    for op in ops {
        let a = &op.operands;
        match op.operator.as_str() {
            "q" if stack.len() < 256 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ID),
            "cm" if a.len() == 6 => {
                let m = [
                    num(a.first()),
                    num(a.get(1)),
                    num(a.get(2)),
                    num(a.get(3)),
                    num(a.get(4)),
                    num(a.get(5)),
                ];
                ctm = mul(&m, &ctm);
            }
            "BT" => (tm, tlm) = (ID, ID),
            "Tf" => {
                font = match a.first() {
                    Some(Object::Name(n)) => fonts.get(n),
                    _ => None,
                };
                size = num(a.get(1));
            }
            "TL" => leading = num(a.first()),
            "Tz" => hscale = num(a.first()) / 100.0,
            "Td" | "TD" => {
                let (tx, ty) = (num(a.first()), num(a.get(1)));
                if op.operator == "TD" {
                    leading = -ty;
                }
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                tm = tlm;
            }
            "Tm" if a.len() == 6 => {
                tlm = [
                    num(a.first()),
                    num(a.get(1)),
                    num(a.get(2)),
                    num(a.get(3)),
                    num(a.get(4)),
                    num(a.get(5)),
                ];
                tm = tlm;
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
            }
            "BMC" | "BDC" => {
                let artifact = matches!(a.first(), Some(Object::Name(n)) if n == b"Artifact");
                let inside = marked.last().copied().unwrap_or(false);
                if marked.len() < 256 {
                    marked.push(artifact || inside);
                }
            }
            "EMC" => {
                marked.pop();
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                let Some(f) = font else { continue };
                let parts: Vec<&Object> = match op.operator.as_str() {
                    "TJ" => match a.first() {
                        Some(Object::Array(items)) => items.iter().collect(),
                        _ => Vec::new(),
                    },
                    _ => a.last().into_iter().collect(),
                };
                let trm = mul(&tm, &ctm);
                let scale = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
                let mut text = String::new();
                let mut advance = 0.0f32;
                for p in parts {
                    match p {
                        Object::String(bytes, _) => {
                            let d = f.decode(bytes);
                            stats.codes += d.codes;
                            stats.unmapped += d.unmapped;
                            advance += d
                                .text
                                .chars()
                                .map(|c| if (c as u32) < 0x2E80 { 0.5 } else { 1.0 })
                                .sum::<f32>();
                            text.push_str(&d.text);
                        }
                        // A wide negative kern is a word space in Latin text.
                        Object::Integer(_) | Object::Real(_) => {
                            let k = num(Some(p));
                            if k < -250.0
                                && text
                                    .chars()
                                    .next_back()
                                    .is_some_and(|c| c.is_ascii_alphanumeric())
                            {
                                text.push(' ');
                            }
                            advance -= k / 1000.0;
                        }
                        _ => {}
                    }
                }
                if !marked.last().copied().unwrap_or(false) && !text.is_empty() {
                    frags.push(Frag {
                        x: trm[4],
                        y: page_height - trm[5],
                        size: (size.abs() * scale).max(1.0),
                        text,
                        end: None,
                    });
                }
                tm = mul(&[1.0, 0.0, 0.0, 1.0, advance * size * hscale, 0.0], &tm);
            }
            _ => {}
        }
    }
    frags
}
