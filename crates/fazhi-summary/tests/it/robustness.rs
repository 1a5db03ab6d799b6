//! No panics, whatever the parse says.

use fazhi_core::{Item, ParsedReport, Part, Qualifier, Quantity, QuantityKind, Section};
use fazhi_summary::{consolidate, render_docx};

use crate::build::{agency, input};

#[test]
fn absurd_spans_and_values_do_not_panic() {
    let text = "一、主要举措和成效\n开展法治宣传活动20余场。𝄞多字节";
    let bad_q = |start, end, value| Quantity {
        text: "法治宣传活动20余场".into(),
        value,
        unit: "场".into(),
        qualifier: Qualifier::AtLeast,
        kind: QuantityKind::Count,
        what: "法治宣传活动".into(),
        start,
        end,
        // Absurd sentence spans too.
        sentence_start: end,
        sentence_end: usize::MAX,
    };
    let item = |start, end| Item {
        title: Some("（一）".into()),
        text: "𝄞".into(),
        start,
        end,
    };
    let parsed = ParsedReport {
        sections: vec![
            Section {
                part: Part::Measures,
                heading: "一、主要举措和成效".into(),
                start: 0,
                end: 10_000,
                items: vec![item(50, 3), item(1000, 2000), item(0, 0)],
            },
            Section {
                part: Part::Shortcomings,
                heading: "不在文中".into(),
                start: 30,
                end: 5,
                items: vec![],
            },
            Section {
                part: Part::LeaderDuty,
                heading: "".into(),
                start: 9999,
                end: 99_999,
                items: vec![],
            },
            Section {
                part: Part::Other,
                heading: "".into(),
                start: 0,
                end: usize::MAX,
                items: vec![item(usize::MAX - 1, usize::MAX)],
            },
        ],
        quantities: vec![
            bad_q(5, 2, 20.0),
            bad_q(1000, 1010, 5.0),
            bad_q(0, usize::MAX, f64::NAN),
            bad_q(usize::MAX, usize::MAX, f64::INFINITY),
        ],
        ..ParsedReport::default()
    };
    let a = agency("a", "甲局");
    let s = consolidate(
        "测试区",
        2023,
        std::slice::from_ref(&a),
        &[input(&a, "s", text, &parsed)],
    );
    assert!(!s.draft_markdown.is_empty());
    assert!(!render_docx(&s).is_empty());
    serde_json::to_string(&s).expect("serializes");
}

#[test]
fn an_empty_district_still_has_a_draft() {
    let s = consolidate("测试区", 2023, &[], &[]);
    assert_eq!(s.reporting.rate, None);
    assert!(s.draft_markdown.contains("一、主要举措和成效"));
    let empty = ParsedReport::default();
    let a = agency("a", "甲局");
    let s = consolidate(
        "测试区",
        2023,
        std::slice::from_ref(&a),
        &[input(&a, "s", "", &empty)],
    );
    assert_eq!(s.submitted, 1);
    assert!(!render_docx(&s).is_empty());
}
