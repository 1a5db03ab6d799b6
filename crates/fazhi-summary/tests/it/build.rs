//! Building `ParsedReport` values from a text and the strings it contains,
//! the way the gold corpus annotates reports (headings, item prefixes,
//! quantity texts): spans are found in the text, as character offsets.

use fazhi_core::{Item, ParsedReport, Part, Qualifier, Quantity, QuantityKind, Section};
use fazhi_summary::{Agency, ReportInput};

/// Character offset of the first occurrence of `needle` at or after char `from`.
pub fn find_chars(text: &str, needle: &str, from: usize) -> Option<usize> {
    let byte_from = text.char_indices().nth(from).map_or(text.len(), |(b, _)| b);
    text[byte_from..]
        .find(needle)
        .map(|b| from + text[byte_from..byte_from + b].chars().count())
}

pub fn chars(text: &str) -> Vec<char> {
    text.chars().collect()
}

/// Where the real quantity reader finds the number in `unit` within
/// `phrase` (char offsets); the whole phrase when it finds none.
fn number_span(phrase: &str, unit: &str) -> (usize, usize) {
    let folded: Vec<char> = phrase
        .chars()
        .map(|c| fazhi_core::normalize::fold(c).unwrap_or(c))
        .collect();
    let mut raw = Vec::new();
    fazhi_core::quantities::scan_line(&folded, 0, &mut raw);
    raw.iter()
        .find(|r| r.unit == unit)
        .map_or((0, folded.len()), |r| (r.start, r.end))
}

/// Characters of the numbering marker an item's text opens with, read the
/// way the parser reads it (full-width folded; `（一）`, `1.`, `一是`).
pub fn marker_chars(text: &str) -> usize {
    use fazhi_core::markers::{leading_marker, shi_marker_at};
    let folded: Vec<char> = text
        .chars()
        .map(|c| fazhi_core::normalize::fold(c).unwrap_or(c))
        .collect();
    leading_marker(&folded)
        .or_else(|| shi_marker_at(&folded, 0))
        .map_or(0, |m| m.len)
}

pub struct Q<'a> {
    pub text: &'a str,
    pub value: f64,
    pub unit: &'a str,
    pub qualifier: Qualifier,
    pub kind: QuantityKind,
    pub what: &'a str,
}

pub fn q<'a>(
    text: &'a str,
    value: f64,
    unit: &'a str,
    qualifier: Qualifier,
    what: &'a str,
) -> Q<'a> {
    Q {
        text,
        value,
        unit,
        qualifier,
        kind: QuantityKind::Count,
        what,
    }
}

/// The running example of the qualifier algebra: `…20余场`, at least 20.
pub fn at_least_20_events(text: &str) -> Q<'_> {
    q(text, 20.0, "场", Qualifier::AtLeast, "法治宣传活动")
}

/// Its partner: exactly 34 events (`…34场`), counted as `what`.
pub fn exactly_34_events<'a>(text: &'a str, what: &'a str) -> Q<'a> {
    q(text, 34.0, "场", Qualifier::Exact, what)
}

pub fn rate<'a>(text: &'a str, value: f64, what: &'a str) -> Q<'a> {
    Q {
        text,
        value,
        unit: "%",
        qualifier: Qualifier::Exact,
        kind: QuantityKind::Rate,
        what,
    }
}

/// Sections from (part, heading, item prefixes); an item runs to the next
/// item or the end of its section, a section to the next heading.
pub fn parsed(
    text: &str,
    sections: &[(Part, &str, Vec<&str>)],
    quantities: &[Q<'_>],
) -> ParsedReport {
    let n = text.chars().count();
    let all: Vec<char> = chars(text);
    let slice = |s: usize, e: usize| -> String { all[s.min(e)..e].iter().collect() };
    let mut starts = Vec::new();
    let mut from = 0;
    for (_, heading, _) in sections {
        let s = find_chars(text, heading, from)
            .unwrap_or_else(|| panic!("heading {heading} not in text"));
        starts.push(s);
        from = s + 1;
    }
    let mut out = Vec::new();
    for (i, (part, heading, items)) in sections.iter().enumerate() {
        let start = starts[i];
        let end = starts
            .iter()
            .copied()
            .filter(|s| *s > start)
            .min()
            .unwrap_or(n);
        let mut item_starts = Vec::new();
        let mut from = start + heading.chars().count();
        for it in items {
            let s = find_chars(text, it, from)
                .filter(|s| *s < end)
                .unwrap_or_else(|| panic!("item {it} not in section"));
            item_starts.push(s);
            from = s + 1;
        }
        let items = item_starts
            .iter()
            .enumerate()
            .map(|(j, &s)| {
                let e = item_starts.get(j + 1).copied().unwrap_or(end);
                let body = slice(s, e);
                let trimmed = body.trim_end().to_owned();
                let e = s + trimmed.chars().count();
                Item {
                    title: None,
                    marker_chars: marker_chars(&trimmed),
                    text: trimmed,
                    start: s,
                    end: e,
                }
            })
            .collect();
        out.push(Section {
            part: *part,
            heading: heading.to_string(),
            start,
            end,
            items,
        });
    }
    let mut qs = Vec::new();
    let mut from = 0;
    for qq in quantities {
        // Quantities are listed in text order; fall back to a search from the start.
        let s = find_chars(text, qq.text, from)
            .or_else(|| find_chars(text, qq.text, 0))
            .unwrap_or_else(|| panic!("quantity {} not in text", qq.text));
        from = s + 1;
        // The parser's span is the number as written (`20余场`) within the
        // annotated phrase (`开展各类法治宣传活动20余场`).
        let (a, b) = number_span(qq.text, qq.unit);
        qs.push(Quantity {
            text: qq.text.chars().skip(a).take(b - a).collect(),
            value: qq.value,
            unit: qq.unit.to_owned(),
            qualifier: qq.qualifier,
            kind: qq.kind,
            what: qq.what.to_owned(),
            start: s + a,
            end: s + b,
            // No sentence span: the summary derives it from the text.
            sentence_start: 0,
            sentence_end: 0,
        });
    }
    ParsedReport {
        sections: out,
        quantities: qs,
        chars: n,
        ..ParsedReport::default()
    }
}

pub fn agency(code: &str, name: &str) -> Agency {
    Agency {
        code: code.to_owned(),
        name: name.to_owned(),
        kind: Some(fazhi_core::AgencyKind::Department),
    }
}

pub fn input<'a>(
    agency: &Agency,
    submission_id: &str,
    text: &'a str,
    parsed: &'a ParsedReport,
) -> ReportInput<'a> {
    ReportInput {
        agency: agency.clone(),
        submission_id: submission_id.to_owned(),
        submitted_at: "2024-02-20T10:00:00+08:00".to_owned(),
        on_time: true,
        text,
        parsed,
    }
}

/// A small report with the five parts and the given measures sentence.
pub fn report_text(measures: &str) -> String {
    format!(
        "区委、区政府：\n一、主要举措和成效\n（一）深化法治宣传\n{measures}\n二、存在的不足和原因\n一是执法人员法治素养有待进一步提升。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头述法，专题研究法治政府建设工作。\n四、下一年度推进法治政府建设的主要安排\n一是加强执法人员法治培训。\n五、其他需要报告的情况\n无。\n"
    )
}

pub fn five_parts() -> Vec<(Part, &'static str, Vec<&'static str>)> {
    vec![
        (
            Part::Measures,
            "一、主要举措和成效",
            vec!["（一）深化法治宣传"],
        ),
        (
            Part::Shortcomings,
            "二、存在的不足和原因",
            vec!["一是执法人员"],
        ),
        (
            Part::LeaderDuty,
            "三、党政主要负责人履行推进法治建设第一责任人职责情况",
            vec![],
        ),
        (
            Part::NextYear,
            "四、下一年度推进法治政府建设的主要安排",
            vec!["一是加强执法"],
        ),
        (Part::Other, "五、其他需要报告的情况", vec![]),
    ]
}
