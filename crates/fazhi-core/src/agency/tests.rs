use super::*;

fn v(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn title(s: &str) -> Option<String> {
    from_title(&v(s))
}

#[test]
fn titles_in_all_their_forms() {
    assert_eq!(
        title("南江市青禾区人民政府关于青禾区2023年度法治政府建设情况的报告").as_deref(),
        Some("南江市青禾区人民政府")
    );
    assert_eq!(
        title("2024年度溪口街道法治政府建设工作报告").as_deref(),
        Some("溪口街道")
    );
    assert_eq!(
        title("2022年成都市法治政府建设情况报告").as_deref(),
        Some("成都市")
    );
    assert_eq!(
        title("柳塘县农业农村局2023年法治政府建设年度报告").as_deref(),
        Some("柳塘县农业农村局")
    );
    assert_eq!(
        title("白沙镇法治政府建设年度报告").as_deref(),
        Some("白沙镇")
    );
    assert_eq!(
        title("中共青禾区委 青禾区人民政府关于2023年度法治政府建设情况的报告").as_deref(),
        Some("青禾区人民政府")
    );
    assert_eq!(
        title("溪口街道党工委 溪口街道办事处2023年度法治政府建设情况报告").as_deref(),
        Some("溪口街道办事处")
    );
}

#[test]
fn fragments_are_refused() {
    for t in [
        "关于2023年度法治政府建设情况的报告",
        "镇政府2023年法治政府建设情况报告",
        "街道2023年法治政府建设年度报告",
        "区司法局2023年度法治政府建设情况报告",
        "2023年法治政府建设年度报告",
        "我局2023年法治政府建设情况",
    ] {
        assert_eq!(title(t), None, "{t}");
    }
    assert!(!is_full_name(&v("青禾区人民政府关于青禾区")));
    assert!(!is_full_name(&v("全区")));
    assert!(!is_full_name(&v("司法局")));
    assert!(!is_full_name(&v("城市管理行政执法局")));
    assert!(!is_full_name(&v("食品市场监督管理局")));
    assert!(is_full_name(&v("南江市城市管理行政执法局")));
    assert!(is_full_name(&v("北京市大兴区住房和城乡建设委员会")));
}

#[test]
fn metadata_rows_in_web_styles() {
    for row in [
        "[ 发布机构 ] 青禾区市场监督管理局",
        "| 发布机构: | 青禾区市场监督管理局 |",
        "- 发布机构:青禾区市场监督管理局",
        "● 发布机构:青禾区市场监督管理局",
        "发布机构 青禾区市场监督管理局 发布日期 2024-03-01",
        "信息来源:青禾区市场监督管理局",
    ] {
        assert_eq!(
            from_metadata_row(&v(row)).as_deref(),
            Some("青禾区市场监督管理局"),
            "{row}"
        );
    }
    assert_eq!(from_metadata_row(&v("[ 发布机构 ] 街道")), None);
}

#[test]
fn breadcrumbs_give_their_last_unit() {
    assert_eq!(
        from_breadcrumb(&v("首页 > 政务公开 > 青禾区司法局 > 法治政府建设年度报告")).as_deref(),
        Some("青禾区司法局")
    );
    assert_eq!(from_breadcrumb(&v("首页 > 政务公开 > 通知公告")), None);
}

#[test]
fn the_fullest_form_of_the_same_unit_wins() {
    let f = |v: &[&str]| fullest(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(
        f(&["青禾区", "南江市青禾区人民政府", "青禾区人民政府办公室"]).as_deref(),
        Some("南江市青禾区人民政府")
    );
    assert_eq!(
        f(&["溪口街道", "南江市青禾区溪口街道办事处"]).as_deref(),
        Some("南江市青禾区溪口街道办事处")
    );
    // Another unit (the district government publishing a department's
    // report) never replaces the department.
    assert_eq!(
        f(&["青禾区司法局", "南江市青禾区人民政府"]).as_deref(),
        Some("青禾区司法局")
    );
    assert_eq!(
        f(&["青禾区司法局", "青禾区市场监督管理局"]).as_deref(),
        Some("青禾区司法局")
    );
    assert_eq!(
        f(&["文峰区生态环境分局", "安阳市生态环境局文峰分局"]).as_deref(),
        Some("安阳市生态环境局文峰分局")
    );
    assert_eq!(f(&[]), None);
}

#[test]
fn kinds_of_territorial_governments() {
    assert_eq!(kind_from_name("成都市"), AgencyKind::DistrictGovernment);
    assert_eq!(kind_from_name("溪口街道"), AgencyKind::Street);
    assert_eq!(kind_from_name("柳塘县农业农村局"), AgencyKind::Department);
}
