//! Findings a reviewer acts on, each with a stable code, a severity and a
//! Chinese message. The codes are part of the API (documented in
//! `docs/parse-schema.md`); never rename one.
//!
//! | code | severity |
//! |---|---|
//! | `not_a_report` | error |
//! | `year_mismatch` | error |
//! | `agency_mismatch` | error |
//! | `no_statutory_headings` | warning |
//! | `part_missing.<part>` | warning (`other`: info) |
//! | `parts_out_of_order` | warning |
//! | `no_quantities_in_measures` | warning |
//! | `year_unknown` | info |
//! | `agency_unknown` | info |
//!
//! Guarantees: pure function of the parse; a text that is not a report gets
//! `not_a_report` and nothing else.

use crate::model::{Finding, ParsedReport, Part, Severity};

pub const NOT_A_REPORT: &str = "not_a_report";
pub const YEAR_MISMATCH: &str = "year_mismatch";
pub const AGENCY_MISMATCH: &str = "agency_mismatch";
pub const NO_STATUTORY_HEADINGS: &str = "no_statutory_headings";
pub const PARTS_OUT_OF_ORDER: &str = "parts_out_of_order";
pub const NO_QUANTITIES_IN_MEASURES: &str = "no_quantities_in_measures";
pub const YEAR_UNKNOWN: &str = "year_unknown";
pub const AGENCY_UNKNOWN: &str = "agency_unknown";

/// `part_missing.<code>`.
pub fn part_missing_code(part: Part) -> String {
    format!("part_missing.{}", part.code())
}

fn finding(code: impl Into<String>, severity: Severity, message: impl Into<String>) -> Finding {
    Finding {
        code: code.into(),
        severity,
        message: message.into(),
        start: None,
        end: None,
    }
}

fn at(mut f: Finding, span: Option<(usize, usize)>) -> Finding {
    if let Some((s, e)) = span {
        f.start = Some(s);
        f.end = Some(e);
    }
    f
}

/// Name endings that vary between the roster and the text
/// (`月河街道办事处` / `月河街道`): dropped before names are compared.
const VARYING_ENDINGS: &[&str] = &["人民政府", "办事处", "政府", "办"];

fn core_name(name: &str) -> String {
    let squashed: String = name
        .chars()
        .filter_map(crate::normalize::fold)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut s = squashed.as_str();
    for e in VARYING_ENDINGS {
        if let Some(stripped) = s.strip_suffix(e)
            && stripped.chars().count() >= 2
        {
            s = stripped;
            break;
        }
    }
    s.to_string()
}

/// Whether the text's name and the roster's name are the same unit: one
/// holds the other once the varying endings are dropped (`宁河区` /
/// `天津市宁河区人民政府`, `北京市西城区司法局` / `西城区司法局`).
pub fn same_agency(text: &str, roster: &str) -> bool {
    let (a, b) = (core_name(text), core_name(roster));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Why a text is not a report, or `None` when it reads as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReport {
    /// Mostly replacement or control characters: a PDF text layer without a
    /// Unicode map, or a binary file.
    Unreadable,
    /// Readable, but not about 法治政府建设 or far too short.
    OffTopic,
}

/// Decide whether the cleaned text reads as an annual report.
/// `parts` is the number of statutory part headings found.
pub fn assess(chars: &[char], parts: usize, has_title: bool) -> Option<NotReport> {
    let (total, bad, terms) = census(chars);
    if total == 0 {
        return Some(NotReport::OffTopic);
    }
    if bad * 10 > total {
        return Some(NotReport::Unreadable);
    }
    let report = (parts >= 2 && terms >= 2)
        || (parts >= 1 && terms >= 3 && total >= 200)
        || (has_title && terms >= 3 && total >= 300)
        || (terms >= 8 && total >= 600);
    if report {
        None
    } else {
        Some(NotReport::OffTopic)
    }
}

/// More occurrences of the vocabulary than any rule of [`assess`] asks for.
const ENOUGH_TERMS: usize = 8;

/// Non-blank characters, unreadable ones (replacement, control, private
/// use) and occurrences of the field's own vocabulary (`法治`, `依法`, …),
/// the last counted up to [`ENOUGH_TERMS`] only. Each count is simple
/// enough to run many characters at a time: one branchy loop doing all
/// three cost as much as three plain passes.
fn census(chars: &[char]) -> (usize, usize, usize) {
    // ASCII blanks and unreadable characters, summed in u32 lanes a block
    // at a time (a block cannot overflow them).
    let (mut blank, mut bad) = (rare_blanks(chars), 0);
    for block in chars.chunks(1 << 16) {
        let (mut b, mut u) = (0u32, 0u32);
        for &c in block {
            b += u32::from(c == ' ' || ('\t'..='\r').contains(&c));
            u += u32::from(unreadable(c));
        }
        blank += b as usize;
        bad += u as usize;
    }
    let mut terms = 0;
    for w in chars.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a == '法' && matches!(b, '治' | '制')) || (b == '法' && matches!(a, '依' | '执' | '普'))
        {
            terms += 1;
            if terms == ENOUGH_TERMS {
                break;
            }
        }
    }
    (chars.len() - blank, bad, terms)
}

/// Replacement, control (Cc: exactly U+0000–U+001F and U+007F–U+009F, the
/// line break aside) and private-use characters.
fn unreadable(c: char) -> bool {
    let v = c as u32;
    let control = (v < 0x20 && v != 0x0a) | (0x7f..=0x9f).contains(&v);
    control | (v == 0xFFFD) | (0xE000..=0xF8FF).contains(&v)
}

/// Whitespace outside ASCII: all of it lies in U+0080..=U+3000, where
/// few characters of a report are (quotation marks, dashes).
fn rare_blanks(chars: &[char]) -> usize {
    chars
        .iter()
        .filter(|&&c| ('\u{80}'..='\u{3000}').contains(&c) && c.is_whitespace())
        .count()
}

/// Context the findings need beyond the report itself.
pub struct Facts {
    pub not_report: Option<NotReport>,
    /// The body was taken as measures because no statutory heading exists.
    pub fallback_measures: bool,
    pub expected_year: Option<i32>,
    pub expected_agency: Option<String>,
    /// Where the text names its year and its agency (first occurrence).
    pub year_span: Option<(usize, usize)>,
    pub agency_span: Option<(usize, usize)>,
}

/// All findings for a parse.
pub fn findings(report: &ParsedReport, facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(why) = facts.not_report {
        let msg = match why {
            NotReport::Unreadable => {
                "文本无法识别（乱码或二进制内容，可能是缺少字体映射的PDF），不是可读的法治政府建设年度报告"
            }
            NotReport::OffTopic => {
                "文本不是法治政府建设年度报告（缺少报告结构和法治政府建设相关内容）"
            }
        };
        out.push(finding(NOT_A_REPORT, Severity::Error, msg));
        return out;
    }
    if facts.fallback_measures {
        out.push(finding(
            NO_STATUTORY_HEADINGS,
            Severity::Warning,
            "报告没有法定的五部分标题，只有专题性标题；正文按“主要举措和成效”处理",
        ));
    }
    for part in Part::ALL {
        if report.has_part(part) {
            continue;
        }
        // With no statutory heading, the measures part is the fallback body.
        let severity = if part == Part::Other {
            Severity::Info
        } else {
            Severity::Warning
        };
        out.push(finding(
            part_missing_code(part),
            severity,
            format!("缺少法定部分：{}", part.title_zh()),
        ));
    }
    let order: Vec<Part> = report.sections.iter().map(|s| s.part).collect();
    if order.windows(2).any(|w| w[0] > w[1]) {
        let names: Vec<&str> = order.iter().map(|p| p.title_zh()).collect();
        out.push(finding(
            PARTS_OUT_OF_ORDER,
            Severity::Warning,
            format!("各部分未按法定顺序排列：{}", names.join(" → ")),
        ));
    }
    if let (Some(a), Some(e)) = (&report.agency, &facts.expected_agency)
        && !same_agency(a, e)
    {
        out.push(at(
            finding(
                AGENCY_MISMATCH,
                Severity::Error,
                format!("报告写明的单位为“{a}”，与报送单位“{e}”不一致"),
            ),
            facts.agency_span,
        ));
    }
    match (report.year, facts.expected_year) {
        (Some(y), Some(e)) if y != e => out.push(at(
            finding(
                YEAR_MISMATCH,
                Severity::Error,
                format!("报告所述年度为{y}年，与报送的年度{e}年不一致"),
            ),
            facts.year_span,
        )),
        (None, _) => out.push(finding(
            YEAR_UNKNOWN,
            Severity::Info,
            "未能从文本中确定报告所属年度",
        )),
        _ => {}
    }
    if let Some(m) = report.sections.iter().find(|s| s.part == Part::Measures) {
        let inside = report
            .quantities
            .iter()
            .any(|q| q.start >= m.start && q.end <= m.end);
        if !inside {
            out.push(finding(
                NO_QUANTITIES_IN_MEASURES,
                Severity::Warning,
                "“主要举措和成效”部分没有任何数据（如开展活动场次、办理案件数），成效缺少量化依据",
            ));
        }
    }
    if report.agency.is_none() {
        out.push(finding(
            AGENCY_UNKNOWN,
            Severity::Info,
            "文本未写明报告单位名称",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_census_counts_as_the_plain_definitions_do() {
        let mut text: Vec<char> = (0..0x11_0000u32).filter_map(char::from_u32).collect();
        text.extend("依法治理,法制、执法和普法。法治\n\u{3000}\u{FFFD}".chars());
        let total = text.iter().filter(|c| !c.is_whitespace()).count();
        let bad = text
            .iter()
            .filter(|&&c| {
                c == '\u{FFFD}'
                    || (c.is_control() && c != '\n')
                    || ('\u{E000}'..='\u{F8FF}').contains(&c)
            })
            .count();
        let terms = text
            .windows(2)
            .filter(|w| {
                matches!(
                    (w[0], w[1]),
                    ('法', '治') | ('依', '法') | ('法', '制') | ('执', '法') | ('普', '法')
                )
            })
            .count();
        assert_eq!(census(&text), (total, bad, terms.min(ENOUGH_TERMS)));
        let few: Vec<char> = "依法治理,法制".chars().collect();
        assert_eq!(census(&few).2, 3);
    }

    #[test]
    fn the_same_unit_under_its_roster_and_text_names() {
        assert!(same_agency("宁河区", "天津市宁河区人民政府"));
        assert!(same_agency("湖州市吴兴区月河街道", "月河街道办事处"));
        assert!(same_agency("北京市西城区司法局", "西城区司法局"));
        assert!(!same_agency("西城区民政局", "西城区司法局"));
        assert!(!same_agency("东城区司法局", "西城区司法局"));
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn recipes_and_notes_are_not_reports() {
        let recipe = chars(
            "番茄炒蛋\n鸡蛋3个,番茄2个。先把鸡蛋打散,加盐,热锅下油,炒熟盛出。再炒番茄,加糖,倒入鸡蛋翻炒均匀即可。",
        );
        assert_eq!(assess(&recipe, 0, false), Some(NotReport::OffTopic));
        let note = chars("请于周五前报送2023年法治政府建设年度报告。");
        assert_eq!(assess(&note, 0, true), Some(NotReport::OffTopic));
        let garbage = chars("\u{FFFD}\u{FFFD}\u{E001}\u{E002}abc");
        assert_eq!(assess(&garbage, 0, false), Some(NotReport::Unreadable));
    }

    #[test]
    fn a_report_with_parts_is_a_report() {
        let text = "一、主要举措和成效\n我局坚持依法行政,推进法治政府建设,开展普法活动,严格执法。"
            .repeat(5);
        assert_eq!(assess(&chars(&text), 2, false), None);
    }

    #[test]
    fn out_of_order_and_missing_parts() {
        use crate::model::Section;
        let sec = |part| Section {
            part,
            heading: String::new(),
            start: 0,
            end: 0,
            items: vec![],
        };
        let report = ParsedReport {
            year: Some(2022),
            agency: Some("西营门街".into()),
            sections: vec![
                sec(Part::Measures),
                sec(Part::LeaderDuty),
                sec(Part::Shortcomings),
                sec(Part::NextYear),
            ],
            ..ParsedReport::default()
        };
        let facts = Facts {
            not_report: None,
            fallback_measures: false,
            expected_year: Some(2023),
            expected_agency: Some("西营门街道办事处".into()),
            year_span: Some((3, 8)),
            agency_span: None,
        };
        let codes: Vec<String> = findings(&report, &facts)
            .into_iter()
            .map(|f| f.code)
            .collect();
        assert_eq!(
            codes,
            vec![
                "part_missing.other",
                "parts_out_of_order",
                "year_mismatch",
                "no_quantities_in_measures"
            ]
        );
    }
}
