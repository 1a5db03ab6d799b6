use fazhi_analysis::quality::{QualityInput, config, score};
use fazhi_analysis::recurring::track;
use fazhi_analysis::rollup::Aggregate;
use fazhi_summary::model::ReportContribution;

use crate::season::{Season, roster};

/// A district built from the 2024 season, keeping only the units in `keep`.
fn district(name: &str, keep: &[&str]) -> Aggregate {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let inputs: Vec<_> = b
        .inputs()
        .into_iter()
        .filter(|i| keep.contains(&i.agency.code.as_str()))
        .collect();
    let summary = fazhi_summary::consolidate(name, 2024, &roster(), &inputs);
    let current: Vec<ReportContribution> = inputs.iter().map(fazhi_summary::contribution).collect();
    let quality: Vec<_> = inputs
        .iter()
        .zip(&current)
        .map(|(i, c)| {
            score(
                &QualityInput {
                    parsed: i.parsed,
                    contribution: c,
                    published: None,
                    copied_share: None,
                },
                config(),
            )
        })
        .collect();
    let tracked = track(&[(2023, &a.contributions()), (2024, &current)]);
    Aggregate::from_district(&summary, &quality, &tracked)
}

const ALL: [&str; 6] = ["sfj", "scj", "hdj", "cgj", "jyj", "wlj"];

#[test]
fn a_city_over_three_districts_adds_counts_and_recomputes_rates() {
    let districts = [
        district("甲区", &ALL),
        district("乙区", &["sfj", "hdj", "cgj"]),
        district("丙区", &ALL),
    ];
    let city = Aggregate::combine("示例市", &districts);
    assert_eq!(city.level, 1);
    assert_eq!(city.children, ["甲区", "乙区", "丙区"]);
    // Rosters of 6 each; 6 + 3 + 6 reported; wlj is late in 甲 and 丙.
    assert_eq!(city.reporting.expected, 18);
    assert_eq!(city.reporting.actual, 15);
    assert_eq!(city.reporting.on_time, 13);
    assert_eq!(city.reporting.rate, Some(83.3));
    assert_eq!(city.reporting.rate_on_time, Some(72.2));
    // sfj's 171起 in each district, each source down to its sentence.
    let cases = city
        .indicators
        .iter()
        .find(|t| t.code == "mediation_cases")
        .expect("cases");
    assert_eq!(cases.value, Some(513.0));
    assert_eq!(cases.sources.len(), 3);
    assert!(
        cases
            .sources
            .iter()
            .all(|s| s.source.sentence.contains("171起"))
    );
    assert_eq!(cases.sources[1].path, ["乙区"]);
    // 165×3 / 171×3 = 96.5 %, recomputed, never averaged.
    let rate = city
        .indicators
        .iter()
        .find(|t| t.code == "mediation_success_rate")
        .expect("rate");
    assert_eq!(rate.value, Some(96.5));
    // Quality: one score per report.
    assert_eq!(city.quality.count, 15);
    // hdj's staff shortage recurs in all three; jyj's only where jyj reported.
    let staff = city
        .recurring
        .iter()
        .find(|r| r.concept.as_deref() == Some("enforcement_staff"))
        .expect("staff");
    assert_eq!(staff.districts, ["甲区", "乙区", "丙区"]);
    assert_eq!(city.recurring[0].key, staff.key, "most widespread first");
    let training = city
        .recurring
        .iter()
        .find(|r| r.concept.as_deref() == Some("training"))
        .expect("training");
    assert_eq!(training.districts, ["甲区", "丙区"]);
}

#[test]
fn replacing_one_district_recombines_without_reading_the_others_again() {
    let a = district("甲区", &ALL);
    let b_old = district("乙区", &["sfj"]);
    let b_new = district("乙区", &["sfj", "hdj", "cgj"]);
    let c = district("丙区", &ALL);
    let before = Aggregate::combine("示例市", &[a.clone(), b_old, c.clone()]);
    // The stored city plus the new 乙区: a later child of one name replaces it.
    let updated = Aggregate::combine("示例市", &[a.clone(), b_new.clone(), c.clone()]);
    let replaced = Aggregate::combine(
        "示例市",
        &[a.clone(), district("乙区", &["sfj"]), c.clone(), b_new],
    );
    assert_eq!(updated, replaced);
    assert_eq!(before.reporting.actual, 13);
    assert_eq!(updated.reporting.actual, 15);
    // Any level: a province over the city keeps the path down to the district.
    let province = Aggregate::combine("示例省", std::slice::from_ref(&updated));
    assert_eq!(province.level, 2);
    let cases = province
        .indicators
        .iter()
        .find(|t| t.code == "mediation_cases")
        .expect("cases");
    assert_eq!(cases.sources[0].path, ["甲区", "示例市"]);
    assert_eq!(province.reporting, updated.reporting);
    assert_eq!(province.recurring[0].districts[0], "甲区/示例市");
}
