use std::path::PathBuf;

use fazhi_core::{ParseOptions, ParsedReport, Part, Qualifier, QuantityKind};
use fazhi_extract::{Extracted, Limits};

pub fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn expected_text(name: &str) -> String {
    let stem = name
        .rsplit_once('.')
        .map(|(s, ext)| if ext == "pdf" { name } else { s })
        .unwrap_or(name);
    String::from_utf8(fixture(&format!("{stem}.expected.txt"))).expect("expected text is UTF-8")
}

pub fn extract(name: &str) -> Extracted {
    let bytes = fixture(name);
    fazhi_extract::extract_any(&bytes, None, Some(name), &Limits::default())
        .unwrap_or_else(|e| panic!("{name}: {e} ({})", e.code()))
}

/// What a user compares between two parses of the same report: the parts in
/// order, each with its item titles, and every quantity read.
#[derive(Debug, PartialEq)]
pub struct Shape {
    pub parts: Vec<(Part, Vec<String>)>,
    pub quantities: Vec<(String, String, Qualifier, QuantityKind)>,
}

pub fn shape(report: &ParsedReport) -> Shape {
    Shape {
        parts: report
            .sections
            .iter()
            .map(|s| {
                let items = s
                    .items
                    .iter()
                    .map(|i| squash(i.title.as_deref().unwrap_or(&i.text)))
                    .collect();
                (s.part, items)
            })
            .collect(),
        quantities: report
            .quantities
            .iter()
            .map(|q| {
                (
                    squash(&q.text),
                    format!("{}{}", q.value, q.unit),
                    q.qualifier,
                    q.kind,
                )
            })
            .collect(),
    }
}

/// Whitespace does not change what a user reads.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).take(40).collect()
}

pub fn parse(text: &str) -> ParsedReport {
    fazhi_core::parse_text(text, &ParseOptions::default())
}
