use super::*;

fn ctx<'a>(
    what: &'a str,
    clause: &'a str,
    sentence: &'a str,
    unit: &'a str,
) -> QuantityContext<'a> {
    QuantityContext {
        kind: QuantityKind::Count,
        unit,
        what,
        clause,
        sentence,
        around: clause,
    }
}

fn code(q: &QuantityContext<'_>) -> Option<String> {
    catalog().match_quantity(q).map(|(d, _)| d.code.clone())
}

#[test]
fn embedded_data_parses() {
    assert!(
        Catalog::parse(INDICATORS_TOML).is_ok(),
        "{:?}",
        Catalog::parse(INDICATORS_TOML).err()
    );
    assert!(
        Themes::parse(THEMES_TOML).is_ok(),
        "{:?}",
        Themes::parse(THEMES_TOML).err()
    );
    let themes = themes();
    for d in &catalog().indicators {
        assert!(
            themes.themes.iter().any(|t| t.code == d.theme),
            "{} has unknown theme {}",
            d.code,
            d.theme
        );
    }
    assert!(catalog().indicators.len() >= 20);
    assert_eq!(themes.themes.len(), 11);
}

#[test]
fn synonyms_in_what_decide() {
    assert_eq!(
        code(&ctx("法治宣传活动", "开展各类法治宣传活动20余场", "", "场")).as_deref(),
        Some("publicity_events")
    );
    assert_eq!(
        code(&ctx(
            "宣传资料与宣传品",
            "发放宣传资料与宣传品10万余份",
            "",
            "份"
        ))
        .as_deref(),
        Some("publicity_materials")
    );
    assert_eq!(
        code(&ctx(
            "行政复议、应诉案件",
            "共办理行政复议、应诉案件530件",
            "",
            "件"
        ))
        .as_deref(),
        Some("reconsideration_and_litigation")
    );
    assert_eq!(
        code(&ctx("成功调解", "成功调解36起", "", "起")).as_deref(),
        Some("mediation_success")
    );
    assert_eq!(
        code(&ctx("调解矛盾纠纷", "共调解矛盾纠纷42起", "", "起")).as_deref(),
        Some("mediation_cases")
    );
    assert_eq!(
        code(&ctx(
            "人大建议和政协提案",
            "共办结市区两级人大建议和政协提案366件",
            "",
            "件"
        ))
        .as_deref(),
        Some("proposals")
    );
}

#[test]
fn unit_kind_exclusions_and_requirements_apply() {
    // 人民调解组织15个 is a standing resource, not mediated disputes.
    assert_eq!(
        code(&ctx("人民调解组织", "人民调解组织15个", "", "个")),
        None
    );
    // 办结 alone counts petitions only when the sentence speaks of 信访.
    assert_eq!(
        code(&ctx(
            "办结",
            "办结242件",
            "网上信访共接收247件，办结242件",
            "件"
        ))
        .as_deref(),
        Some("petitions_resolved")
    );
    assert_eq!(
        code(&ctx("办结", "办结242件", "共接收247件，办结242件", "件")),
        None
    );
    // A breakdown clause does not inherit the sentence's indicator.
    assert_eq!(
        code(&ctx(
            "邻里纠纷",
            "其中邻里纠纷24起",
            "共调解矛盾纠纷42起，其中邻里纠纷24起",
            "起"
        )),
        None
    );
    assert_eq!(
        code(&ctx(
            "审计项目",
            "1个审计项目在市级优秀项目评选中获奖",
            "",
            "个"
        )),
        None
    );
    let rate = QuantityContext {
        kind: QuantityKind::Rate,
        unit: "%",
        what: "成功率",
        clause: "成功率达到了85.7%",
        sentence: "共调解矛盾纠纷42起，成功率达到了85.7%",
        around: "成功率达到了85.7%",
    };
    assert_eq!(code(&rate).as_deref(), Some("mediation_success_rate"));
    let change = QuantityContext {
        kind: QuantityKind::Change,
        ..rate
    };
    assert_eq!(code(&change), None);
}
