//! The season in the draft, when the store gave its figures: the coverage
//! paragraph (expected, actual, on time, late, missing by name, exempt),
//! the publication paragraph, and the office's work in part five (returned
//! and resubmitted, reports held for a unit/year mismatch, privacy flags,
//! escalations). Every figure is a `season:<key>` fact the verifier checks
//! against [`SeasonFigures`]; every list names its units; dates are written
//! in Chinese numerals (text runs carry no digits).

use super::prose::Para;
use chrono::{Datelike, NaiveDate};
use fazhi_season::{Named, SeasonStatus, Step};

use crate::model::{Block, HoldKind, HoldState, SeasonFigures};
use crate::names::short_name;

/// `0-9` (half- or full-width) as `〇一二…九`: a year in a note (`2025年撤并`)
/// read as an official document writes it.
fn digits_zh(s: &str) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    s.chars()
        .map(|c| match c {
            '0'..='9' => D[c as usize - '0' as usize],
            '０'..='９' => D[c as usize - '０' as usize],
            c => c,
        })
        .collect()
}

/// `二〇二六年三月五日`.
fn day_zh(d: NaiveDate) -> String {
    format!(
        "{}年{}月{}日",
        digits_zh(&d.year().to_string()),
        super::prose::cn_num(d.month() as usize),
        super::prose::cn_num(d.day() as usize)
    )
}

/// A unit as the draft names it (its name is kept as it is, digits too).
fn name(full: &str) -> String {
    short_name(full)
}

/// `A（未报送）、B（三月五日送达）`: each unit with its note or date.
fn named(units: &[Named], what: impl Fn(&Named) -> String) -> String {
    units
        .iter()
        .map(|u| {
            let w = what(u);
            if w.is_empty() {
                name(&u.name)
            } else {
                format!("{}（{w}）", name(&u.name))
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn rate(p: &mut Para, label: &str, key: &str, percent: Option<f64>) {
    if let Some(v) = percent {
        p.text(format!("，{label}")).fact(key, v, "%");
    }
}

/// （一）报送情况, from the season's figures.
pub(crate) fn coverage(s: &SeasonStatus, out: &mut Vec<Block>) {
    let mut p = Para::default();
    p.text(format!(
        "（一）报送情况。按照{}前报送、{}前公开的要求，全区应报送年度报告的单位",
        day_zh(s.deadlines.submit_by),
        day_zh(s.deadlines.publish_by)
    ));
    p.fact("season:expected", s.expected as f64, "家");
    if s.exempt > 0 {
        p.text("（另有");
        p.fact("season:exempt", s.exempt as f64, "家");
        p.text(format!(
            "单位本年度免报：{}）",
            named(&s.exempt_units, |u| digits_zh(&u.note))
        ));
    }
    p.text("，已报送");
    p.fact("season:actual", s.actual as f64, "家");
    rate(
        &mut p,
        "报送率",
        "season:reporting_rate",
        s.reporting_rate.percent,
    );
    p.text("；按时报送");
    p.fact("season:on_time", s.on_time as f64, "家");
    rate(
        &mut p,
        "按时报送率",
        "season:reporting_rate_on_time",
        s.reporting_rate_on_time.percent,
    );
    if s.late > 0 {
        p.text("；逾期报送");
        p.fact("season:late", s.late as f64, "家");
        p.text(format!(
            "：{}",
            named(&s.late_units, |u| u
                .on
                .map(|d| format!("{}送达", day_zh(d)))
                .unwrap_or_default())
        ));
    }
    p.text("。");
    if s.missing_units.is_empty() {
        p.text("应报送单位均已报送。");
    } else {
        p.text("截至汇总时尚未报送或报告不计入汇总的");
        p.fact("season:missing", s.missing_units.len() as f64, "家");
        p.text(format!(
            "：{}，需督促报送。",
            named(&s.missing_units, |u| u.note.clone())
        ));
    }
    p.text("以上依据区依法治区办登记的送达日期统计。");
    out.push(p.block());
}

/// （三）公开情况, from the publication dates the office recorded.
pub(crate) fn publication(s: &SeasonStatus, out: &mut Vec<Block>) {
    let mut p = Para::default();
    p.text("（三）公开情况。已向社会公开年度报告的单位");
    p.fact("season:published", s.published as f64, "家");
    rate(
        &mut p,
        "公开率",
        "season:publication_rate",
        s.publication_rate.percent,
    );
    p.text("；按时公开");
    p.fact("season:published_on_time", s.published_on_time as f64, "家");
    rate(
        &mut p,
        "按时公开率",
        "season:publication_rate_on_time",
        s.publication_rate_on_time.percent,
    );
    if !s.published_late_units.is_empty() {
        p.text("；逾期公开");
        p.fact(
            "season:published_late",
            s.published_late_units.len() as f64,
            "家",
        );
        p.text(format!(
            "：{}",
            named(&s.published_late_units, |u| u
                .on
                .map(|d| format!("{}公开", day_zh(d)))
                .unwrap_or_default())
        ));
    }
    p.text("。");
    if !s.unpublished_units.is_empty() {
        p.text("尚未登记公开网址和日期的");
        p.fact("season:unpublished", s.unpublished_units.len() as f64, "家");
        p.text(format!(
            "：{}，请于{}前向社会公开。",
            named(&s.unpublished_units, |_| String::new()),
            day_zh(s.deadlines.publish_by)
        ));
    }
    out.push(p.block());
}

fn hold_zh(kind: HoldKind, state: HoldState) -> String {
    let what = match kind {
        HoldKind::Agency => "署名单位与报送单位不一致",
        HoldKind::Year => "所述年度与报送年度不一致",
    };
    let now = match state {
        HoldState::Open => "待核实",
        HoldState::Confirmed => "已核实确认",
        HoldState::Corrected => "已更正",
    };
    format!("{what}，{now}")
}

/// （四）审核和督促情况: what the office did in the season, each figure
/// with the units behind it; the steps are in the audit trail.
pub(crate) fn office(s: &SeasonFigures, out: &mut Vec<Block>) {
    let o = &s.office;
    let mut p = Para::default();
    p.text("（四）审核和督促情况。区依法治区办对报送的年度报告逐一审核");
    if o.resubmitted.is_empty() {
        p.text("，本年度没有退回后重新报送的报告");
    } else {
        p.text("，退回修改后重新报送");
        p.fact("season:resubmitted", o.resubmitted.len() as f64, "家");
        p.text(format!("：{}", named(&o.resubmitted, |_| String::new())));
    }
    p.text("。");
    if !o.held.is_empty() {
        p.text("因报告所述单位或年度与报送信息不一致而暂缓计入汇总的");
        p.fact("season:held", o.held.len() as f64, "份");
        let list = o
            .held
            .iter()
            .map(|h| format!("{}（{}）", name(&h.name), hold_zh(h.kind, h.state)))
            .collect::<Vec<_>>()
            .join("、");
        p.text(format!("：{list}"));
        let open = o.held.iter().filter(|h| h.state == HoldState::Open).count();
        if open > 0 {
            p.text("，其中仍待核实");
            p.fact("season:held_open", open as f64, "份");
        }
        p.text("。");
    }
    if !o.privacy.is_empty() {
        p.text("公开前审查发现报告含个人信息（身份证号码、电话号码或群众姓名）");
        let flagged: usize = o.privacy.iter().map(|f| f.flagged).sum();
        let cleared: usize = o.privacy.iter().map(|f| f.cleared).sum();
        p.fact("season:privacy_flagged", flagged as f64, "处");
        p.text("，涉及");
        p.fact("season:privacy_units", o.privacy.len() as f64, "家");
        let units = o
            .privacy
            .iter()
            .map(|f| name(&f.name))
            .collect::<Vec<_>>()
            .join("、");
        p.text(format!("单位（{units}），已处理"));
        p.fact("season:privacy_cleared", cleared as f64, "处");
        p.text("，已要求相关单位公开时删除。");
    }
    let mut any = false;
    for rung in Step::ALL {
        let steps: Vec<_> = o.escalations.iter().filter(|e| e.step == rung).collect();
        if steps.is_empty() {
            continue;
        }
        p.text(if any {
            "；"
        } else {
            "对未按要求报送或公开的单位，"
        });
        any = true;
        p.text(rung.label());
        p.fact(
            &format!("season:escalated:{}", rung.as_str()),
            steps.len() as f64,
            "家",
        );
        let list = steps
            .iter()
            .map(|e| match e.on {
                Some(d) => format!("{}（{}）", name(&e.name), day_zh(d)),
                None => name(&e.name),
            })
            .collect::<Vec<_>>()
            .join("、");
        p.text(format!("：{list}"));
    }
    if any {
        p.text("。");
    }
    p.text("以上审核、退回、核实和督办情况均记入审计记录（fazhi audit list）。");
    out.push(p.block());
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use fazhi_season::{Deadlines, Named, Rate, SeasonStatus, Step};

    use crate::model::*;
    use crate::{Agency, DistrictAggregate};

    fn unit(code: &str, name: &str, note: &str, on: Option<NaiveDate>) -> Named {
        Named {
            code: code.into(),
            name: name.into(),
            note: note.into(),
            on,
        }
    }

    fn rate(n: usize, d: usize) -> Rate {
        Rate::new(n, d)
    }

    fn day(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).unwrap()
    }

    #[test]
    fn the_draft_prints_the_seasons_figures_and_the_offices_work_and_each_verifies() {
        let roster: Vec<Agency> = ["司法局", "教育委员会", "湖东街道", "文旅局"]
            .iter()
            .enumerate()
            .map(|(i, n)| Agency {
                code: format!("a{i}"),
                name: format!("示例区{n}"),
                kind: Some(fazhi_core::AgencyKind::Department),
            })
            .collect();
        let status = SeasonStatus {
            district: "示例区".into(),
            year: 2025,
            deadlines: Deadlines::default_for(2025).unwrap(),
            expected: 3,
            actual: 2,
            on_time: 1,
            late: 1,
            exempt: 1,
            published: 1,
            published_on_time: 0,
            reporting_rate: rate(2, 3),
            reporting_rate_on_time: rate(1, 3),
            publication_rate: rate(1, 3),
            publication_rate_on_time: rate(0, 3),
            missing_units: vec![unit("a2", "示例区湖东街道", "未报送", None)],
            late_units: vec![unit("a1", "示例区教育委员会", "", Some(day(3, 5)))],
            exempt_units: vec![unit("a3", "示例区文旅局", "2025年撤并", None)],
            unpublished_units: vec![
                unit("a1", "示例区教育委员会", "", None),
                unit("a2", "示例区湖东街道", "", None),
            ],
            published_late_units: vec![unit("a0", "示例区司法局", "", Some(day(4, 10)))],
        };
        let season = SeasonFigures {
            status,
            office: OfficeWork {
                resubmitted: vec![unit("a1", "示例区教育委员会", "", None)],
                held: vec![HeldReport {
                    code: "a0".into(),
                    name: "示例区司法局".into(),
                    kind: HoldKind::Year,
                    state: HoldState::Corrected,
                }],
                privacy: vec![PrivacyFlags {
                    code: "a0".into(),
                    name: "示例区司法局".into(),
                    flagged: 3,
                    cleared: 2,
                }],
                escalations: vec![EscalationStep {
                    code: "a2".into(),
                    name: "示例区湖东街道".into(),
                    step: Step::Supervise,
                    on: Some(day(3, 8)),
                }],
            },
        };
        let mut a = DistrictAggregate::new("示例区", 2025, &roster[..3]);
        a.set_season(Some(season));
        let s = a.summary();
        let md = &s.draft_markdown;
        for want in [
            "按照二〇二六年三月一日前报送、二〇二六年四月一日前公开的要求，全区应报送年度报告的单位3家（另有1家单位本年度免报：文旅局（二〇二五年撤并））",
            "已报送2家，报送率66.7%；按时报送1家，按时报送率33.3%；逾期报送1家：教委（二〇二六年三月五日送达）",
            "尚未报送或报告不计入汇总的1家：湖东街道（未报送）",
            "已向社会公开年度报告的单位1家，公开率33.3%；按时公开0家，按时公开率0%；逾期公开1家：司法局（二〇二六年四月十日公开）",
            "尚未登记公开网址和日期的2家：教委、湖东街道",
            "退回修改后重新报送1家：教委",
            "暂缓计入汇总的1份：司法局（所述年度与报送年度不一致，已更正）",
            "个人信息（身份证号码、电话号码或群众姓名）3处，涉及1家单位（司法局），已处理2处",
            "督办1家：湖东街道（二〇二六年三月八日）",
        ] {
            assert!(md.contains(want), "missing `{want}` in:\n{md}");
        }
        assert!(s.verification.passed, "{:?}", s.verification.failures);
        // A figure that disagrees with the season is caught.
        let mut wrong = s.clone();
        if let Some(f) = wrong.season.as_mut() {
            f.status.actual = 3;
        }
        assert!(!crate::verify::verify(&wrong).passed);
    }
}
