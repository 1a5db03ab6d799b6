//! Mismatch findings: the text names another unit or another year than the
//! one the report was submitted for.

use fazhi_core::{DutyFactKind, ParseOptions, Severity, parse_text};

/// An invented department report in the usual web-copy shape.
const REPORT: &str = "青禾区司法局2023年度法治政府建设情况报告\n\
区委、区政府:\n\
2023年,青禾区司法局坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:\n\
一、主要举措和成效\n\
(一)强化组织领导。局长作为第一责任人,主持召开党组会议专题研究法治建设工作4次,组织会前学法八次。\n\
(二)深化普法宣传。开展法治宣传活动35场,发放宣传资料5000余份。\n\
二、存在的不足和原因\n\
一是执法队伍专业化水平有待提高;二是普法针对性不强。\n\
三、党政主要负责人履行推进法治建设第一责任人职责情况\n\
主要负责人年底专题述法,带头旁听庭审一次。\n\
四、下一年度推进法治政府建设的主要安排\n\
(一)计划专题研究法治建设工作6次。\n\
五、其他需要报告的情况\n\
无。";

fn codes(options: &ParseOptions) -> Vec<(String, Severity, Option<usize>)> {
    parse_text(REPORT, options)
        .findings
        .into_iter()
        .map(|f| (f.code, f.severity, f.start))
        .collect()
}

#[test]
fn another_unit_named_in_the_text_is_an_agency_mismatch_with_its_span() {
    let options = ParseOptions {
        expected_agency: Some("青禾区民政局".into()),
        ..ParseOptions::default()
    };
    let r = parse_text(REPORT, &options);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "agency_mismatch")
        .expect("agency_mismatch");
    assert_eq!(f.severity, Severity::Error);
    let (s, e) = (f.start.unwrap_or(0), f.end.unwrap_or(0));
    let named: String = REPORT.chars().skip(s).take(e - s).collect();
    assert_eq!(named, "青禾区司法局");
}

#[test]
fn the_same_unit_under_its_fuller_roster_name_is_no_mismatch() {
    for roster in ["南江市青禾区司法局", "青禾区司法局", " 青禾区司法局 "] {
        let options = ParseOptions {
            expected_agency: Some(roster.into()),
            expected_year: Some(2023),
        };
        assert!(
            codes(&options).iter().all(|c| !c.0.ends_with("_mismatch")),
            "{roster}: {:?}",
            codes(&options)
        );
    }
}

#[test]
fn another_year_is_a_year_mismatch_pointing_at_the_year() {
    let options = ParseOptions {
        expected_year: Some(2024),
        ..ParseOptions::default()
    };
    let r = parse_text(REPORT, &options);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "year_mismatch")
        .expect("year_mismatch");
    assert_eq!(f.severity, Severity::Error);
    let (s, e) = (f.start.unwrap_or(0), f.end.unwrap_or(0));
    assert_eq!(
        REPORT.chars().skip(s).take(e - s).collect::<String>(),
        "2023年"
    );
}

#[test]
fn leader_duty_facts_are_counted_outside_the_plans() {
    let r = parse_text(REPORT, &ParseOptions::default());
    let got: Vec<(DutyFactKind, Option<f64>)> =
        r.duty_facts.iter().map(|f| (f.kind, f.count)).collect();
    assert_eq!(
        got,
        vec![
            (DutyFactKind::FirstResponsible, None),
            (DutyFactKind::TopicStudy, Some(4.0)),
            (DutyFactKind::StudyBeforeMeeting, Some(8.0)),
            (DutyFactKind::Shufa, None),
        ]
    );
    for f in &r.duty_facts {
        let span: String = REPORT.chars().skip(f.start).take(f.end - f.start).collect();
        assert_eq!(span, f.text);
    }
}
