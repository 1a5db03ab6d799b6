use fazhi_analysis::plans::{Delivery, review};

use crate::season::Season;

fn statuses(code: &str) -> Vec<Delivery> {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let r = review(2023, &a.contributions(), 2024, &b.contributions());
    r.units
        .iter()
        .find(|u| u.agency.code == code)
        .map(|u| u.checks.iter().map(|c| c.status).collect())
        .unwrap_or_default()
}

#[test]
fn a_unit_that_did_what_it_planned_has_its_plans_delivered_with_the_measure_cited() {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let r = review(2023, &a.contributions(), 2024, &b.contributions());
    let sfj = r
        .units
        .iter()
        .find(|u| u.agency.code == "sfj")
        .expect("sfj");
    // 法律明白人 training and the review ledger are reported as done; the
    // 调解加公证 rooms reach 6 streets, not all of them: partly.
    assert_eq!(
        sfj.checks.iter().map(|c| c.status).collect::<Vec<_>>(),
        [Delivery::Delivered, Delivery::Delivered, Delivery::Partly]
    );
    let first = &sfj.checks[0];
    let m = first.measure.as_ref().expect("a cited measure");
    assert_eq!(m.year, 2024);
    assert_eq!(m.submission_id, "sfj-2024");
    assert!(m.excerpt.contains("法律明白人"), "{m:?}");
    // The citation is a span of this year's text.
    let text: String = b
        .report("sfj")
        .text
        .chars()
        .skip(m.start)
        .take(m.end - m.start)
        .collect();
    assert_eq!(text, m.excerpt);
    assert_eq!(first.plan.year, 2023);
    assert!(first.plan.excerpt.contains("新就业群体"));
    assert_eq!(sfj.delivery_rate, Some(66.7));
}

#[test]
fn a_unit_that_did_something_else_has_its_plans_not_visible() {
    // 市场监管局 planned mobile terminals and a case bulletin; its 2024
    // measures are about food sampling and lenient enforcement.
    assert_eq!(
        statuses("scj"),
        [Delivery::NotVisible, Delivery::NotVisible]
    );
    // 湖东街道 did not get its staff (its own shortcoming says so) but did
    // roll out the 居民说事 rules.
    assert_eq!(statuses("hdj"), [Delivery::NotVisible, Delivery::Delivered]);
    // The thin report shows nothing of last year's hotline.
    assert_eq!(statuses("wlj"), [Delivery::NotVisible]);
}

#[test]
fn the_district_counts_every_plan_once() {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let r = review(2023, &a.contributions(), 2024, &b.contributions());
    // sfj 3, scj 2, hdj 2, cgj 1, jyj 2, wlj 1 plans; delivered 2+0+1+0+1+0.
    assert_eq!(r.plans, 11);
    assert_eq!((r.delivered, r.partly, r.not_visible), (4, 1, 6));
    assert_eq!(r.delivery_rate, Some(36.4));
}

#[test]
fn a_unit_without_a_report_this_year_has_nothing_visible() {
    let a = Season::load(2023);
    let r = review(2023, &a.contributions(), 2024, &[]);
    assert_eq!(r.delivered + r.partly, 0);
    assert_eq!(r.not_visible, 11);
    assert!(r.units.iter().all(|u| u.current_submission_id.is_none()));
}
