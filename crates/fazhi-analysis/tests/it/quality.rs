use fazhi_analysis::quality::{QualityConfig, QualityInput, QualityScore, config, score};
use fazhi_analysis::ranking::rank;

use crate::season::Season;

fn scores(published: Option<bool>, cfg: &QualityConfig) -> Vec<QualityScore> {
    let b = Season::load(2024);
    let copied = |code: &str| if code == "jyj" { 1.0 } else { 0.0 };
    b.reports
        .iter()
        .zip(b.contributions())
        .map(|(r, c)| {
            score(
                &QualityInput {
                    parsed: &r.parsed,
                    contribution: &c,
                    published,
                    copied_share: Some(copied(&r.agency.code)),
                },
                cfg,
            )
        })
        .collect()
}

fn of<'a>(s: &'a [QualityScore], code: &str) -> &'a QualityScore {
    s.iter().find(|q| q.agency.code == code).expect("scored")
}

#[test]
fn a_thin_late_report_scores_low_with_its_reasons() {
    let s = scores(None, config());
    let wlj = of(&s, "wlj");
    // Weights sum to 100: parts 2/5 × 20 = 8, in order 5, late 0, not
    // published 0, no figures 0, no shortcomings 0, one vague plan 0, no
    // duty facts 0, nothing copied 10.
    assert_eq!(wlj.score, 23.0);
    let reason = |d: &str| wlj.reasons.iter().find(|r| r.dimension == d).expect(d);
    assert_eq!(reason("parts").points, 8.0);
    assert!(reason("parts").detail.contains("存在的不足和原因"));
    assert_eq!(reason("on_time").detail, "逾期报送");
    assert_eq!(reason("density").score, 0.0);
    // The office's word on publication adds the 10 points of `published`.
    let published = scores(Some(true), config());
    assert_eq!(of(&published, "wlj").score, 33.0);
}

#[test]
fn a_copied_report_loses_the_copied_points_and_the_ranking_shows_it() {
    let s = scores(None, config());
    let copied = of(&s, "jyj")
        .reasons
        .iter()
        .find(|r| r.dimension == "copied")
        .expect("copied");
    assert_eq!((copied.score, copied.points), (0.0, 0.0));
    let r = rank(&s);
    assert_eq!(r.units.len(), 6);
    assert_eq!(r.units.last().map(|u| u.agency.code.as_str()), Some("wlj"));
    assert_eq!(r.units.last().map(|u| u.rank), Some(6));
    assert_eq!(r.units[0].above_share, 100.0);
    assert!(r.units.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(r.distribution.count, 6);
    assert_eq!(r.distribution.bands.iter().sum::<usize>(), 6);
    assert_eq!(
        r.distribution.bands[0], 1,
        "only the thin report is below 60"
    );
    assert_eq!(r.distribution.min, Some(23.0));
}

#[test]
fn weights_are_data() {
    let only_parts = QualityConfig::parse(
        r#"
[weights]
parts = 1
order = 0
on_time = 0
published = 0
density = 0
causes = 0
plans = 0
duty = 0
copied = 0
[targets]
facts_per_1000 = 4.0
duty_kinds = 3
[cues]
case = []
time = []
"#,
    )
    .expect("valid");
    let s = scores(None, &only_parts);
    assert_eq!(of(&s, "wlj").score, 40.0);
    assert_eq!(of(&s, "sfj").score, 100.0);
    // Equal scores share a rank.
    let r = rank(&s);
    assert!(
        r.units
            .iter()
            .filter(|u| u.score == 100.0)
            .all(|u| u.rank == 1)
    );
    assert_eq!(r.units.iter().filter(|u| u.rank == 1).count(), 5);
}
