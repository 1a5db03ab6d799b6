//! Synthetic districts with hand-computed totals.

use fazhi_core::{ParsedReport, Qualifier, QuantityKind};
use fazhi_summary::{Agency, DistrictSummary, IndicatorTotal, consolidate};

use crate::build::{
    agency, at_least_20_events, exactly_34_events, five_parts, input, parsed, q, rate, report_text,
};

/// Unit names without digits (a digit in running text is a number).
pub const UNIT_NAMES: [&str; 8] = [
    "甲局", "乙局", "丙局", "丁局", "戊局", "己局", "庚局", "辛局",
];

/// One agency per (measures sentence, quantities).
pub fn district(reports: &[(&str, Vec<crate::build::Q<'_>>)]) -> (Vec<Agency>, DistrictSummary) {
    let roster: Vec<Agency> = (0..reports.len())
        .map(|i| agency(&format!("a{i}"), UNIT_NAMES[i % UNIT_NAMES.len()]))
        .collect();
    let texts: Vec<String> = reports.iter().map(|(m, _)| report_text(m)).collect();
    let parses: Vec<ParsedReport> = reports
        .iter()
        .zip(&texts)
        .map(|((_, qs), t)| parsed(t, &five_parts(), qs))
        .collect();
    let inputs: Vec<_> = roster
        .iter()
        .zip(&texts)
        .zip(&parses)
        .enumerate()
        .map(|(i, ((a, t), p))| input(a, &format!("s{i}"), t, p))
        .collect();
    let summary = consolidate("测试区", 2023, &roster, &inputs);
    (roster, summary)
}

pub fn indicator<'s>(s: &'s DistrictSummary, code: &str, unit: &str) -> &'s IndicatorTotal {
    s.indicators
        .iter()
        .find(|t| t.code.as_deref() == Some(code) && t.unit == unit)
        .unwrap_or_else(|| panic!("no {code} in {unit}: {:#?}", s.indicators))
}

#[test]
fn at_least_plus_exact_is_at_least_the_sum() {
    let (_, s) = district(&[
        (
            "开展各类法治宣传活动20余场。",
            vec![at_least_20_events("开展各类法治宣传活动20余场")],
        ),
        (
            "组织普法活动34场。",
            vec![exactly_34_events("组织普法活动34场", "普法活动")],
        ),
    ]);
    let t = indicator(&s, "publicity_events", "场");
    assert_eq!(t.value, Some(54.0));
    assert_eq!(t.qualifier, Some(Qualifier::AtLeast));
    assert_eq!(t.agencies_count, 2);
    assert_eq!(t.sources.len(), 2);
    assert_eq!(t.sources[0].agency.code, "a0");
    assert_eq!(t.sources[0].agency.name, "甲局");
    assert_eq!(t.sources[0].submission_id, "s0");
    // The source is the number as the parser spans it, qualifier and unit.
    assert_eq!(t.sources[0].text, "20余场");
    assert_eq!(t.sources[1].number, "34场");
    assert!(
        s.draft_markdown.contains("不少于54场"),
        "{}",
        s.draft_markdown
    );
}

#[test]
fn more_than_stays_a_strict_lower_bound() {
    let (_, s) = district(&[
        (
            "普法平台点击阅读超170万次。",
            vec![q(
                "点击阅读超170万次",
                1_700_000.0,
                "次",
                Qualifier::MoreThan,
                "点击阅读",
            )],
        ),
        (
            "普法文章点击阅读30万次。",
            vec![q(
                "点击阅读30万次",
                300_000.0,
                "次",
                Qualifier::Exact,
                "点击阅读",
            )],
        ),
        (
            "普法文章点击阅读2万余次。",
            vec![q(
                "点击阅读2万余次",
                20_000.0,
                "次",
                Qualifier::AtLeast,
                "点击阅读",
            )],
        ),
    ]);
    let t = indicator(&s, "publicity_audience", "次");
    assert_eq!(t.value, Some(2_020_000.0));
    assert_eq!(t.qualifier, Some(Qualifier::MoreThan));
    assert!(
        s.draft_markdown.contains("超过202万次"),
        "{}",
        s.draft_markdown
    );
}

#[test]
fn approx_makes_the_total_approximate() {
    let (_, s) = district(&[
        (
            "处理群众信访事项近300件。",
            vec![q(
                "处理群众信访事项近300件",
                300.0,
                "件",
                Qualifier::Approx,
                "群众信访事项",
            )],
        ),
        (
            "处理群众信访事项12件。",
            vec![q(
                "处理群众信访事项12件",
                12.0,
                "件",
                Qualifier::Exact,
                "群众信访事项",
            )],
        ),
        (
            "处理群众信访事项10余件。",
            vec![q(
                "处理群众信访事项10余件",
                10.0,
                "件",
                Qualifier::AtLeast,
                "群众信访事项",
            )],
        ),
    ]);
    let t = indicator(&s, "petitions_received", "件");
    assert_eq!(t.value, Some(322.0));
    assert_eq!(t.qualifier, Some(Qualifier::Approx));
}

#[test]
fn up_to_mixed_with_a_lower_bound_is_approximate() {
    let (_, s) = district(&[
        (
            "审核规范性文件不超过5件。",
            vec![q(
                "审核规范性文件不超过5件",
                5.0,
                "件",
                Qualifier::UpTo,
                "规范性文件",
            )],
        ),
        (
            "审核规范性文件3件。",
            vec![q(
                "审核规范性文件3件",
                3.0,
                "件",
                Qualifier::Exact,
                "规范性文件",
            )],
        ),
    ]);
    let t = indicator(&s, "normative_documents", "件");
    assert_eq!((t.value, t.qualifier), (Some(8.0), Some(Qualifier::UpTo)));
    let (_, s) = district(&[
        (
            "审核规范性文件不超过5件。",
            vec![q(
                "审核规范性文件不超过5件",
                5.0,
                "件",
                Qualifier::UpTo,
                "规范性文件",
            )],
        ),
        (
            "审核规范性文件3余件。",
            vec![q(
                "审核规范性文件3余件",
                3.0,
                "件",
                Qualifier::AtLeast,
                "规范性文件",
            )],
        ),
    ]);
    let t = indicator(&s, "normative_documents", "件");
    assert_eq!((t.value, t.qualifier), (Some(8.0), Some(Qualifier::Approx)));
}

#[test]
fn a_rate_is_recomputed_from_its_parts() {
    let (_, s) = district(&[(
        "共调解矛盾纠纷42起，成功调解36起，其中邻里纠纷24起。",
        vec![
            q(
                "共调解矛盾纠纷42起",
                42.0,
                "起",
                Qualifier::Exact,
                "调解矛盾纠纷",
            ),
            q("成功调解36起", 36.0, "起", Qualifier::Exact, "成功调解"),
            q("邻里纠纷24起", 24.0, "起", Qualifier::Exact, "邻里纠纷"),
        ],
    )]);
    let t = indicator(&s, "mediation_success_rate", "%");
    assert_eq!(t.kind, QuantityKind::Rate);
    assert_eq!(t.value, Some(85.7));
    assert_eq!(t.qualifier, Some(Qualifier::Exact));
    let parts = t.rate_parts.as_ref().expect("parts");
    assert_eq!(
        (parts.numerator_value, parts.denominator_value),
        (36.0, 42.0)
    );
    assert_eq!(parts.sources.len(), 2);
    // The breakdown is not added to the disputes mediated.
    assert_eq!(indicator(&s, "mediation_cases", "起").value, Some(42.0));
    let cases = indicator(&s, "mediation_cases", "起");
    assert_eq!(cases.apart.len(), 1, "{cases:#?}");
    assert_eq!(cases.apart[0].value, 24.0);
    assert_eq!(cases.apart[0].role, fazhi_summary::Role::Breakdown);
    assert!(
        s.draft_markdown
            .contains("邻里纠纷24起（为分项数，不另计入合计）"),
        "{}",
        s.draft_markdown
    );
    assert!(s.draft_markdown.contains("85.7%"), "{}", s.draft_markdown);
}

#[test]
fn rates_across_agencies_are_recomputed_from_summed_parts() {
    let (_, s) = district(&[
        (
            "共调解矛盾纠纷42起，成功调解36起，成功率达到了85.7%。",
            vec![
                q(
                    "共调解矛盾纠纷42起",
                    42.0,
                    "起",
                    Qualifier::Exact,
                    "调解矛盾纠纷",
                ),
                q("成功调解36起", 36.0, "起", Qualifier::Exact, "成功调解"),
                rate("成功率达到了85.7%", 85.7, "成功率"),
            ],
        ),
        (
            "共调解矛盾纠纷8起，成功调解4起。",
            vec![
                q(
                    "共调解矛盾纠纷8起",
                    8.0,
                    "起",
                    Qualifier::Exact,
                    "调解矛盾纠纷",
                ),
                q("成功调解4起", 4.0, "起", Qualifier::Exact, "成功调解"),
            ],
        ),
    ]);
    let t = indicator(&s, "mediation_success_rate", "%");
    assert_eq!(t.value, Some(80.0)); // 40 / 50
    assert_eq!((t.min, t.max), (Some(50.0), Some(85.7)));
    assert_eq!(t.agencies_count, 2);
}

#[test]
fn rates_without_parts_give_a_range_and_a_count() {
    let (_, s) = district(&[
        (
            "负责人出庭应诉率100%。",
            vec![rate("出庭应诉率100%", 100.0, "出庭应诉率")],
        ),
        (
            "负责人出庭应诉率80%。",
            vec![rate("出庭应诉率80%", 80.0, "出庭应诉率")],
        ),
        (
            "负责人出庭应诉率95.5%。",
            vec![rate("出庭应诉率95.5%", 95.5, "出庭应诉率")],
        ),
    ]);
    let t = indicator(&s, "court_appearance_rate", "%");
    assert_eq!(t.value, None);
    assert_eq!(t.qualifier, None);
    assert_eq!((t.min, t.max), (Some(80.0), Some(100.0)));
    assert_eq!(t.agencies_count, 3);
    assert!(
        s.draft_markdown
            .contains("各单位报告的负责人出庭应诉率分别为：甲局100%，乙局80%，丙局95.5%"),
        "{}",
        s.draft_markdown
    );
}

#[test]
fn different_units_are_never_added() {
    let (_, s) = district(&[
        (
            "开展法治培训5次。",
            vec![q(
                "开展法治培训5次",
                5.0,
                "次",
                Qualifier::Exact,
                "法治培训",
            )],
        ),
        (
            "法治培训干部200人次。",
            vec![q(
                "法治培训干部200人次",
                200.0,
                "人次",
                Qualifier::Exact,
                "法治培训",
            )],
        ),
        (
            "开展法治培训3次。",
            vec![q(
                "开展法治培训3次",
                3.0,
                "次",
                Qualifier::Exact,
                "法治培训",
            )],
        ),
    ]);
    assert_eq!(indicator(&s, "legal_training", "次").value, Some(8.0));
    assert_eq!(indicator(&s, "legal_training", "人次").value, Some(200.0));
    assert_eq!(
        s.indicators
            .iter()
            .filter(|t| t.code.as_deref() == Some("legal_training"))
            .count(),
        2
    );
}

#[test]
fn unmapped_quantities_stay_visible() {
    let (_, s) = district(&[(
        "制定17项区级台账，告知承诺制办理事项较去年提升20.76%。",
        vec![
            q("制定17项区级台账", 17.0, "项", Qualifier::Exact, "区级台账"),
            crate::build::Q {
                text: "告知承诺制办理事项较去年提升20.76%",
                value: 20.76,
                unit: "%",
                qualifier: Qualifier::Exact,
                kind: QuantityKind::Change,
                what: "告知承诺制办理事项",
            },
        ],
    )]);
    assert!(s.indicators.is_empty(), "{:#?}", s.indicators);
    assert_eq!(s.other_quantities.len(), 2);
    let change = s
        .other_quantities
        .iter()
        .find(|o| o.kind == QuantityKind::Change)
        .expect("change");
    // A change is never a level: no value, kept apart with its role.
    assert_eq!(change.value, None);
    assert!(change.sources.is_empty());
    assert_eq!(change.apart[0].text, "20.76%");
    assert_eq!(change.apart[0].role, fazhi_summary::Role::Change);
    assert!(s.draft_markdown.contains("区级台账"));
}

#[test]
fn items_are_classified_with_evidence_and_counted_per_agency() {
    let (_, s) = district(&[
        ("开展法治宣传活动5场。", vec![]),
        ("发放宣传资料100份。", vec![]),
    ]);
    let publicity = s
        .themes
        .iter()
        .find(|t| t.code == "publicity")
        .expect("publicity");
    assert_eq!(publicity.measures, 2);
    assert_eq!(publicity.agencies.len(), 2);
    assert!(
        publicity.items[0].terms.iter().any(|t| t == "法治宣传"),
        "{:#?}",
        publicity.items
    );
    let col = s
        .theme_matrix
        .themes
        .iter()
        .position(|c| c == "publicity")
        .expect("column");
    assert!(s.theme_matrix.rows.iter().all(|r| r.counts[col] == 1));
    let enforcement = s
        .themes
        .iter()
        .find(|t| t.code == "enforcement")
        .expect("enforcement");
    assert_eq!(enforcement.shortcomings, 2);
}

#[test]
fn alike_shortcomings_and_plans_of_agencies_are_grouped() {
    let (_, s) = district(&[
        ("开展法治宣传活动5场。", vec![]),
        ("开展法治宣传活动6场。", vec![]),
        ("无。", vec![]),
    ]);
    assert_eq!(s.shortcomings.len(), 1, "{:#?}", s.shortcomings);
    let g = &s.shortcomings[0];
    assert_eq!(g.theme, "enforcement");
    assert_eq!(g.agencies_count, 3);
    assert_eq!(g.items.len(), 3);
    assert_eq!(s.plans.len(), 1);
    assert_eq!(s.plans[0].agencies_count, 3);
    assert!(
        s.draft_markdown.contains("等3家单位反映"),
        "{}",
        s.draft_markdown
    );
}

#[test]
fn coverage_reports_rates_in_dhis2_terms() {
    let roster = vec![
        agency("a", "甲局"),
        agency("b", "乙局"),
        agency("c", "丙街"),
    ];
    let text = report_text("开展法治宣传活动5场。");
    let p = parsed(&text, &five_parts(), &[]);
    let mut late = input(&roster[1], "s-b", &text, &p);
    late.on_time = false;
    let outsider = agency("x", "新设局");
    let s = consolidate(
        "测试区",
        2023,
        &roster,
        &[
            input(&roster[0], "s-a", &text, &p),
            late,
            input(&outsider, "s-x", &text, &p),
        ],
    );
    let r = &s.reporting;
    assert_eq!(
        (r.expected, r.actual, r.on_time, r.outside_roster),
        (3, 2, 1, 1)
    );
    assert_eq!(r.rate, Some(66.7));
    assert_eq!(r.rate_on_time, Some(33.3));
    assert_eq!(s.expected, 3);
    assert_eq!(s.submitted, 3);
    assert_eq!(s.coverage.len(), 4);
    assert!(!s.coverage[2].submitted);
    assert_eq!(s.coverage[3].agency.code, "x");
    assert!(
        s.draft_markdown.contains("丙街共1家单位截至汇总时尚未报送"),
        "{}",
        s.draft_markdown
    );
}
