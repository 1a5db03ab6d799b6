//! What a number is in its whole sentence, on the real parser's output of
//! small reports: the indicator it counts and its role (only levels sum).

use fazhi_core::{ParseOptions, parse_text};

use fazhi_summary::{Role, contribution};

use crate::build::{agency, input, report_text};

/// (indicator, role) of the quantity written `number` in a report whose
/// measures part says `sentence`.
fn read(sentence: &str, number: &str) -> (Option<String>, Role) {
    let text = report_text(sentence);
    let parsed = parse_text(&text, &ParseOptions::default());
    let a = agency("a", "甲局");
    let c = contribution(&input(&a, "s", &text, &parsed));
    let q = c
        .quantities
        .iter()
        .find(|q| q.number == number)
        .unwrap_or_else(|| panic!("{number} not read in {sentence}: {:#?}", c.quantities));
    (q.indicator.clone(), q.role)
}

fn code(c: &str) -> Option<String> {
    Some(c.to_owned())
}

#[test]
fn levels_averages_multi_year_figures_and_plans_are_told_apart() {
    use Role::*;
    for (sentence, number, want) in [
        (
            "全年开展法治宣传活动30场。",
            "30场",
            (code("publicity_events"), Level),
        ),
        (
            "年均开展法治宣传活动30场。",
            "30场",
            (code("publicity_events"), Average),
        ),
        (
            "自2019年以来累计开展法治宣传活动300场。",
            "300场",
            (code("publicity_events"), Cumulative),
        ),
        (
            "全年累计开展法治宣传活动120场。",
            "120场",
            (code("publicity_events"), Level),
        ),
        (
            "明年计划开展法治宣传活动40场。",
            "40场",
            (code("publicity_events"), Plan),
        ),
        ("受理信访事项80件，比上年增加12件。", "12件", (None, Change)),
    ] {
        assert_eq!(read(sentence, number), want, "{sentence}");
    }
}

#[test]
fn what_follows_the_number_and_what_it_details_count() {
    use Role::*;
    for (sentence, number, want) in [
        (
            "共办理行政复议、应诉案件50件。",
            "50件",
            (code("reconsideration_and_litigation"), Level),
        ),
        (
            "完成审计项目12项，2个项目获评市级优秀审计项目。",
            "2个",
            (None, Level),
        ),
        (
            "完成审计项目12项，2个项目获评市级优秀审计项目。",
            "12项",
            (code("audits"), Level),
        ),
        (
            "共调解矛盾纠纷40起，其中邻里纠纷12起。",
            "12起",
            (code("mediation_cases"), Breakdown),
        ),
        (
            "共开展执法检查200次，日常检查150次、专项检查50次。",
            "150次",
            (code("enforcement_inspections"), Breakdown),
        ),
        (
            "受理信访件52件（包括上级交办5件）。",
            "5件",
            (code("petitions_received"), Breakdown),
        ),
        (
            "受理信访件52件（包括上级交办5件）。",
            "52件",
            (code("petitions_received"), Level),
        ),
    ] {
        assert_eq!(read(sentence, number), want, "{sentence}");
    }
}

#[test]
fn numbers_of_next_years_plans_are_plans() {
    // The real parser reads no number of the plans part; a parse that does
    // (an older or another parser) must still not add targets to the year.
    let text = report_text("全年开展法治宣传活动30场。").replace(
        "一是加强执法人员法治培训。",
        "一是加强执法人员法治培训，开展法治宣传活动50场。",
    );
    let parsed = crate::build::parsed(
        &text,
        &crate::build::five_parts(),
        &[
            crate::build::q(
                "开展法治宣传活动30场",
                30.0,
                "场",
                fazhi_core::Qualifier::Exact,
                "法治宣传活动",
            ),
            crate::build::q(
                "开展法治宣传活动50场",
                50.0,
                "场",
                fazhi_core::Qualifier::Exact,
                "法治宣传活动",
            ),
        ],
    );
    let a = agency("a", "甲局");
    let c = contribution(&input(&a, "s", &text, &parsed));
    let plan = c
        .quantities
        .iter()
        .find(|q| q.value == 50.0)
        .expect("50场 read");
    assert_eq!(plan.role, Role::Plan);
    let s = fazhi_summary::consolidate(
        "测试区",
        2023,
        std::slice::from_ref(&a),
        &[input(&a, "s", &text, &parsed)],
    );
    let t = crate::synthetic::indicator(&s, "publicity_events", "场");
    assert_eq!(t.value, Some(30.0), "a plan is never this year's work");
    assert_eq!(t.apart.len(), 1);
    assert!(s.verification.passed, "{:#?}", s.verification.failures);
}

#[test]
fn a_number_is_shown_as_the_parser_read_it_with_every_qualifier_and_digit() {
    let text = report_text(
        "信访积案数量控制在5件以内，重复信访率不超过2%。全年查处各类违法案件1,326件，罚没款突破500万元。",
    );
    let parsed = parse_text(&text, &ParseOptions::default());
    let a = agency("a", "甲局");
    let c = contribution(&input(&a, "s", &text, &parsed));
    let numbers: Vec<&str> = c.quantities.iter().map(|q| q.number.as_str()).collect();
    // Not `超过2%` (the opposite), not `326件`, not a bare `500万元`.
    for want in ["不超过2%", "1,326件", "突破500万元"] {
        assert!(numbers.contains(&want), "{want} not among {numbers:?}");
    }
}
