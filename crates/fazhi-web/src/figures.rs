//! Figures computed and drawn without I/O: the reporting and on-time rates
//! over the season (from submission times against the deadline) and the
//! year-over-year comparison of two stored district summaries.

use std::collections::HashMap;

use fazhi_core::QuantityKind;
use fazhi_summary::DistrictSummary;
use maud::{Markup, html};

use crate::dashboard::when;

/// A submission as the timeline needs it.
#[derive(Debug, Clone)]
pub struct Filed {
    pub agency_code: String,
    pub status: String,
    pub submitted_at: i64,
}

/// After each unit's first readable report: (time, units reported so far,
/// of them before the deadline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub at: i64,
    pub reported: usize,
    pub on_time: usize,
}

/// Each roster unit counts from its first submission that is neither
/// withdrawn nor unreadable; units off the roster never count.
pub fn timeline(roster: &[String], filed: &[Filed], deadline: i64) -> Vec<Step> {
    let mut first: HashMap<&str, i64> = HashMap::new();
    for f in filed {
        if f.status == "withdrawn" || f.status == "rejected" {
            continue;
        }
        if !roster.iter().any(|c| c == &f.agency_code) {
            continue;
        }
        let e = first
            .entry(f.agency_code.as_str())
            .or_insert(f.submitted_at);
        *e = (*e).min(f.submitted_at);
    }
    let mut times: Vec<i64> = first.into_values().collect();
    times.sort_unstable();
    let mut on_time = 0;
    times
        .iter()
        .enumerate()
        .map(|(i, &at)| {
            if at <= deadline {
                on_time += 1;
            }
            Step {
                at,
                reported: i + 1,
                on_time,
            }
        })
        .collect()
}

const W: f64 = 720.0;
const H: f64 = 220.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 190.0;
const TOP: f64 = 12.0;

/// Step lines of both rates, the deadline as a dashed line.
pub fn timeline_svg(steps: &[Step], expected: usize, deadline: i64, now: i64) -> Markup {
    let start = steps.first().map_or(deadline, |s| s.at.min(deadline));
    let end = steps
        .last()
        .map_or(deadline, |s| s.at)
        .max(deadline)
        .max(now.min(deadline + 120 * 86_400_000));
    let span = (end - start).max(1) as f64;
    let x = |t: i64| LEFT + (t - start) as f64 / span * (W - LEFT - 20.0);
    let y = |n: usize| {
        let share = if expected == 0 {
            0.0
        } else {
            n as f64 / expected as f64
        };
        BOTTOM - share * (BOTTOM - TOP)
    };
    let path = |value: &dyn Fn(&Step) -> usize| {
        let mut d = format!("M{:.1},{:.1}", x(start), y(0));
        for s in steps {
            d.push_str(&format!(" H{:.1} V{:.1}", x(s.at), y(value(s))));
        }
        d.push_str(&format!(" H{:.1}", x(end)));
        d
    };
    let reported = path(&|s| s.reported);
    let on_time = path(&|s| s.on_time);
    let last = steps.last().copied();
    html! {
        svg.chart id="season-chart" role="img" aria-label="报送率与按时报送率随时间的变化" width=(W) height=(H) viewBox={"0 0 " (W) " " (H)} {
            @for pct in [0usize, 50, 100] {
                @let yy = BOTTOM - pct as f64 / 100.0 * (BOTTOM - TOP);
                line x1=(LEFT) x2=(W - 20.0) y1=(yy) y2=(yy) stroke="#d6dbe1" {}
                text x=(LEFT - 6.0) y=(yy + 4.0) text-anchor="end" { (pct) "%" }
            }
            line x1=(x(deadline)) x2=(x(deadline)) y1=(TOP) y2=(BOTTOM) stroke="#b3261e" stroke-dasharray="4 3" {}
            text x=(x(deadline) + 4.0) y=(TOP + 12.0) fill="#b3261e" { "截止 " (when(deadline)) }
            path d=(reported) fill="none" stroke="#2f6fb3" stroke-width="2.5" { title { "报送率" } }
            path d=(on_time) fill="none" stroke="#4aa37a" stroke-width="2" stroke-dasharray="6 2" { title { "按时报送率" } }
            text x=(LEFT) y=(H - 8.0) { (when(start)) }
            text x=(W - 20.0) y=(H - 8.0) text-anchor="end" { (when(end)) }
            @if let Some(l) = last {
                text x=(W - 22.0) y=(y(l.reported) - 6.0) text-anchor="end" fill="#2f6fb3" { "已报 " (l.reported) "/" (expected) }
            }
        }
        p.legend { span style="color:#2f6fb3" { "━ 报送率" } "　" span style="color:#4aa37a" { "╍ 按时报送率" } }
    }
}

/// One indicator in both years (summed counts only, same code and unit).
#[derive(Debug, Clone, PartialEq)]
pub struct YearPair {
    pub name: String,
    pub unit: String,
    pub before: f64,
    pub after: f64,
    pub before_agencies: usize,
    pub after_agencies: usize,
}

pub fn year_pairs(before: &DistrictSummary, after: &DistrictSummary) -> Vec<YearPair> {
    let key = |t: &fazhi_summary::IndicatorTotal| (t.code.clone(), t.unit.clone());
    let old: HashMap<_, _> = before
        .indicators
        .iter()
        .filter(|t| t.kind == QuantityKind::Count)
        .filter_map(|t| Some((key(t), (t.value?, t.agencies_count))))
        .collect();
    after
        .indicators
        .iter()
        .filter(|t| t.kind == QuantityKind::Count)
        .filter_map(|t| {
            let (b, ba) = *old.get(&key(t))?;
            Some(YearPair {
                name: t.name.clone(),
                unit: t.unit.clone(),
                before: b,
                after: t.value?,
                before_agencies: ba,
                after_agencies: t.agencies_count,
            })
        })
        .collect()
}

fn change(p: &YearPair) -> String {
    if p.before == 0.0 {
        return "—".into();
    }
    format!("{:+.1}%", (p.after - p.before) / p.before * 100.0)
}

/// The table of both years; `year` is the later one.
pub fn year_table(
    pairs: &[YearPair],
    year: i32,
    before: &DistrictSummary,
    after: &DistrictSummary,
) -> Markup {
    let num = fazhi_summary::draft::fmt_num;
    let max = pairs
        .iter()
        .map(|p| p.before.max(p.after))
        .fold(0.0_f64, f64::max);
    let bar = |v: f64| {
        if max > 0.0 {
            (v / max * 160.0).max(1.0)
        } else {
            1.0
        }
    };
    html! {
        table.units id="yoy" {
            caption {
                "来源：" a href={"/charts?district=" (crate::dashboard::urlenc(&before.district)) "&year=" (year - 1)} { (year - 1) "年度区汇总" }
                "（" (before.submitted) "/" (before.expected) " 份报告）与 " (year) "年度区汇总（" (after.submitted) "/" (after.expected) " 份报告）；两年报告的单位不同，合计不可直接看作增减。"
            }
            thead { tr { th scope="col" { "指标" } th scope="col" { (year - 1) "年" } th scope="col" { (year) "年" } th scope="col" { "变化" } th scope="col" { "对比" } } }
            tbody {
                tr {
                    th scope="row" { "报送率" }
                    td { (crate::dashboard::percent(before.reporting.rate)) }
                    td { (crate::dashboard::percent(after.reporting.rate)) }
                    td { "—" } td {}
                }
                @for p in pairs {
                    tr {
                        th scope="row" { (p.name) "（" (p.unit) "）" }
                        td { (num(p.before)) " " span.hint { (p.before_agencies) "个单位" } }
                        td { (num(p.after)) " " span.hint { (p.after_agencies) "个单位" } }
                        td { (change(p)) }
                        td {
                            svg width="170" height="22" role="img" aria-label={(year - 1) "年与" (year) "年"} {
                                rect x="0" y="2" width=(bar(p.before)) height="8" fill="#9db7d5" {}
                                rect x="0" y="12" width=(bar(p.after)) height="8" fill="#2f6fb3" {}
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(code: &str, status: &str, at: i64) -> Filed {
        Filed {
            agency_code: code.into(),
            status: status.into(),
            submitted_at: at,
        }
    }

    #[test]
    fn each_unit_counts_once_from_its_first_readable_report() {
        let roster = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let filed = [
            f("a", "processed", 10),
            f("a", "processed", 5),
            f("b", "rejected", 1),
            f("b", "processed", 30),
            f("c", "withdrawn", 2),
            f("x", "processed", 3),
        ];
        let steps = timeline(&roster, &filed, 20);
        assert_eq!(
            steps,
            vec![
                Step {
                    at: 5,
                    reported: 1,
                    on_time: 1
                },
                Step {
                    at: 30,
                    reported: 2,
                    on_time: 1
                },
            ]
        );
        let svg = timeline_svg(&steps, 3, 20, 40).into_string();
        assert!(svg.contains("已报 2/3") && svg.contains("截止"));
    }
}
