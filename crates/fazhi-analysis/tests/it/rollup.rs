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

/// The season's figures of a district (what the store gives its summary).
fn with_season(
    name: &str,
    expected: usize,
    actual: usize,
    on_time: usize,
    published: (usize, usize),
) -> Aggregate {
    use fazhi_season::{Deadlines, Rate, SeasonStatus};
    let mut summary = fazhi_summary::consolidate(name, 2024, &roster(), &[]);
    summary.season = Some(fazhi_summary::model::SeasonFigures {
        status: SeasonStatus {
            district: name.into(),
            year: 2024,
            deadlines: Deadlines::default_for(2024).unwrap(),
            expected,
            actual,
            on_time,
            late: actual - on_time,
            exempt: 1,
            published: published.0,
            published_on_time: published.1,
            reporting_rate: Rate::new(actual, expected),
            reporting_rate_on_time: Rate::new(on_time, expected),
            publication_rate: Rate::new(published.0, expected),
            publication_rate_on_time: Rate::new(published.1, expected),
            missing_units: Vec::new(),
            late_units: Vec::new(),
            exempt_units: Vec::new(),
            unpublished_units: Vec::new(),
            published_late_units: Vec::new(),
        },
        office: Default::default(),
    });
    Aggregate::from_district(&summary, &[], &[])
}

#[test]
fn a_city_takes_its_districts_season_figures_with_publication_and_recomputes_the_rates() {
    // 甲区 38 expected, 34 reported, 27 on time, 23 published (20 on time);
    // 乙区 10, 9, 9, 4 (4); 丙区 has no season: its summary counts (6, 0, 0).
    let city = Aggregate::combine(
        "示例市",
        &[
            with_season("甲区", 38, 34, 27, (23, 20)),
            with_season("乙区", 10, 9, 9, (4, 4)),
            district("丙区", &[]),
        ],
    );
    let r = &city.reporting;
    assert_eq!((r.expected, r.actual, r.on_time, r.late), (54, 43, 36, 7));
    assert_eq!((r.exempt, r.published, r.published_on_time), (2, 27, 24));
    assert_eq!(r.rate, Some(79.6)); // 43/54
    assert_eq!(r.rate_on_time, Some(66.7)); // 36/54
    assert_eq!(r.publication_rate, Some(50.0)); // 27/54
    assert_eq!(r.publication_rate_on_time, Some(44.4)); // 24/54
    assert_eq!(r.with_season, 2);
}
