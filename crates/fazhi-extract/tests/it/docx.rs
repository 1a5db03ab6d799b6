//! What a clerk would check in the DOCX fixtures beyond the parse.

use crate::common::{expected_text, extract};

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn numbering_that_exists_only_in_numbering_xml_appears_as_word_shows_it() {
    let x = extract("word_001.docx");
    let got = lines(&x.text);
    assert!(
        got.iter()
            .any(|l| l.starts_with("一、上一年度推进法治政府建设的主要举措")),
        "{}",
        x.text
    );
    assert!(
        got.iter()
            .any(|l| l.starts_with("（六）持续做好业务工作化"))
    );
    assert!(got.iter().any(|l| l.starts_with("五、其他需要报告的情况")));
    // The sub-list restarts under each new top-level item: no （七）.
    assert!(!x.text.contains("（七）"));
    // The whole text equals the plain text of the same report.
    assert_eq!(x.text.trim(), expected_text("word_001.docx").trim());
}

#[test]
fn word_heading_styles_become_heading_signals_with_levels() {
    let x = extract("word_001.docx");
    let chars: Vec<char> = x.text.chars().collect();
    let heading = |h: &fazhi_extract::Heading| chars[h.start..h.end].iter().collect::<String>();
    let top: Vec<String> = x
        .headings
        .iter()
        .filter(|h| h.level == 1)
        .map(heading)
        .collect();
    let second = x.headings.iter().filter(|h| h.level == 2).count();
    assert_eq!(top.len(), 5, "{top:?}");
    assert!(top[1].starts_with("二、"), "{top:?}");
    assert_eq!(second, 6);
}

#[test]
fn wps_chinese_style_names_and_paragraph_outline_levels_are_headings() {
    let x = extract("wps_002.docx");
    let chars: Vec<char> = x.text.chars().collect();
    let level_of = |prefix: &str| {
        x.headings
            .iter()
            .find(|h| {
                chars[h.start..h.end]
                    .iter()
                    .collect::<String>()
                    .starts_with(prefix)
            })
            .map(|h| h.level)
    };
    assert_eq!(level_of("一、主要举措和成效"), Some(1));
    assert_eq!(level_of("（一）加强制度建设"), Some(2));
    assert!(!x.text.contains("[bookmark"));
}

#[test]
fn tracked_changes_are_accepted_and_notes_kept_apart() {
    let x = extract("tracked_003.docx");
    assert!(
        !x.text.contains("此句已删除的旧表述"),
        "deleted run dropped"
    );
    assert_eq!(
        x.text.trim(),
        expected_text("tracked_003.docx").trim(),
        "inserted run kept in place"
    );
    assert_eq!(x.notes, ["注：本报告数据统计截至当年12月31日。"]);
    assert!(!x.text.contains("注：本报告数据"));
}

#[test]
fn tables_are_rows_of_cells_and_headers_footers_fields_are_left_out() {
    let x = extract("tracked_003.docx");
    assert!(
        x.text.lines().any(|l| l == "行政复议案件\t12件"),
        "{}",
        x.text
    );
    assert!(!x.text.contains("页眉"));
    assert!(!x.text.contains("PAGE"));
    // The title is in a text box with a VML fallback: read exactly once.
    let title = expected_text("tracked_003.docx")
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(x.text.matches(title.as_str()).count(), 1);
    assert!(x.text.starts_with(&title));
}

#[test]
fn libreoffice_keeps_the_footnote_apart_and_the_tracked_changes_accepted() {
    let x = extract("lo_tracked_003.docx");
    assert_eq!(x.notes, ["注：本报告数据统计截至当年12月31日。"]);
    assert!(!x.text.contains("此句已删除的旧表述"));
}
