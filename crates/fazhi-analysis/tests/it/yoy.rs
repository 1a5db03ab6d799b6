use fazhi_analysis::yoy::{district_changes, unit_changes};
use fazhi_core::Qualifier;

use crate::season::Season;

#[test]
fn district_totals_change_with_sources_on_both_sides() {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let c = district_changes(&a.summary("示例区"), &b.summary("示例区"));
    let cases = c
        .iter()
        .find(|c| c.code == "mediation_cases")
        .expect("mediation");
    // sfj: 调解矛盾纠纷160起 (2023), 171起 (2024).
    let (p, n) = (
        cases.previous.as_ref().expect("2023"),
        cases.current.as_ref().expect("2024"),
    );
    assert_eq!((p.value, n.value), (Some(160.0), Some(171.0)));
    assert_eq!(cases.change, Some(11.0));
    assert_eq!(cases.change_qualifier, Some(Qualifier::Exact));
    assert_eq!(cases.percent, Some(6.9));
    assert!(p.sources[0].sentence.contains("160起"));
    assert_eq!(p.sources[0].submission_id, "sfj-2023");
    assert!(n.sources[0].sentence.contains("171起"));
    // A rate is compared as a level: 152/160 = 95.0 %, 165/171 = 96.5 %.
    let rate = c
        .iter()
        .find(|c| c.code == "mediation_success_rate")
        .expect("rate");
    assert_eq!(rate.change, Some(1.5));
    assert_eq!(rate.percent, None);
}

#[test]
fn a_unit_sees_only_its_own_numbers() {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let (sa, sb) = (a.summary("示例区"), b.summary("示例区"));
    let district = district_changes(&sa, &sb);
    let penalties = district
        .iter()
        .find(|c| c.code == "admin_penalties" && c.unit == "件")
        .expect("penalties");
    // 318 (scj) + 27 (wlj) in 2023.
    assert_eq!(
        penalties.previous.as_ref().and_then(|p| p.value),
        Some(345.0)
    );
    let scj = unit_changes(&sa, &sb, "scj");
    let own = scj
        .iter()
        .find(|c| c.code == "admin_penalties" && c.unit == "件")
        .expect("scj penalties");
    assert_eq!(own.previous.as_ref().and_then(|p| p.value), Some(318.0));
    assert!(
        own.previous
            .as_ref()
            .is_some_and(|p| p.sources.iter().all(|s| s.agency.code == "scj"))
    );
    assert!(
        unit_changes(&sa, &sb, "wlj")
            .iter()
            .all(|c| c.current.is_none()),
        "thin report has no numbers"
    );
}
