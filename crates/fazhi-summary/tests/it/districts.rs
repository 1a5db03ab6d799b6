//! Synthetic districts of ten or more units written in varied styles
//! (`tests/fixtures/<district>/*.txt`, our own wording), read by the real
//! parser, checked against the hand-computed `expected.toml` beside them.

use std::path::{Path, PathBuf};

use fazhi_core::{AgencyKind, ParseOptions, Qualifier, parse_text};
use fazhi_summary::{Agency, DistrictSummary, Role, consolidate};
use serde::Deserialize;

use crate::build::input;
use crate::synthetic::indicator;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

#[derive(Deserialize)]
struct Expected {
    district: String,
    year: i32,
    indicators: usize,
    total: Vec<Total>,
    apart: Vec<Apart>,
    duty: Vec<Duty>,
    says: Vec<String>,
    never: Vec<String>,
}

#[derive(Deserialize)]
struct Total {
    code: String,
    unit: String,
    value: f64,
    qualifier: Qualifier,
    sources: usize,
}

#[derive(Deserialize)]
struct Apart {
    code: String,
    unit: String,
    values: Vec<f64>,
    roles: Vec<Role>,
}

#[derive(Deserialize)]
struct Duty {
    kind: String,
    units: usize,
    count: Option<f64>,
}

pub struct District {
    pub texts: Vec<(String, String)>,
    pub summary: DistrictSummary,
}

fn kind_of(name: &str) -> AgencyKind {
    if name.ends_with("区人民政府") {
        AgencyKind::DistrictGovernment
    } else if name.ends_with("街道办事处") {
        AgencyKind::Street
    } else if name.ends_with("镇人民政府") {
        AgencyKind::Town
    } else {
        AgencyKind::Department
    }
}

/// Parse every report of a fixture directory and consolidate them.
pub fn load(dir: &Path, district: &str, year: i32) -> District {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let stem = f
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("x")
                .to_owned();
            (stem, std::fs::read_to_string(f).expect("read fixture"))
        })
        .collect();
    let options = ParseOptions {
        expected_year: Some(year),
        ..ParseOptions::default()
    };
    let parses: Vec<_> = texts.iter().map(|(_, t)| parse_text(t, &options)).collect();
    let roster: Vec<Agency> = texts
        .iter()
        .zip(&parses)
        .map(|((stem, _), p)| {
            let name = p
                .agency
                .clone()
                .unwrap_or_else(|| format!("未署名单位{stem}"));
            Agency {
                code: stem.clone(),
                kind: Some(kind_of(&name)),
                name,
            }
        })
        .collect();
    let inputs: Vec<_> = roster
        .iter()
        .zip(texts.iter().zip(&parses))
        .map(|(a, ((stem, t), p))| input(a, &format!("sub-{stem}"), t, p))
        .collect();
    let summary = consolidate(district, year, &roster, &inputs);
    District {
        texts: texts
            .into_iter()
            .map(|(stem, t)| (format!("sub-{stem}"), t))
            .collect(),
        summary,
    }
}

fn expected(dir: &Path) -> Expected {
    let text = std::fs::read_to_string(dir.join("expected.toml")).expect("expected.toml");
    toml::from_str(&text).expect("expected.toml parses")
}

fn check_district(name: &str) {
    let dir = Path::new(FIXTURES).join(name);
    let e = expected(&dir);
    let d = load(&dir, &e.district, e.year);
    let s = &d.summary;
    assert!(
        d.texts.len() >= 10,
        "{name}: a district of ten or more units"
    );
    for t in &e.total {
        let got = indicator(s, &t.code, &t.unit);
        assert_eq!(
            (got.value, got.qualifier, got.sources.len()),
            (Some(t.value), Some(t.qualifier), t.sources),
            "{name}: {} in {}: {:#?}",
            t.code,
            t.unit,
            got.sources
        );
    }
    assert_eq!(
        s.indicators.len(),
        e.indicators,
        "{name}: {:?}",
        s.indicators
            .iter()
            .map(|t| (&t.code, &t.unit, t.value))
            .collect::<Vec<_>>()
    );
    for a in &e.apart {
        let got = indicator(s, &a.code, &a.unit);
        let values: Vec<f64> = got.apart.iter().map(|x| x.value).collect();
        let roles: Vec<Role> = got.apart.iter().map(|x| x.role).collect();
        assert_eq!(
            (&values, &roles),
            (&a.values, &a.roles),
            "{name}: apart of {}",
            a.code
        );
    }
    for duty in &e.duty {
        let units = s
            .duty_facts
            .iter()
            .filter(|x| x.facts.iter().any(|f| f.kind == duty.kind))
            .count();
        assert_eq!(units, duty.units, "{name}: units with {}", duty.kind);
        if let Some(count) = duty.count {
            let sum: f64 = s
                .duty_facts
                .iter()
                .flat_map(|x| &x.facts)
                .filter(|f| f.kind == duty.kind)
                .filter_map(|f| f.count.as_ref().map(|q| q.value))
                .sum();
            assert_eq!(sum, count, "{name}: count of {}", duty.kind);
        }
    }
    assert!(
        s.verification.passed,
        "{name}: {:#?}",
        s.verification.failures
    );
    for say in &e.says {
        assert!(
            s.draft_markdown.contains(say.as_str()),
            "{name}: draft lacks `{say}`:\n{}",
            s.draft_markdown
        );
    }
    for bad in &e.never {
        assert!(
            !s.draft_markdown.contains(bad.as_str()),
            "{name}: draft says `{bad}`"
        );
    }
}

#[test]
fn haitang_district_totals_roles_and_draft_are_right() {
    check_district("haitang");
}

#[test]
fn yunxi_district_totals_roles_and_draft_are_right() {
    check_district("yunxi");
}

#[test]
fn reports_of_another_year_are_named_in_part_five() {
    // Every haitang report is about 2023: checked as 2024 reports, each one
    // carries the parser's year_mismatch finding and part five names them.
    let dir = Path::new(FIXTURES).join("haitang");
    let s = load(&dir, "海棠区", 2024).summary;
    let mismatched = s
        .coverage
        .iter()
        .filter(|c| c.findings.iter().any(|f| f.code == "year_mismatch"))
        .count();
    assert_eq!(mismatched, 10);
    assert!(
        s.draft_markdown
            .contains("共10家单位报告所述年度与报送年度不一致"),
        "{}",
        s.draft_markdown
    );
    assert!(s.verification.passed, "{:#?}", s.verification.failures);
}

#[test]
fn qinghe_district_totals_roles_and_draft_are_right() {
    check_district("qinghe");
}
