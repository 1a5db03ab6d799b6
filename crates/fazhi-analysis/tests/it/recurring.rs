use fazhi_analysis::recurring::{shortcoming_key, track};

use crate::season::Season;

#[test]
fn a_shortcoming_reported_again_in_other_words_is_recurring_with_both_citations() {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let (ca, cb) = (a.contributions(), b.contributions());
    let all = track(&[(2024, &cb), (2023, &ca)]);
    // 2023 `执法人员数量少`, 2024 `执法力量配备不足`: one concept.
    let staff = all
        .iter()
        .find(|t| t.agency.code == "hdj" && t.recurring)
        .expect("hdj recurring");
    assert_eq!(staff.concept.as_deref(), Some("enforcement_staff"));
    assert_eq!(staff.occurrences.len(), 2);
    assert_eq!(staff.occurrences[0].year, 2023);
    assert_eq!(staff.occurrences[1].year, 2024);
    assert!(staff.occurrences[0].excerpt.contains("执法人员数量少"));
    assert!(staff.occurrences[1].excerpt.contains("执法力量配备不足"));
    assert_eq!(staff.key, shortcoming_key("hdj", 2023, "执法人员数量少"));
    // hdj (staff) and jyj (the copied report) recur; nothing else does.
    let mut recurring: Vec<&str> = all
        .iter()
        .filter(|t| t.recurring)
        .map(|t| t.agency.code.as_str())
        .collect();
    recurring.sort_unstable();
    assert_eq!(recurring, ["hdj", "jyj"]);
    // 13 distinct shortcomings: 8 in 2023, 7 in 2024, two of them the same.
    assert_eq!(all.len(), 13);
}

#[test]
fn keys_do_not_change_when_a_later_year_is_added() {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let (ca, cb) = (a.contributions(), b.contributions());
    let first: Vec<String> = track(&[(2023, &ca)]).into_iter().map(|t| t.key).collect();
    let both: Vec<String> = track(&[(2023, &ca), (2024, &cb)])
        .into_iter()
        .map(|t| t.key)
        .collect();
    assert_eq!(first.len(), 8);
    assert_eq!(&both[..8], &first[..]);
    let mut unique = both.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), both.len(), "keys are unique");
}
