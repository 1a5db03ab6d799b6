//! Contributions: stored per report, replaced or removed, re-assembled.

use fazhi_core::Qualifier;
use fazhi_summary::{ReportContribution, assemble, consolidate, contribution};

use crate::build::{
    agency, at_least_20_events, exactly_34_events, five_parts, input, parsed, q, report_text,
};
use crate::synthetic::indicator;

fn contribution_of(
    code: &str,
    name: &str,
    sid: &str,
    measures: &str,
    qs: &[crate::build::Q<'_>],
) -> ReportContribution {
    let text = report_text(measures);
    let p = parsed(&text, &five_parts(), qs);
    let c = contribution(&input(&agency(code, name), sid, &text, &p));
    // What the worker stores and reads back.
    serde_json::from_str(&serde_json::to_string(&c).expect("serialize")).expect("deserialize")
}

#[test]
fn consolidate_is_contributions_then_assemble() {
    let roster = vec![agency("a", "甲局"), agency("b", "乙局")];
    let text = report_text("开展法治宣传活动5场。");
    let p = parsed(
        &text,
        &five_parts(),
        &[q(
            "开展法治宣传活动5场",
            5.0,
            "场",
            Qualifier::Exact,
            "法治宣传活动",
        )],
    );
    let inputs = [
        input(&roster[0], "s1", &text, &p),
        input(&roster[1], "s2", &text, &p),
    ];
    let direct = consolidate("测试区", 2023, &roster, &inputs);
    let stored: Vec<ReportContribution> = inputs
        .iter()
        .map(|i| {
            serde_json::from_str(&serde_json::to_string(&contribution(i)).expect("ser"))
                .expect("de")
        })
        .collect();
    assert_eq!(assemble("测试区", 2023, &roster, &stored), direct);
}

#[test]
fn a_replaced_report_leaves_no_trace_of_its_old_numbers() {
    let roster = vec![agency("a", "甲局"), agency("b", "乙局")];
    let a1 = contribution_of(
        "a",
        "甲局",
        "sub-a-v1",
        "开展法治宣传活动20余场。",
        &[at_least_20_events("开展法治宣传活动20余场")],
    );
    let b = contribution_of(
        "b",
        "乙局",
        "sub-b",
        "开展法治宣传活动34场。",
        &[exactly_34_events("开展法治宣传活动34场", "法治宣传活动")],
    );
    let before = assemble("测试区", 2023, &roster, &[a1.clone(), b.clone()]);
    assert_eq!(
        indicator(&before, "publicity_events", "场").value,
        Some(54.0)
    );

    let a2 = contribution_of(
        "a",
        "甲局",
        "sub-a-v2",
        "开展法治宣传活动7场。",
        &[q(
            "开展法治宣传活动7场",
            7.0,
            "场",
            Qualifier::Exact,
            "法治宣传活动",
        )],
    );
    // The worker replaces the stored contribution of agency a.
    let after = assemble("测试区", 2023, &roster, &[a2.clone(), b.clone()]);
    let t = indicator(&after, "publicity_events", "场");
    assert_eq!((t.value, t.qualifier), (Some(41.0), Some(Qualifier::Exact)));
    let json = serde_json::to_string(&after).expect("json");
    assert!(!json.contains("sub-a-v1"), "old submission still cited");
    assert!(!json.contains("20余场"));
    // Passing both versions: the later one wins, same result.
    assert_eq!(assemble("测试区", 2023, &roster, &[a1, b, a2]), after);
}

#[test]
fn a_withdrawn_report_disappears_and_coverage_says_not_submitted() {
    let roster = vec![agency("a", "甲局"), agency("b", "乙局")];
    let a = contribution_of(
        "a",
        "甲局",
        "sub-a",
        "开展法治宣传活动20余场。",
        &[at_least_20_events("开展法治宣传活动20余场")],
    );
    let b = contribution_of(
        "b",
        "乙局",
        "sub-b",
        "开展法治宣传活动34场。",
        &[exactly_34_events("开展法治宣传活动34场", "法治宣传活动")],
    );
    let full = assemble("测试区", 2023, &roster, &[a, b.clone()]);
    assert_eq!(full.submitted, 2);
    let after = assemble("测试区", 2023, &roster, &[b]);
    let t = indicator(&after, "publicity_events", "场");
    assert_eq!(
        (t.value, t.qualifier, t.agencies_count),
        (Some(34.0), Some(Qualifier::Exact), 1)
    );
    assert_eq!(after.submitted, 1);
    let cov = after
        .coverage
        .iter()
        .find(|c| c.agency.code == "a")
        .expect("a");
    assert!(!cov.submitted);
    assert_eq!(cov.submission_id, None);
    assert!(
        !serde_json::to_string(&after)
            .expect("json")
            .contains("sub-a")
    );
    assert!(
        after
            .shortcomings
            .iter()
            .all(|g| g.agencies.iter().all(|x| x.code != "a"))
    );
    assert!(
        after
            .draft_markdown
            .contains("甲局共1家单位截至汇总时尚未报送")
    );
}
