//! Part four opens with last year's plans against this year's measures, when
//! the store gave the review (`fazhi_analysis::plans`): a paragraph whose
//! counts are `plans:<key>` facts, and the annex listing each plan with its
//! status and the measure that shows it.

use super::prose::{Para, heading, short_names};
use crate::model::{Block, PlanDelivery};

/// The paragraph on last year's plans.
pub(crate) fn paragraph(r: &PlanDelivery, out: &mut Vec<Block>) {
    let mut p = Para::default();
    if r.plans == 0 {
        p.text("上一年度各单位报告中未见下一年度工作安排。");
        out.push(p.block());
        return;
    }
    p.text("对照");
    p.fact("plans:units", r.units as f64, "家");
    p.text("单位上一年度报告提出的");
    p.fact("plans:plans", r.plans as f64, "项");
    p.text("工作安排，本年度报告中可见已落实");
    p.fact("plans:delivered", r.delivered as f64, "项");
    p.text("、部分落实");
    p.fact("plans:partly", r.partly as f64, "项");
    p.text("，未见落实");
    p.fact("plans:not_visible", r.not_visible as f64, "项");
    if let Some(rate) = r.delivery_rate {
        p.text("，落实率").fact("plans:delivery_rate", rate, "%");
    }
    if !r.lagging.is_empty() {
        p.text(format!("；{}", short_names(&r.lagging)));
        p.fact("plans:lagging", r.lagging.len() as f64, "家");
        p.text("单位的安排均未见落实，需跟踪督促");
    }
    p.text("（逐项对照见附表四）。");
    out.push(p.block());
}

/// 附表四: each plan, its status and the matching measure as written.
pub(crate) fn annex(r: &PlanDelivery, out: &mut Vec<Block>) {
    if r.annex.is_empty() {
        return;
    }
    out.push(heading(2, "附表四：上一年度工作安排落实情况"));
    out.extend(r.annex.iter().cloned());
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::{Agency, DistrictAggregate};

    #[test]
    fn part_four_opens_with_last_years_plans_and_each_count_verifies() {
        let roster = [Agency {
            code: "a".into(),
            name: "示例区市场监管局".into(),
            kind: Some(fazhi_core::AgencyKind::Department),
        }];
        let review = PlanDelivery {
            units: 2,
            plans: 5,
            delivered: 2,
            partly: 1,
            not_visible: 2,
            delivery_rate: Some(40.0),
            lagging: vec![AgencyRef {
                code: "a".into(),
                name: "示例区市场监管局".into(),
            }],
            annex: vec![Block::Table {
                header: vec!["单位".into(), "落实情况".into()],
                rows: vec![vec!["市场监管局".into(), "未见落实".into()]],
            }],
        };
        let mut a = DistrictAggregate::new("示例区", 2025, &roster);
        a.set_plan_delivery(Some(review));
        let s = a.summary();
        let md = &s.draft_markdown;
        let four = md.split("## 四、").nth(1).expect("part four");
        assert!(
            four.contains("对照2家单位上一年度报告提出的5项工作安排，本年度报告中可见已落实2项、部分落实1项，未见落实2项，落实率40%；市场监管局1家单位的安排均未见落实"),
            "{four}"
        );
        assert!(
            md.contains("### 附表四：上一年度工作安排落实情况\n\n| 单位 | 落实情况 |"),
            "{md}"
        );
        assert!(s.verification.passed, "{:?}", s.verification.failures);
        let mut wrong = s.clone();
        if let Some(p) = wrong.plan_delivery.as_mut() {
            p.delivered = 3;
        }
        assert!(!crate::verify::verify(&wrong).passed);
    }
}
