//! The incremental aggregate against the full rebuild: after any sequence of
//! add / replace / withdraw, `DistrictAggregate::summary` serializes to the
//! same bytes as `assemble` over the contributions that remain.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use fazhi_core::{ParseOptions, Part, parse_text};
use fazhi_summary::{
    Agency, Change, DistrictAggregate, Filed, ReportContribution, ReportInput, assemble,
    contribution,
};
use proptest::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
/// Agencies 0..ROSTERED are on the roster, the others report from outside it.
const AGENCIES: usize = 10;
const ROSTERED: usize = 8;
const VERSIONS: usize = 3;

fn texts() -> &'static Vec<String> {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let mut files: Vec<_> = ["haitang", "qinghe", "yunxi"]
            .iter()
            .flat_map(|d| std::fs::read_dir(Path::new(FIXTURES).join(d)).expect("fixtures"))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("read fixture"))
            .collect()
    })
}

fn agency(i: usize) -> Agency {
    Agency {
        code: format!("a{i:02}"),
        name: format!("第{i}局"),
        kind: Some(if i == 0 {
            fazhi_core::AgencyKind::DistrictGovernment
        } else {
            fazhi_core::AgencyKind::Department
        }),
    }
}

fn roster() -> Vec<Agency> {
    (0..ROSTERED).map(agency).collect()
}

/// Numbers other than years shifted by `by`, so versions differ in totals.
fn shift_numbers(text: &str, by: u64) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        match run.parse::<u64>() {
            Ok(v) if !(run.len() == 4 && run.starts_with("20")) => {
                out.push_str(&(v + by).to_string())
            }
            _ => out.push_str(run),
        }
        run.clear();
    };
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            run.push(ch);
        } else {
            flush(&mut run, &mut out);
            out.push(ch);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Agency `a`'s report in version `v`: agencies six apart share a fixture,
/// so identical and near wordings across units occur, as in a real district.
fn pool() -> &'static Vec<Vec<ReportContribution>> {
    static POOL: OnceLock<Vec<Vec<ReportContribution>>> = OnceLock::new();
    POOL.get_or_init(|| {
        let texts = texts();
        (0..AGENCIES)
            .map(|a| {
                (0..VERSIONS)
                    .map(|v| {
                        let text =
                            shift_numbers(&texts[(a % 6 + 6 * (v / 2)) % texts.len()], v as u64);
                        let parsed = parse_text(&text, &ParseOptions::default());
                        let mut c = contribution(&ReportInput {
                            agency: agency(a),
                            submission_id: format!("s-{a}-{v}"),
                            submitted_at: "2024-02-01T08:00:00Z".to_owned(),
                            on_time: (a + v) % 3 != 0,
                            text: &text,
                            parsed: &parsed,
                        });
                        reword(&mut c, a, v);
                        c
                    })
                    .collect()
            })
            .collect()
    })
}

/// Wordings no concept of the catalog claims, in near pairs (our own).
const FREE: [&str; 6] = [
    "档案整理归档不够及时",
    "档案整理归档工作不够及时",
    "办公用房维修进度偏慢",
    "办公用房维修改造进度偏慢",
    "公务车辆调度管理不够精细",
    "车辆调度管理不够精细",
];

/// Version 1 words its shortcomings and plans with [`FREE`], so that near
/// but unequal wordings without a concept meet across units.
fn reword(c: &mut ReportContribution, a: usize, v: usize) {
    if v != 1 {
        return;
    }
    for (k, i) in c.items.iter_mut().enumerate() {
        if matches!(i.part, Part::Shortcomings | Part::NextYear) {
            i.label = FREE[(a + k) % FREE.len()].to_owned();
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    Upsert(usize, usize),
    Remove(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..AGENCIES, 0..VERSIONS).prop_map(|(a, v)| Op::Upsert(a, v)),
        1 => (0..AGENCIES).prop_map(Op::Remove),
    ]
}

fn rebuilt(model: &BTreeMap<usize, ReportContribution>) -> String {
    let cs: Vec<ReportContribution> = model.values().cloned().collect();
    serde_json::to_string(&assemble("测试区", 2023, &roster(), &cs)).expect("serialize")
}

fn incremental(agg: &DistrictAggregate) -> String {
    serde_json::to_string(&agg.summary()).expect("serialize")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_changes_equals_a_rebuild_from_scratch(
        ops in proptest::collection::vec(op(), 1..24),
        reload_at in 0usize..24,
    ) {
        let mut agg = DistrictAggregate::new("测试区", 2023, &roster());
        let mut model: BTreeMap<usize, ReportContribution> = BTreeMap::new();
        // What the store keeps: one filed row per agency, as JSON.
        let mut rows: BTreeMap<usize, String> = BTreeMap::new();
        for (k, o) in ops.iter().enumerate() {
            match *o {
                Op::Upsert(a, v) => {
                    let c = pool()[a][v].clone();
                    model.insert(a, c.clone());
                    let filed = Filed::new(c.clone());
                    rows.insert(a, serde_json::to_string(&filed).expect("serialize filed"));
                    agg.apply(Change::Upsert(Box::new(c)));
                }
                Op::Remove(a) => {
                    model.remove(&a);
                    rows.remove(&a);
                    agg.apply(Change::Remove(agency(a).code));
                }
            }
            // What the store would keep between two transactions.
            if k == reload_at {
                let json = serde_json::to_string(&agg).expect("serialize aggregate");
                agg = serde_json::from_str(&json).expect("deserialize aggregate");
            }
        }
        prop_assert_eq!(agg.len(), model.len());
        let expected = rebuilt(&model);
        prop_assert_eq!(incremental(&agg), expected.clone());
        // Loaded from the rows, in the database's (any) order.
        let filed: Vec<Filed> = rows
            .values()
            .rev()
            .map(|j| serde_json::from_str(j).expect("deserialize filed"))
            .collect();
        let loaded = DistrictAggregate::from_filed("测试区", 2023, &roster(), filed);
        prop_assert_eq!(incremental(&loaded), expected);
    }
}

#[test]
fn a_district_filled_then_emptied_one_report_at_a_time_matches_at_every_step() {
    let mut agg = DistrictAggregate::new("测试区", 2023, &roster());
    let mut model = BTreeMap::new();
    for a in 0..AGENCIES {
        let c = pool()[a][a % VERSIONS].clone();
        model.insert(a, c.clone());
        agg.apply(Change::Upsert(Box::new(c)));
        assert_eq!(incremental(&agg), rebuilt(&model), "after adding {a}");
    }
    let full = agg.summary();
    assert_eq!(full.submitted, ROSTERED + (AGENCIES - ROSTERED));
    assert_eq!(full.reporting.outside_roster, AGENCIES - ROSTERED);
    assert!(!full.shortcomings.is_empty(), "fixtures carry shortcomings");
    for a in (0..AGENCIES).rev() {
        model.remove(&a);
        agg.apply(Change::Remove(agency(a).code));
        assert_eq!(incremental(&agg), rebuilt(&model), "after withdrawing {a}");
    }
    assert_eq!(agg.summary().submitted, 0);
}

#[test]
fn identical_wordings_of_many_units_form_one_group_counting_each_unit() {
    // Every unit sends the same report: each shortcoming's group holds them all.
    let base = &pool()[1][0];
    let mut agg = DistrictAggregate::new("测试区", 2023, &roster());
    let mut cs = Vec::new();
    for a in 0..ROSTERED {
        let mut c = base.clone();
        c.agency = agency(a);
        c.coverage.agency = agency(a);
        c.submission_id = format!("same-{a}");
        agg.apply(Change::Upsert(Box::new(c.clone())));
        cs.push(c);
    }
    let s = agg.summary();
    assert!(
        s.shortcomings.iter().all(|g| g.agencies_count == ROSTERED),
        "{:?}",
        s.shortcomings
            .iter()
            .map(|g| g.agencies_count)
            .collect::<Vec<_>>()
    );
    assert_eq!(s, assemble("测试区", 2023, &roster(), &cs));
}

#[test]
fn the_free_wordings_are_claimed_by_no_concept() {
    // Otherwise the property test would not exercise similarity links.
    for w in FREE {
        assert_eq!(fazhi_summary::grouping::concept_of(w), None, "{w}");
    }
}

#[test]
fn a_stored_aggregate_from_another_catalog_version_is_rekeyed_on_load() {
    let mut agg = DistrictAggregate::new("测试区", 2023, &roster());
    let mut model = BTreeMap::new();
    for a in 0..AGENCIES {
        let c = pool()[a][(a + 1) % VERSIONS].clone();
        model.insert(a, c.clone());
        agg.apply(Change::Upsert(Box::new(c)));
    }
    // As stored by an older build: another version, keys that no longer fit.
    let mut stored = serde_json::to_value(&agg).expect("serialize");
    stored["data_version"] = serde_json::json!(0);
    for r in stored["reports"].as_array_mut().expect("reports") {
        for k in r["keys"].as_array_mut().expect("keys") {
            if !k.is_null() {
                *k = serde_json::json!({ "concept": "retired_concept" });
            }
        }
    }
    let loaded: DistrictAggregate = serde_json::from_value(stored).expect("deserialize");
    assert_eq!(incremental(&loaded), rebuilt(&model));
}
