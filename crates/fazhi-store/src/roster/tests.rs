use super::*;

#[test]
fn a_year_roster_reads_optional_columns_and_exemptions() {
    let rows = parse_year_roster(
        "code,name,short_name,kind,parent,district,exempt_reason\n\
         q,示例区人民政府,区政府,district_government,,示例区,\n\
         a,示例区司法局,司法局,department,q,示例区,\n\
         b,示例区旧局,,department,q,示例区,2025年并入司法局\n",
        2025,
    )
    .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].parent.as_deref(), Some("q"));
    assert_eq!(rows[2].short_name, "示例区旧局");
    assert_eq!(rows[2].exempt_reason.as_deref(), Some("2025年并入司法局"));
    assert!(rows.iter().all(|r| r.year_from == 2025));
}

#[test]
fn bad_rows_are_refused_with_their_line_in_chinese() {
    let err = parse_year_roster(
        "code,name,kind,district\na,甲,department,示例区\na,乙,town,示例区\n",
        2025,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("第3行") && err.to_string().contains("与第2行重复"),
        "{err}"
    );
    let err = parse_year_roster("code,name,kind,district\na,甲,bureau,示例区\n", 2025).unwrap_err();
    assert!(
        err.to_string().contains("第2行") && err.to_string().contains("kind"),
        "{err}"
    );
    let err = parse_year_roster("code,name,district\na,甲,示例区\n", 2025).unwrap_err();
    assert!(err.to_string().contains("缺少列“kind”"), "{err}");
    let err = parse_year_roster("code,name,kind,district\n", 2025).unwrap_err();
    assert!(err.to_string().contains("没有任何单位"), "{err}");
}
