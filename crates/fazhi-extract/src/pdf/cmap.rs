//! ToUnicode CMaps (ISO 32000-1 §9.10.3): `codespacerange`, `bfchar` and
//! `bfrange` (start destination or array form). Only what text extraction
//! needs; a malformed CMap maps less, it never fails the page.

use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
pub(crate) struct CMap {
    /// Code lengths in bytes with their ranges, from `codespacerange`.
    spaces: Vec<(usize, u32, u32)>,
    chars: HashMap<(usize, u32), String>,
    ranges: Vec<(usize, u32, u32, Dest)>,
}

#[derive(Debug, Clone)]
enum Dest {
    Start(Vec<u16>),
    List(Vec<String>),
}

/// Cap on entries: a real CJK font maps a few tens of thousands.
const MAX_ENTRIES: usize = 200_000;

impl CMap {
    pub(crate) fn parse(data: &[u8]) -> CMap {
        let tokens = tokens(data);
        let mut map = CMap::default();
        let mut i = 0;
        let mut entries = 0;
        while i < tokens.len() && entries < MAX_ENTRIES {
            match &tokens[i] {
                Tok::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        map.spaces.push((lo.len().clamp(1, 4), be(lo), be(hi)));
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        map.chars.insert((src.len(), be(src)), utf16(dst));
                        entries += 1;
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        let dest = match tokens.get(i + 2) {
                            Some(Tok::Hex(d)) => Dest::Start(units(d)),
                            Some(Tok::Array(list)) => {
                                Dest::List(list.iter().map(|d| utf16(d)).collect())
                            }
                            _ => break,
                        };
                        map.ranges.push((lo.len(), be(lo), be(hi), dest));
                        entries += 1;
                        i += 3;
                    }
                }
                _ => i += 1,
            }
        }
        map
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// Code length at the start of `bytes` per the codespace ranges
    /// (`default` when the CMap declares none).
    pub(crate) fn code_len(&self, bytes: &[u8], default: usize) -> usize {
        for &(len, lo, hi) in &self.spaces {
            if bytes.len() >= len {
                let code = be(&bytes[..len]);
                if (lo..=hi).contains(&code) {
                    return len;
                }
            }
        }
        default.min(bytes.len()).max(1)
    }

    pub(crate) fn lookup(&self, len: usize, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&(len, code)) {
            return Some(s.clone());
        }
        self.ranges.iter().find_map(|(l, lo, hi, dest)| {
            if *l != len || code < *lo || code > *hi {
                return None;
            }
            let off = code - lo;
            match dest {
                Dest::List(list) => list.get(off as usize).cloned(),
                Dest::Start(start) => {
                    let mut u = start.clone();
                    let last = u.last_mut()?;
                    *last = last.checked_add(u16::try_from(off).ok()?)?;
                    Some(String::from_utf16_lossy(&u))
                }
            }
        })
    }
}

enum Tok {
    Word(String),
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let (hex, next) = hex_string(data, i + 1);
                out.push(Tok::Hex(hex));
                i = next;
            }
            b'[' => {
                let mut list = Vec::new();
                i += 1;
                while i < data.len() && data[i] != b']' {
                    if data[i] == b'<' {
                        let (hex, next) = hex_string(data, i + 1);
                        list.push(hex);
                        i = next;
                    } else {
                        i += 1;
                    }
                }
                out.push(Tok::Array(list));
                i += 1;
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(Tok::Word(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            _ => i += 1,
        }
    }
    out
}

fn hex_string(data: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut nibbles = Vec::new();
    while i < data.len() && data[i] != b'>' {
        if let Some(d) = (data[i] as char).to_digit(16) {
            nibbles.push(d as u8);
        }
        i += 1;
    }
    if nibbles.len() % 2 == 1 {
        nibbles.push(0);
    }
    (nibbles.chunks(2).map(|p| p[0] << 4 | p[1]).collect(), i + 1)
}

fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0, |acc, &b| acc << 8 | u32::from(b))
}

fn units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
        .collect()
}

fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&units(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_and_both_bfrange_forms() {
        let cmap = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange
              2 beginbfchar <0003> <4E00> <0004> <D835DC00> endbfchar
              2 beginbfrange <0010> <0012> <4E00> <0020> <0021> [<0041> <0042>] endbfrange",
        );
        assert_eq!(cmap.lookup(2, 3).as_deref(), Some("一"));
        assert_eq!(cmap.lookup(2, 0x11).as_deref(), Some("丁"));
        assert_eq!(cmap.lookup(2, 0x21).as_deref(), Some("B"));
        assert_eq!(cmap.lookup(2, 0x4).map(|s| s.chars().count()), Some(1));
        assert_eq!(cmap.lookup(2, 0x99), None);
        assert_eq!(cmap.code_len(&[0, 3], 1), 2);
    }
}
