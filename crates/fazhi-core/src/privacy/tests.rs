use super::*;

fn kinds(text: &str) -> Vec<(PrivacyKind, String)> {
    scan(text).into_iter().map(|f| (f.kind, f.text)).collect()
}

#[test]
fn valid_id_is_found_and_a_wrong_check_digit_is_not() {
    assert_eq!(
        kinds("身份证号11010519491231002X。"),
        vec![(PrivacyKind::ResidentId, "11010519491231002X".into())]
    );
    assert!(kinds("身份证号110105194912310021。").is_empty());
}
