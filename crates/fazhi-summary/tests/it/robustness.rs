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
        // More than the text holds.
        marker_chars: 9,
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

/// Every prefix of every sample report (cut anywhere, even mid-sentence),
/// read by the real parser: consolidation never panics, and the verifier
/// finds a derivation for every number of every draft.
#[test]
fn cut_reports_consolidate_and_every_number_verifies() {
    let mut texts: Vec<String> = Vec::new();
    for dir in [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/haitang"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/yunxi"),
    ] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "txt")
                && let Ok(t) = std::fs::read_to_string(e.path())
            {
                texts.push(t);
            }
        }
    }
    assert!(texts.len() >= 21);
    let a = crate::build::agency("a", "甲局");
    let mut runs = 0;
    for t in &texts {
        let chars: Vec<char> = t.chars().collect();
        for cut in (0..chars.len())
            .step_by(199)
            .chain(std::iter::once(chars.len()))
        {
            let prefix: String = chars[..cut].iter().collect();
            let parsed = fazhi_core::parse_text(&prefix, &fazhi_core::ParseOptions::default());
            let s = fazhi_summary::consolidate(
                "测试区",
                2023,
                std::slice::from_ref(&a),
                &[crate::build::input(&a, "s", &prefix, &parsed)],
            );
            assert!(
                s.verification.passed,
                "cut at {cut}: {:#?}",
                s.verification.failures
            );
            let _ = fazhi_summary::render_docx(&s);
            runs += 1;
        }
    }
    assert!(runs > 150, "{runs} runs");
}
