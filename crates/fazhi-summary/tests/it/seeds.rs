//! The five seed reports, parsed as the gold corpus annotates them.

use std::path::{Path, PathBuf};

use fazhi_core::{ParsedReport, Part, Qualifier, QuantityKind};
use fazhi_summary::{Agency, DistrictSummary, consolidate};
use serde_json::Value;

use crate::build::{Q, agency, input, parsed};
use crate::synthetic::indicator;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

pub struct Seed {
    pub agency: Agency,
    pub submission_id: String,
    pub text: String,
    pub parsed: ParsedReport,
}

fn qualifier(s: &str) -> Qualifier {
    match s {
        "at_least" => Qualifier::AtLeast,
        "more_than" => Qualifier::MoreThan,
        "approx" => Qualifier::Approx,
        "up_to" => Qualifier::UpTo,
        _ => Qualifier::Exact,
    }
}

fn kind(s: &str) -> QuantityKind {
    match s {
        "rate" => QuantityKind::Rate,
        "change" => QuantityKind::Change,
        _ => QuantityKind::Count,
    }
}

/// The seeds, or `None` (with a message) when shared/ is absent outside CI.
pub fn seeds() -> Option<Vec<Seed>> {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "gold corpus missing at {CORPUS}"
        );
        eprintln!("skipping: gold corpus not found at {CORPUS}");
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&f).expect("read gold"))
            .expect("gold json");
        let text_path = dir.join(gold["file"].as_str().expect("file"));
        let text = std::fs::read_to_string(&text_path).expect("read seed");
        let stem = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("x")
            .to_owned();
        let sections: Vec<(Part, &str, Vec<&str>)> = gold["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .map(|s| {
                (
                    Part::from_code(s["part"].as_str().expect("part")).expect("known part"),
                    s["heading"].as_str().expect("heading"),
                    s["items"]
                        .as_array()
                        .expect("items")
                        .iter()
                        .map(|i| i.as_str().expect("item"))
                        .collect(),
                )
            })
            .collect();
        let quantities: Vec<Q<'_>> = gold["quantities"]
            .as_array()
            .expect("quantities")
            .iter()
            .map(|q| Q {
                text: q["text"].as_str().expect("text"),
                value: q["value"].as_f64().expect("value"),
                unit: q["unit"].as_str().expect("unit"),
                qualifier: qualifier(q["qualifier"].as_str().expect("qualifier")),
                kind: kind(q["kind"].as_str().expect("kind")),
                what: q["what"].as_str().expect("what"),
            })
            .collect();
        let p = parsed(&text, &sections, &quantities);
        let name = gold["agency"].as_str().map_or_else(
            || format!("某局（{}）", &stem[..3.min(stem.len())]),
            str::to_owned,
        );
        out.push(Seed {
            agency: agency(&stem, &name),
            submission_id: format!("sub-{stem}"),
            parsed: p,
            text,
        });
    }
    Some(out)
}

pub fn seed_summary(seeds: &[Seed]) -> (Vec<Agency>, DistrictSummary) {
    let mut roster: Vec<Agency> = seeds.iter().map(|s| s.agency.clone()).collect();
    roster.push(agency("999", "未报送单位"));
    let inputs: Vec<_> = seeds
        .iter()
        .map(|s| input(&s.agency, &s.submission_id, &s.text, &s.parsed))
        .collect();
    let summary = consolidate("示例区", 2023, &roster, &inputs);
    (roster, summary)
}

#[test]
fn seed_totals_match_hand_computed_values() {
    let Some(seeds) = seeds() else { return };
    let (_, s) = seed_summary(&seeds);
    assert_eq!((s.reporting.expected, s.reporting.actual), (6, 5));

    // 普法及法治宣传活动, 场: 002 20余场 + 003 70余场 + 003 250余场 + 004 22场.
    let t = indicator(&s, "publicity_events", "场");
    assert_eq!(
        (t.value, t.qualifier),
        (Some(362.0), Some(Qualifier::AtLeast)),
        "{t:#?}"
    );
    assert_eq!(t.sources.len(), 4);
    assert_eq!(t.agencies_count, 3);

    // 法治培训及讲座, 场: 004 律师讲座34场 + 法治培训11场; 次: 004 2次讲座 + 1次旁听.
    assert_eq!(indicator(&s, "legal_training", "场").value, Some(45.0));
    assert_eq!(indicator(&s, "legal_training", "次").value, Some(3.0));
    assert_eq!(indicator(&s, "legal_training", "批次").value, Some(16.0));
    assert_eq!(indicator(&s, "legal_training", "期").value, Some(15.0));

    // 宣传资料, 份: 002 6000余份 + 004 10万余份.
    let t = indicator(&s, "publicity_materials", "份");
    assert_eq!(
        (t.value, t.qualifier),
        (Some(106_000.0), Some(Qualifier::AtLeast))
    );

    // 信访 件: 000 300余件 + 002 网上信访247件 (the handed-down breakdown stays out).
    let t = indicator(&s, "petitions_received", "件");
    assert_eq!(
        (t.value, t.qualifier),
        (Some(547.0), Some(Qualifier::AtLeast)),
        "{t:#?}"
    );
    assert_eq!(indicator(&s, "petitions_resolved", "件").value, Some(255.0)); // 13 + 242

    // 人民调解成功率: recomputed 36/42, and the stated 85.7%.
    let t = indicator(&s, "mediation_success_rate", "%");
    assert_eq!(t.value, Some(85.7));
    assert_eq!(t.agencies_count, 1);
    // 出庭应诉率: one stated rate.
    let t = indicator(&s, "court_appearance_rate", "%");
    assert_eq!(
        (t.value, t.min, t.max, t.agencies_count),
        (Some(100.0), Some(100.0), Some(100.0), 1)
    );

    for (code, unit, v) in [
        ("normative_documents", "件", 111.0),
        ("proposals", "件", 366.0),
        ("audits", "项", 32.0),
        ("disclosure_active", "条", 6422.0),
        ("disclosure_requests", "件", 325.0),
        ("legal_consultation", "人次", 38253.0),
        ("enforcement_exam", "人次", 173.0),
        ("reconsideration_and_litigation", "件", 530.0),
        ("leader_study", "次", 4.0),
    ] {
        assert_eq!(indicator(&s, code, unit).value, Some(v), "{code}");
    }
    // Nothing is dropped: every quantity is in a total or in other_quantities.
    let in_totals: usize = s.indicators.iter().map(|t| t.sources.len()).sum::<usize>()
        + s.other_quantities
            .iter()
            .map(|t| t.sources.len())
            .sum::<usize>();
    let all: usize = seeds.iter().map(|x| x.parsed.quantities.len()).sum();
    assert_eq!(in_totals, all);
}

#[test]
fn seed_items_are_classified_and_grouped() {
    let Some(seeds) = seeds() else { return };
    let (_, s) = seed_summary(&seeds);
    let theme = |code: &str| s.themes.iter().find(|t| t.code == code).expect("theme");
    assert!(
        theme("publicity").agencies.len() >= 3,
        "{:#?}",
        theme("publicity").agencies
    );
    assert!(
        theme("disputes")
            .agencies
            .iter()
            .any(|a| a.name == "西营门街")
    );
    assert!(
        theme("emergency")
            .agencies
            .iter()
            .any(|a| a.name == "北京市石景山区人民政府")
    );
    let measures: usize = seeds
        .iter()
        .flat_map(|x| &x.parsed.sections)
        .filter(|sec| sec.part == Part::Measures)
        .map(|sec| sec.items.len())
        .sum();
    let listed: usize = s
        .themes
        .iter()
        .flat_map(|t| &t.items)
        .filter(|i| i.part == Part::Measures && i.primary)
        .count();
    assert_eq!(
        listed, measures,
        "every measures item has exactly one primary chapter"
    );
    assert!(!s.shortcomings.is_empty());
    assert!(!s.plans.is_empty());
    let grouped: usize = s.shortcomings.iter().map(|g| g.items.len()).sum();
    assert_eq!(grouped, 13, "2+2+3+3+3 shortcomings, none lost");
    assert_eq!(s.leader_duty.len(), 5);
    assert!(s.other_matters.is_empty(), "seed `other` parts say 无");
}
