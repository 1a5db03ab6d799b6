//! Scores the parser on hand-annotated fixtures it was NOT written against
//! (`tests/unseen/*.txt` + gold `*.json`, same format as the shared corpus),
//! holds it to the project's thresholds, and checks per-fixture must-haves
//! for the heading, header and quantity variants each fixture exercises.

use crate::common;

use std::path::Path;

use fazhi_core::{AgencyKind, ParsedReport, Part, Qualifier, eval};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/unseen");

fn load() -> Vec<(Value, ParsedReport)> {
    let pairs = common::load_gold_dir(Path::new(DIR));
    assert!(pairs.len() >= 8, "expected at least 8 fixtures in {DIR}");
    pairs
}

fn fixture<'a>(pairs: &'a [(Value, ParsedReport)], prefix: &str) -> &'a ParsedReport {
    let found = pairs
        .iter()
        .find(|(g, _)| g["file"].as_str().is_some_and(|f| f.starts_with(prefix)));
    &found
        .unwrap_or_else(|| panic!("fixture {prefix} present"))
        .1
}

fn parts(r: &ParsedReport) -> Vec<&'static str> {
    common::parsed_parts(r)
}

fn codes(r: &ParsedReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.code.as_str()).collect()
}

fn has_q(r: &ParsedReport, value: f64, unit: &str, q: Qualifier) -> bool {
    r.quantities
        .iter()
        .any(|x| (x.value - value).abs() < 1e-6 && x.unit == unit && x.qualifier == q)
}

#[test]
fn parser_meets_the_thresholds_on_unseen_reports() {
    let scores = eval::score(&load());
    println!("{scores}");
    let shortfalls = scores.shortfalls();
    assert!(shortfalls.is_empty(), "{}", shortfalls.join("; "));
}

#[test]
fn every_fixture_has_exactly_the_gold_parts_in_document_order() {
    for (gold, parsed) in &load() {
        assert_eq!(parts(parsed), eval::gold_parts(gold), "{}", gold["file"]);
    }
}

#[test]
fn cover_letter_wrapper_and_its_date() {
    let pairs = load();
    let r = fixture(&pairs, "u01");
    assert_eq!(
        r.title.as_deref(),
        Some("长沙市岳麓区司法局2023年度法治政府建设情况报告")
    );
    assert_eq!(
        r.year,
        Some(2023),
        "the cover letter's 2024 date is not the year"
    );
    assert_eq!(
        r.published.as_deref(),
        Some("2024-02-26"),
        "cover-letter sign-off"
    );
    assert!(has_q(r, 3000.0, "个", Qualifier::MoreThan), "逾3000个");
    assert!(has_q(r, 120.0, "件", Qualifier::Exact), "一百二十件");
    assert!(
        !r.quantities.iter().any(|q| q.value == 50.0),
        "plans are not quantities"
    );
}

#[test]
fn topical_headings_only_give_measures_and_the_finding() {
    let pairs = load();
    let r = fixture(&pairs, "u02");
    assert_eq!(parts(r), vec!["measures"]);
    assert_eq!(r.sections[0].heading, "");
    assert!(
        codes(r).contains(&"no_statutory_headings"),
        "{:?}",
        codes(r)
    );
    assert_eq!(r.agency_kind, Some(AgencyKind::Street));
    assert!(has_q(r, 2000.0, "人次", Qualifier::AtLeast), "两千余人次");
    assert!(has_q(r, 11.0, "次", Qualifier::Exact), "十一次");
    assert!(!r.quantities.iter().any(|q| q.value == 1.0), "浏览量:1");
    assert_eq!(r.published.as_deref(), Some("2024-03-18"), "发布时间 row");
}

#[test]
fn first_responsibility_as_an_item_is_not_a_part() {
    let pairs = load();
    let r = fixture(&pairs, "u03");
    assert!(!r.has_part(Part::LeaderDuty));
    let m = r
        .sections
        .iter()
        .find(|s| s.part == Part::Measures)
        .expect("measures");
    assert_eq!(m.items.len(), 5);
    assert!(has_q(r, 12000.0, "户", Qualifier::Exact), "１．２万户");
    assert!(has_q(r, 350.0, "万元", Qualifier::Approx), "350万元左右");
}

#[test]
fn metadata_widget_and_leader_duty_first() {
    let pairs = load();
    let r = fixture(&pairs, "u04");
    assert_eq!(r.year, Some(2023), "the date widget's 2024 is not the year");
    assert_eq!(r.published.as_deref(), Some("2024-03-25"));
    assert_eq!(r.agency_kind, Some(AgencyKind::DistrictGovernment));
    assert!(codes(r).contains(&"parts_out_of_order"));
    assert!(has_q(r, 3.5, "亿元", Qualifier::Exact));
    for bad in [5.0, 12.0, 12345.0] {
        assert!(!r.quantities.iter().any(|q| q.value == bad), "{bad}");
    }
}

#[test]
fn three_part_report() {
    let pairs = load();
    let r = fixture(&pairs, "u05");
    assert_eq!(parts(r), vec!["measures", "shortcomings", "next_year"]);
    assert!(has_q(r, 5.0, "件", Qualifier::UpTo), "5件以内");
    assert!(has_q(r, 2.0, "%", Qualifier::UpTo), "不超过2%");
}

#[test]
fn agency_named_only_in_the_opening_and_two_top_ones() {
    let pairs = load();
    let r = fixture(&pairs, "u06");
    assert_eq!(r.agency.as_deref(), Some("郑州市金水区发展和改革委员会"));
    assert!(r.has_part(Part::LeaderDuty), "法治建设责任制工作情况");
    assert!(r.has_part(Part::Shortcomings), "second 一、");
}

#[test]
fn gb18030_split_title_and_split_measures() {
    let pairs = load();
    let r = fixture(&pairs, "u07");
    assert_eq!(
        r.title.as_deref(),
        Some("青岛市市北区人民政府关于2023年度法治政府建设情况的报告")
    );
    assert_eq!(r.agency.as_deref(), Some("青岛市市北区人民政府"));
    let m: Vec<_> = r
        .sections
        .iter()
        .filter(|s| s.part == Part::Measures)
        .collect();
    assert_eq!(m.len(), 1, "主要成效 + 主要做法 are one measures section");
    assert_eq!(m[0].items.len(), 5);
    assert!(has_q(r, 300_000.0, "户", Qualifier::MoreThan), "突破30万户");
}

#[test]
fn highlights_and_non_quantities() {
    let pairs = load();
    let r = fixture(&pairs, "u08");
    assert!(r.has_part(Part::Measures), "亮点工作");
    assert!(has_q(r, 268000.0, "件", Qualifier::Exact));
    assert!(has_q(r, 2.1, "个百分点", Qualifier::Exact));
    for bad in [3.0, 12345.0] {
        assert!(
            !r.quantities.iter().any(|q| q.value == bad && q.unit != "%"),
            "{bad}"
        );
    }
}

#[test]
fn office_of_the_district_government_is_a_department() {
    let pairs = load();
    let r = fixture(&pairs, "u09");
    assert_eq!(r.agency_kind, Some(AgencyKind::Department));
    let m = r
        .sections
        .iter()
        .find(|s| s.part == Part::Measures)
        .expect("measures");
    assert_eq!(m.items.len(), 4);
}

#[test]
fn year_inferred_past_plan_periods_and_drafting_month() {
    let pairs = load();
    let r = fixture(&pairs, "u10");
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.agency_kind, Some(AgencyKind::Town));
    assert!(has_q(r, 200.0, "次", Qualifier::AtLeast), "二百余次");
    assert!(has_q(r, 300.0, "人", Qualifier::Approx), "300人左右");
}

#[test]
fn no_title_agency_from_metadata_and_run_in_part_heading() {
    let pairs = load();
    let r = fixture(&pairs, "u11");
    assert_eq!(r.title, None);
    assert_eq!(r.agency.as_deref(), Some("厦门市思明区城市管理行政执法局"));
    assert_eq!(r.year, Some(2023));
    let s = r
        .sections
        .iter()
        .find(|s| s.part == Part::Shortcomings)
        .expect("shortcomings");
    assert_eq!(s.heading, "三、存在的不足和原因");
    assert_eq!(s.items.len(), 2, "一是/二是 on the run-in heading line");
    assert!(has_q(r, 500.0, "万元", Qualifier::MoreThan), "突破500万元");
    assert!(has_q(r, 95.0, "%", Qualifier::Exact), "百分之九十五");
    assert!(!r.quantities.iter().any(|q| q.value == 2.0), "排名第2");
}

#[test]
fn unnumbered_part_headings_and_agency_line_above_title() {
    let pairs = load();
    let r = fixture(&pairs, "u12");
    assert_eq!(
        parts(r),
        vec![
            "measures",
            "shortcomings",
            "leader_duty",
            "next_year",
            "other"
        ]
    );
    assert_eq!(r.agency.as_deref(), Some("天津市和平区小白楼街道办事处"));
    assert_eq!(r.agency_kind, Some(AgencyKind::Street));
    assert!(has_q(r, 12.0, "场", Qualifier::Exact), "十二场");
}
