//! The analyses as blocks of the district's draft (the summary's `Block`
//! type, so Markdown and DOCX rendering need nothing new): a paragraph and
//! an annex table for plans against delivery and for recurring shortcomings.
//! Every number printed is a count of the rows the annex lists.

use fazhi_summary::model::{Block, Inline};
use fazhi_summary::names::short_name;

use crate::plans::{Delivery, PlanReview};
use crate::recurring::TrackedShortcoming;

/// Small counts in Chinese numerals (`三个单位`), as the summary's draft writes them.
fn cn_num(n: usize) -> String {
    const D: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    D.get(n).map_or_else(|| n.to_string(), |d| (*d).to_owned())
}

/// A rate as printed: one decimal, none when whole.
fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn paragraph(text: String) -> Block {
    Block::Paragraph {
        inlines: vec![Inline::Text { text }],
    }
}

fn status_zh(d: Delivery) -> &'static str {
    match d {
        Delivery::Delivered => "已落实",
        Delivery::Partly => "部分落实",
        Delivery::NotVisible => "未见落实",
    }
}

/// The paragraph on last year's plans, then the annex listing each plan.
pub fn plan_blocks(r: &PlanReview) -> Vec<Block> {
    let mut out = vec![Block::Heading {
        level: 2,
        text: format!("{}年度工作安排落实情况", r.previous_year),
    }];
    if r.plans == 0 {
        out.push(paragraph(format!(
            "{}年度报告中未见各单位的下一年度工作安排。",
            r.previous_year
        )));
        return out;
    }
    let lagging: Vec<String> = r
        .units
        .iter()
        .filter(|u| u.delivered == 0)
        .map(|u| short_name(&u.agency.name))
        .collect();
    let mut text = format!(
        "对照{}个单位{}年度报告提出的{}项工作安排，{}年度报告中可见已落实{}项、部分落实{}项，未见落实{}项",
        cn_num(r.units.len()),
        r.previous_year,
        r.plans,
        r.year,
        r.delivered,
        r.partly,
        r.not_visible
    );
    if let Some(rate) = r.delivery_rate {
        text.push_str(&format!("，落实率{}%", fmt_num(rate)));
    }
    if !lagging.is_empty() {
        text.push_str(&format!(
            "；{}的安排均未见落实，需跟踪督促",
            lagging.join("、")
        ));
    }
    text.push('。');
    out.push(paragraph(text));
    out.push(Block::Heading {
        level: 3,
        text: "附表：工作安排落实情况".to_owned(),
    });
    let rows = r
        .units
        .iter()
        .flat_map(|u| {
            u.checks.iter().map(move |c| {
                vec![
                    short_name(&u.agency.name),
                    c.plan.excerpt.clone(),
                    status_zh(c.status).to_owned(),
                    c.measure
                        .as_ref()
                        .map_or_else(String::new, |m| m.excerpt.clone()),
                ]
            })
        })
        .collect();
    out.push(Block::Table {
        header: vec![
            "单位".to_owned(),
            format!("{}年度安排", r.previous_year),
            "落实情况".to_owned(),
            format!("{}年度对应举措", r.year),
        ],
        rows,
    });
    out
}

/// The paragraph on shortcomings reported again, then the annex with both years.
pub fn recurring_blocks(tracked: &[TrackedShortcoming]) -> Vec<Block> {
    let again: Vec<&TrackedShortcoming> = tracked.iter().filter(|t| t.recurring).collect();
    let mut out = vec![Block::Heading {
        level: 2,
        text: "连续反映的问题".to_owned(),
    }];
    if again.is_empty() {
        out.push(paragraph("各单位本年度未见重复反映的问题。".to_owned()));
        return out;
    }
    let mut units: Vec<String> = Vec::new();
    for t in &again {
        let n = short_name(&t.agency.name);
        if !units.contains(&n) {
            units.push(n);
        }
    }
    out.push(paragraph(format!(
        "{}个单位的{}项问题在连续年度报告中重复反映（{}），整改成效有待检验。",
        cn_num(units.len()),
        again.len(),
        units.join("、")
    )));
    out.push(Block::Heading {
        level: 3,
        text: "附表：连续反映的问题".to_owned(),
    });
    let rows = again
        .iter()
        .map(|t| {
            let years: Vec<String> = t
                .occurrences
                .iter()
                .map(|o| format!("{}年：{}", o.year, o.excerpt))
                .collect();
            vec![short_name(&t.agency.name), years.join("\n"), t.key.clone()]
        })
        .collect();
    out.push(Block::Table {
        header: vec![
            "单位".to_owned(),
            "各年度表述".to_owned(),
            "问题编号".to_owned(),
        ],
        rows,
    });
    out
}
