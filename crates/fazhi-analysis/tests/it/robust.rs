use fazhi_analysis::copying::{CopyAnalysis, CopyConfig, CopyInput, detect};
use fazhi_core::{ParseOptions, ParsedReport, Part, Section, parse_text};
use fazhi_summary::model::AgencyRef;

fn agency(code: &str) -> AgencyRef {
    AgencyRef {
        code: code.into(),
        name: code.into(),
    }
}

#[test]
fn independent_real_reports_share_almost_nothing_but_boilerplate() {
    let dir = "/work/shared/seeds";
    let Ok(entries) = std::fs::read_dir(dir) else {
        // The seeds live outside the repository; the synthetic tests cover the logic.
        return;
    };
    let mut texts: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    texts.sort();
    let parsed: Vec<ParsedReport> = texts
        .iter()
        .map(|t| parse_text(t, &ParseOptions::default()))
        .collect();
    // Five units of five districts, treated as one year: none copied another.
    let inputs: Vec<CopyInput<'_>> = texts
        .iter()
        .zip(&parsed)
        .enumerate()
        .map(|(i, (t, p))| CopyInput {
            agency: agency(&format!("seed{i}")),
            submission_id: format!("s{i}"),
            year: 2023,
            text: t,
            parsed: p,
        })
        .collect();
    let c = detect(2023, &inputs, &CopyConfig::default());
    assert_eq!(c.reports.len(), texts.len());
    for r in &c.reports {
        assert!(r.sentences > 20, "{r:?}");
        assert!(
            r.copied_share < 0.05,
            "{}: {}",
            r.agency.code,
            r.copied_share
        );
    }
}

#[test]
fn offsets_beyond_the_text_and_odd_characters_never_panic() {
    let text = "一、主要举措和成效\n𠀀𠀁😀。。；\u{0}\r\n1234567890，１２３。";
    let parsed = ParsedReport {
        sections: vec![
            Section {
                part: Part::Measures,
                heading: String::new(),
                start: 3,
                end: 10_000,
                items: Vec::new(),
            },
            Section {
                part: Part::Other,
                heading: String::new(),
                start: 9_000,
                end: 2,
                items: Vec::new(),
            },
        ],
        ..ParsedReport::default()
    };
    let inputs = [
        CopyInput {
            agency: agency("a"),
            submission_id: "a".into(),
            year: 2024,
            text,
            parsed: &parsed,
        },
        CopyInput {
            agency: agency("a"),
            submission_id: "a0".into(),
            year: 2023,
            text: "",
            parsed: &ParsedReport::default(),
        },
    ];
    let c = detect(2024, &inputs, &CopyConfig::default());
    assert_eq!(c.reports.len(), 1);
    assert_eq!(c.reports[0].copied_share, 0.0);
    assert_eq!(
        detect(2024, &[], &CopyConfig::default()),
        CopyAnalysis {
            year: 2024,
            ..CopyAnalysis::default()
        }
    );
}

#[test]
fn outputs_round_trip_through_json_for_storage() {
    let (a, b) = (
        crate::season::Season::load(2023),
        crate::season::Season::load(2024),
    );
    let r = fazhi_analysis::plans::review(2023, &a.contributions(), 2024, &b.contributions());
    let json = serde_json::to_string(&r).expect("serialize");
    let back: fazhi_analysis::plans::PlanReview = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, r);
    assert!(json.contains("\"status\":\"not_visible\""));
}
