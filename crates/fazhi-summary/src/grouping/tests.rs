use super::*;
use crate::catalog::themes;
use crate::themes::classify;
use fazhi_core::Part;

fn item(label: &str) -> ClassifiedItem {
    ClassifiedItem {
        part: Part::Shortcomings,
        label: label.to_owned(),
        text: label.to_owned(),
        start: 0,
        end: label.chars().count(),
        excerpt: label.to_owned(),
        cite_end: label.chars().count(),
        themes: classify(themes(), label, label),
    }
}

#[test]
fn alike_wording_of_two_agencies_forms_one_group() {
    let a = AgencyRef {
        code: "a".into(),
        name: "甲局".into(),
    };
    let b = AgencyRef {
        code: "b".into(),
        name: "乙街".into(),
    };
    let items = [
        item("执法人员法治素养有待进一步提升"),
        item("行政执法人员法治素养仍需提高"),
        item("规范性文件合法性审核力量薄弱"),
    ];
    let inputs = [
        GroupInput {
            agency: &a,
            submission_id: "s1",
            item: &items[0],
        },
        GroupInput {
            agency: &b,
            submission_id: "s2",
            item: &items[1],
        },
        GroupInput {
            agency: &b,
            submission_id: "s2",
            item: &items[2],
        },
    ];
    let groups = group_items(themes(), &inputs, Kind::Shortcomings);
    assert_eq!(groups.len(), 2, "{groups:#?}");
    assert_eq!(groups[0].agencies_count, 2);
    assert_eq!(groups[0].theme, "enforcement");
    assert_eq!(groups[1].theme, "rules");
}
