//! fazhi-core: reads one 法治政府建设年度报告 the way a clerk would.
//!
//! Pure: no async, no I/O. Never panics on any input; linear in input size.
//!
//! Pipeline: [`decode`] bytes → [`normalize`] (cleaned text + offset map) →
//! [`header`] (title, agency, recipient, date) → [`parts`] (the five
//! statutory parts) → [`items`] → [`quantities`] → [`findings`].
//! [`eval`] scores parses against hand-made gold annotations.

pub mod adversarial;
pub mod agency;
mod chrome;
pub mod dates;
pub mod deadline;
pub mod decode;
pub mod duty;
mod entities;
pub mod eval;
pub mod findings;
pub mod header;
pub mod items;
mod lexicon;
pub mod markers;
pub mod model;
pub mod normalize;
pub mod numerals;
pub mod parts;
pub mod privacy;
pub mod quantities;
pub mod title;
mod work;
mod years;

pub use decode::{DecodeError, decode};
pub use model::*;

use markers::{MarkerKind, contains, leading_marker};
use normalize::Doc;
use parts::PartSpan;

/// The parser's version, stored with every parse: raise it when a change
/// alters what the parser reads from a report, and `fazhi reprocess`
/// re-reads every report parsed by an older one.
pub const PARSER_VERSION: i32 = 1;

/// Parse decoded text.
pub fn parse_text(text: &str, options: &ParseOptions) -> ParsedReport {
    let doc = Doc::new(text);
    let header = header::read_header(&doc);
    let spans = parts::find_parts(&doc, &header.header_lines, header.title_year);
    let year = header::resolve_year(&doc, &header, &spans);
    let not_report = findings::assess(&doc.chars, spans.len(), header.title.is_some());
    let mut report = ParsedReport {
        title: header.title.clone(),
        agency: header.agency.clone(),
        agency_kind: header.agency_kind,
        year,
        recipient: header.recipient.clone(),
        published: header.published.clone(),
        chars: doc.orig_len(),
        ..ParsedReport::default()
    };
    let mut fallback_measures = false;
    if not_report.is_none() {
        let spans = if spans.is_empty() {
            fallback_measures = true;
            fallback_span(&doc, &header.header_lines)
                .into_iter()
                .collect()
        } else {
            spans
        };
        report.sections = spans
            .iter()
            .map(|s| section(&doc, s, fallback_measures))
            .collect();
        let (quantities, duty_facts) = quantities(&doc, &spans, &header.header_lines);
        report.quantities = quantities;
        report.duty_facts = duty_facts;
    }
    let facts = findings::Facts {
        not_report,
        fallback_measures,
        expected_year: options.expected_year,
        expected_agency: options.expected_agency.clone(),
        year_span: year.and_then(|y| first_span(text, &format!("{y}年"))),
        agency_span: report.agency.as_deref().and_then(|a| first_span(text, a)),
    };
    report.findings = findings::findings(&report, &facts);
    report
}

/// Decode (UTF-8 or GB18030, with or without BOM) and parse.
pub fn parse_bytes(
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<(String, ParsedReport), DecodeError> {
    let text = decode(bytes)?;
    let parsed = parse_text(&text, options);
    Ok((text, parsed))
}

/// With only topical headings, the body (after title, recipient and the
/// `…报告如下` opening) is the measures part.
fn fallback_span(doc: &Doc, header_lines: &[usize]) -> Option<PartSpan> {
    let n = doc.lines.len();
    let body = |i: &usize| !header_lines.contains(i);
    let first_heading = (0..n).filter(body).find(|&i| {
        leading_marker(doc.line(i))
            .is_some_and(|m| matches!(m.kind, MarkerKind::Top | MarkerKind::ParenHan))
    });
    let after_opening = (0..n.min(10))
        .rfind(|&i| contains(doc.line(i), "如下"))
        .map(|i| i + 1);
    let start = first_heading
        .or(after_opening)
        .or_else(|| (0..n).find(body))?;
    if start >= n {
        return None;
    }
    Some(PartSpan {
        part: Part::Measures,
        heading_line: start,
        heading_end: doc.lines[start].start,
        end_line: n,
        unnumbered: true,
    })
}

fn section(doc: &Doc, span: &PartSpan, fallback: bool) -> Section {
    let Some(head) = doc.lines.get(span.heading_line).copied() else {
        return Section {
            part: span.part,
            heading: String::new(),
            start: 0,
            end: 0,
            items: vec![],
        };
    };
    let last = doc
        .lines
        .get(span.end_line.saturating_sub(1))
        .copied()
        .unwrap_or(head);
    // In the fallback there is no heading line: the body starts at it.
    let first_body = if fallback {
        span.heading_line
    } else {
        span.heading_line + 1
    };
    let mut body: Vec<(usize, usize)> = Vec::new();
    // A run-in heading (`三、存在的不足和原因。一是…`): the rest of its line
    // is the first piece of the body.
    if !fallback {
        let mut rest = span.heading_end.max(head.start);
        while rest < head.end && matches!(doc.chars.get(rest), Some('。' | ':' | ' ')) {
            rest += 1;
        }
        if rest < head.end {
            body.push((rest, head.end));
        }
    }
    body.extend(
        doc.lines
            .get(first_body..span.end_line)
            .unwrap_or(&[])
            .iter()
            .map(|l| (l.start, l.end)),
    );
    let body_end = last.end.max(head.end);
    let items = items::items_of(&doc.chars, &body, body_end)
        .into_iter()
        .map(|it| {
            let (start, end) = doc.orig_span(it.start, it.end);
            let text = doc.orig_slice(start, end).to_string();
            let words = doc.orig_span(it.words.min(it.end), it.end).0;
            Item {
                title: it
                    .title
                    .map(|(a, b)| doc.display(a, b))
                    .filter(|t| !t.is_empty()),
                // The text's length in characters, known from its span
                // (counting the characters of every item was a pass).
                marker_chars: words.saturating_sub(start).min(doc.orig_chars(start, end)),
                text,
                start,
                end,
            }
        })
        .collect();
    let heading = if fallback {
        String::new()
    } else {
        doc.display(head.start, span.heading_end)
    };
    let (start, end) = doc.orig_span(head.start, body_end);
    Section {
        part: span.part,
        heading,
        start,
        end,
        items,
    }
}

/// Character span of the first occurrence of `needle` in `text`.
fn first_span(text: &str, needle: &str) -> Option<(usize, usize)> {
    let b = text.find(needle)?;
    let start = text.get(..b)?.chars().count();
    Some((start, start + needle.chars().count()))
}

/// Quantities and leader-duty facts of the report: every line but the
/// header and the next-year part (plans are not work done).
fn quantities(
    doc: &Doc,
    spans: &[PartSpan],
    header_lines: &[usize],
) -> (Vec<Quantity>, Vec<DutyFact>) {
    let mut skip = vec![false; doc.lines.len()];
    for &i in header_lines {
        if let Some(s) = skip.get_mut(i) {
            *s = true;
        }
    }
    for s in spans.iter().filter(|s| s.part == Part::NextYear) {
        for k in skip.iter_mut().take(s.end_line).skip(s.heading_line) {
            *k = true;
        }
    }
    let mut raw = Vec::new();
    let mut raw_facts = Vec::new();
    for (i, l) in doc.lines.iter().enumerate() {
        if !skip[i] {
            let line = doc.chars.get(l.start..l.end).unwrap_or(&[]);
            let first = raw.len();
            quantities::scan_line(line, l.start, &mut raw);
            // A part heading names the duty; it does not state a fact.
            // (The no-heading fallback has an empty heading: its line is body.)
            let heading = spans
                .iter()
                .any(|s| s.heading_line == i && s.heading_end > l.start);
            if !heading {
                duty::scan_line(
                    line,
                    l.start,
                    raw.get(first..).unwrap_or(&[]),
                    &mut raw_facts,
                );
            }
        }
    }
    let facts = raw_facts
        .into_iter()
        .map(|f| {
            let (start, end) = doc.orig_span(f.start, f.end);
            DutyFact {
                kind: f.kind,
                count: f.count.map(|c| c.0),
                qualifier: f.count.map(|c| c.1),
                text: doc.orig_slice(start, end).to_string(),
                start,
                end,
            }
        })
        .collect();
    let quantities = raw
        .into_iter()
        .map(|q| {
            let (start, end) = doc.orig_span(q.start, q.end);
            let (sentence_start, sentence_end) = doc.orig_span(q.sentence_start, q.sentence_end);
            Quantity {
                text: doc.orig_slice(start, end).to_string(),
                value: q.value,
                unit: q.unit,
                qualifier: q.qualifier,
                kind: q.kind,
                what: q.what,
                start,
                end,
                sentence_start,
                sentence_end,
            }
        })
        .collect();
    (quantities, facts)
}
