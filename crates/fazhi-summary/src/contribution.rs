//! One report's contribution to its district summary: everything assembling
//! needs, taken from the report and its text once, so that a summary can be
//! re-assembled from stored contributions without reading any text again.

use fazhi_core::{Part, Section};

use crate::catalog;
use crate::duty;
use crate::model::{
    ClassifiedItem, CoverageEntry, MappedQuantity, Passage, ReportContribution, ReportInput,
};
use crate::reading::read_quantities;
use crate::span::{CharText, char_len, prefix_chars};
use crate::themes::classify;

/// Longest item text kept in a contribution.
const ITEM_TEXT_CHARS: usize = 400;
/// Longest excerpt a citation of an item or passage shows: a whole sentence
/// up to this length (longer ones are cut at the last clause mark within it).
const EXCERPT_CHARS: usize = 200;

/// What one report brings to the district: coverage, classified items,
/// quantities mapped to indicators (with their spans), leader-duty and other
/// passages. Pure; never panics, whatever the spans say.
pub fn contribution(report: &ReportInput<'_>) -> ReportContribution {
    let text = CharText::new(report.text);
    let parsed = report.parsed;
    let mut items = Vec::new();
    let mut leader_duty = Vec::new();
    let mut other = Vec::new();
    for section in &parsed.sections {
        match section.part {
            Part::Measures | Part::Shortcomings | Part::NextYear => {
                items.extend(section_items(&text, section))
            }
            Part::LeaderDuty => leader_duty.extend(section_passages(&text, section)),
            Part::Other => other.extend(
                section_passages(&text, section)
                    .into_iter()
                    .filter(|p| !says_nothing(&p.text)),
            ),
        }
    }
    let quantities = place(read_quantities(&text, &parsed.quantities), parsed, &items);
    let duty_facts = duty::duty_facts(&text, &quantities);
    let district_government = [report.agency.kind, parsed.agency_kind]
        .contains(&Some(fazhi_core::AgencyKind::DistrictGovernment));
    ReportContribution {
        data_version: catalog::data_version(),
        agency: report.agency.clone(),
        submission_id: report.submission_id.clone(),
        submitted_at: report.submitted_at.clone(),
        on_time: report.on_time,
        coverage: CoverageEntry::new(&report.agency, Some(report)),
        items,
        quantities,
        leader_duty,
        other,
        duty_facts,
        district_government,
    }
}

/// `无`, `无。`, `暂无` …: an `other` part with nothing to report.
fn says_nothing(s: &str) -> bool {
    let core: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
    if core.is_empty() || core == "无" || core == "暂无" || core == "没有" {
        return true;
    }
    // `无其他需要报告的情况。`, `暂无需要报告的事项`.
    let short = core.chars().count() <= 14;
    short
        && (core.starts_with('无') || core.starts_with("暂无") || core.starts_with("没有"))
        && core.contains("报告")
}

/// Tag each number with the part it stands in and the best chapter of its
/// item, so the draft can tell it in the right place.
fn place(
    mut qs: Vec<MappedQuantity>,
    parsed: &fazhi_core::ParsedReport,
    items: &[ClassifiedItem],
) -> Vec<MappedQuantity> {
    for q in &mut qs {
        q.part = parsed
            .sections
            .iter()
            .find(|s| s.start <= q.start && q.start < s.end)
            .map(|s| s.part);
        // Next year's numbers are targets, never this year's work.
        if q.part == Some(Part::NextYear) && q.role != crate::model::Role::Change {
            q.role = crate::model::Role::Plan;
        }
        q.theme = items
            .iter()
            .find(|i| i.start <= q.start && q.start < i.end)
            .and_then(|i| i.themes.first())
            .map(|h| h.code.clone());
    }
    qs
}

/// A short label: the title, or the first sentence after the marker the
/// parser found (`marker_chars`; a title never has one).
fn label_of(title: Option<&str>, text: &str, marker_chars: usize) -> String {
    let base: String = match title.filter(|t| !t.trim().is_empty()) {
        Some(t) => t.to_owned(),
        None => text.chars().skip(marker_chars).collect(),
    };
    let first: String = base
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .chars()
        .take_while(|c| !"。；;\n".contains(*c))
        .collect();
    let first = first.trim().trim_end_matches(['，', ',', '：', ':']);
    if char_len(first) > 40 {
        format!("{}…", prefix_chars(first, 40))
    } else {
        first.to_owned()
    }
}

/// Verbatim excerpt from `start`: through the first 。/；/line end within
/// [`EXCERPT_CHARS`], else that many characters. Returns (text, end).
fn excerpt_at(text: &CharText, start: usize, end: usize) -> (String, usize) {
    let window = text.slice(start, end.min(start.saturating_add(EXCERPT_CHARS)));
    let mut n = 0;
    for c in window.chars() {
        n += 1;
        if "。；;\n".contains(c) {
            break;
        }
    }
    let mut s: String = window.chars().take(n).collect();
    while s.ends_with(['\n', '\r', ' ']) {
        s.pop();
        n -= 1;
    }
    (s, start + n)
}

/// The item as the parser gave it: title, text, span and marker length.
struct Given<'a> {
    title: Option<&'a str>,
    body: &'a str,
    start: usize,
    end: usize,
    marker_chars: usize,
}

fn classified(text: &CharText, part: Part, given: Given<'_>) -> ClassifiedItem {
    let Given {
        title,
        body,
        start,
        end,
        marker_chars,
    } = given;
    let label = label_of(title, body, marker_chars);
    let (excerpt, cite_end) = if text.is_valid(start, end) {
        excerpt_at(text, start, end)
    } else {
        // A span outside the text: cite what the parser gave, as given.
        let e = prefix_chars(body, EXCERPT_CHARS);
        let n = char_len(&e);
        (e, start.saturating_add(n))
    };
    let themes = classify(catalog::themes(), &label, body);
    ClassifiedItem {
        part,
        label,
        text: prefix_chars(body, ITEM_TEXT_CHARS),
        start,
        end,
        excerpt,
        cite_end,
        themes,
    }
}

/// Where a section's body starts: after its heading when the heading opens it.
fn body_start(text: &CharText, section: &Section) -> usize {
    let head = text.slice(section.start, section.end);
    let heading = section.heading.trim();
    let mut at = section.start;
    if !heading.is_empty()
        && let Some(byte) = head.find(heading)
    {
        at = section.start + char_len(&head[..byte]) + char_len(heading);
    }
    let rest = text.slice(at, section.end);
    at + rest.chars().take_while(|c| c.is_whitespace()).count()
}

fn section_items(text: &CharText, section: &Section) -> Vec<ClassifiedItem> {
    if !section.items.is_empty() {
        return section
            .items
            .iter()
            .map(|i| {
                let given = Given {
                    title: i.title.as_deref(),
                    body: &i.text,
                    start: i.start,
                    end: i.end,
                    marker_chars: i.marker_chars,
                };
                classified(text, section.part, given)
            })
            .collect();
    }
    // No items found: the body is one item, so nothing the part says is lost.
    let start = body_start(text, section);
    let body = text.slice(start, section.end);
    if body.trim().is_empty() || says_nothing(&body) {
        return Vec::new();
    }
    let given = Given {
        title: None,
        body: &body,
        start,
        end: section.end,
        marker_chars: 0,
    };
    vec![classified(text, section.part, given)]
}

fn section_passages(text: &CharText, section: &Section) -> Vec<Passage> {
    if !section.items.is_empty() {
        return section
            .items
            .iter()
            .filter(|i| text.is_valid(i.start, i.end))
            .map(|i| {
                let (t, end) = excerpt_at(text, i.start, i.end);
                Passage {
                    text: t,
                    start: i.start,
                    end,
                }
            })
            .collect();
    }
    let start = body_start(text, section);
    if !text.is_valid(start, section.end) {
        return Vec::new();
    }
    let (t, end) = excerpt_at(text, start, section.end);
    if t.trim().is_empty() {
        return Vec::new();
    }
    vec![Passage {
        text: t,
        start,
        end,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_the_first_clause_without_its_marker() {
        assert_eq!(
            label_of(
                None,
                "一是全区法治工作统筹联动力度需要进一步加强，对规定的贯彻落实还有不足；二是",
                2
            ),
            "全区法治工作统筹联动力度需要进一步加强，对规定的贯彻落实还有不足"
        );
    }

    #[test]
    fn nothing_to_report_is_recognised() {
        assert!(says_nothing("无。"));
        assert!(says_nothing("无其他需要报告的情况。"));
        assert!(says_nothing(" 暂无 "));
        assert!(!says_nothing("无人机执法试点获市级表彰，需报告区政府。"));
    }
}
