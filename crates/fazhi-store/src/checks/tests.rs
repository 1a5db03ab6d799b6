use super::found::reviewer_finding;
use super::*;

#[test]
fn privacy_flags_become_checks_with_their_spans() {
    let text = "信访人马秀荣反映的问题已办结。";
    let checks = checks_of(text, &ParsedReport::default());
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].kind, CheckKind::Privacy);
    assert_eq!(checks[0].span, Some((3, 6)));
    assert!(checks[0].message.contains("马秀荣"));
}

#[test]
fn only_mismatches_hold() {
    assert!(CheckKind::AgencyMismatch.holds());
    assert!(CheckKind::YearMismatch.holds());
    assert!(!CheckKind::Privacy.holds());
    assert_eq!(reviewer_finding("part_missing.other"), None);
    assert_eq!(
        reviewer_finding("part_missing.leader_duty"),
        Some(CheckKind::Finding)
    );
}
