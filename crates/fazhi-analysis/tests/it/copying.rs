use fazhi_analysis::copying::{CopyAnalysis, CopyConfig, CopySource, detect};

use crate::season::Season;

fn analysis() -> CopyAnalysis {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let mut inputs = a.copy_inputs();
    inputs.extend(b.copy_inputs());
    detect(2024, &inputs, &CopyConfig::default())
}

#[test]
fn a_report_copied_from_another_unit_with_light_edits_is_found_passage_by_passage() {
    let c = analysis();
    let cgj = c
        .reports
        .iter()
        .find(|r| r.agency.code == "cgj")
        .expect("cgj");
    // cgj's judged sentences: 网格化巡查, 门前三包, （三）居民说事 heading,
    // 15个社区, 垃圾分类 (its own), 执法力量 shortcoming, 委党组书记 duty
    // (its own), 新增编制 plan = 8; all but the two own ones come from hdj
    // with the figures and the name of the unit changed.
    assert_eq!(cgj.sentences, 8);
    assert_eq!(cgj.copied_sentences, 6);
    assert_eq!(cgj.from_other_units, 6);
    assert_eq!(cgj.copied_share, 0.75);
    // Consecutive sentences form one passage: the four of the measures.
    let first = &cgj.passages[0];
    assert_eq!(first.source, CopySource::OtherUnit);
    assert_eq!(first.other_agency.code, "hdj");
    assert_eq!(first.sentences, 4);
    assert!(first.text.starts_with("区城管执法队实行网格化巡查"));
    assert!(first.other_text.starts_with("街道综合执法队实行网格化巡查"));
    assert!(cgj.passages.iter().all(|p| !p.text.contains("垃圾分类")));
    // The copy is symmetric: hdj shares those 6 sentences with cgj.
    let hdj = c
        .reports
        .iter()
        .find(|r| r.agency.code == "hdj")
        .expect("hdj");
    assert_eq!(hdj.from_other_units, 6);
}

#[test]
fn a_report_copied_from_its_own_last_year_is_flagged_as_such() {
    let c = analysis();
    let jyj = c
        .reports
        .iter()
        .find(|r| r.agency.code == "jyj")
        .expect("jyj");
    // Every judged sentence is last year's with new figures (章程, 宪法晨读,
    // 联合检查, 校园欺凌, the shortcoming, the two plans).
    assert_eq!((jyj.sentences, jyj.copied_sentences), (7, 7));
    assert_eq!(jyj.from_own_last_year, 7);
    assert_eq!(jyj.copied_share, 1.0);
    assert!(
        jyj.passages
            .iter()
            .all(|p| p.source == CopySource::OwnLastYear && p.other_year == 2023)
    );
    let scj = c
        .reports
        .iter()
        .find(|r| r.agency.code == "scj")
        .expect("scj");
    assert_eq!(scj.copied_sentences, 0);
}

#[test]
fn boilerplate_everyone_writes_is_learned_and_never_counted_as_copying() {
    let c = analysis();
    let study = "将习近平法治思想纳入党组理论学习中心组学习重点内容，推动学习贯彻走深走实。";
    let b = c
        .boilerplate
        .iter()
        .find(|b| b.text == study)
        .expect("learned");
    assert_eq!(b.units, 6);
    for r in &c.reports {
        assert!(
            r.passages.iter().all(|p| !p.text.starts_with(study)),
            "{}",
            r.agency.code
        );
        assert!(r.boilerplate_sentences >= 2, "{}", r.agency.code);
    }
    // With a frequency floor above the district's size nothing is boilerplate
    // and the shared sentence becomes a copy between all units.
    let (a, s) = (Season::load(2023), Season::load(2024));
    let mut inputs = a.copy_inputs();
    inputs.extend(s.copy_inputs());
    let strict = CopyConfig {
        boilerplate_min_units: 7,
        ..CopyConfig::default()
    };
    let raw = detect(2024, &inputs, &strict);
    let scj = raw
        .reports
        .iter()
        .find(|r| r.agency.code == "scj")
        .expect("scj");
    assert!(scj.copied_sentences > 0);
}
