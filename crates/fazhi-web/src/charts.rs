//! Figures drawn on the server as SVG (no script, no library): indicator
//! totals as bars with a drill-down to every source, the reporting rates,
//! and the agencies × chapters matrix as a heat map.

use axum::extract::{Query, State};
use fazhi_core::QuantityKind;
use fazhi_summary::{DistrictSummary, IndicatorTotal, Source};
use maud::{Markup, html};

use fazhi_store::entity::submission;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::AppState;
use crate::auth::Signed;
use crate::error::WebError;
use crate::figures::{Filed, timeline, timeline_svg, year_pairs, year_table};
use crate::layout;
use crate::scope::{SeasonQuery, season};

fn source_link(s: &Source) -> String {
    let (a, b) = if s.sentence_end > s.sentence_start {
        (s.sentence_start, s.sentence_end)
    } else {
        (s.start, s.end)
    };
    format!("/reports/{}?hl={a}-{b}#target", s.submission_id)
}

/// Summed counts only: rates and changes are not comparable as bars.
fn counts(summary: &DistrictSummary) -> Vec<&IndicatorTotal> {
    summary
        .indicators
        .iter()
        .filter(|t| t.kind == QuantityKind::Count && t.value.is_some())
        .collect()
}

const BAR_H: u32 = 22;
const LABEL_W: u32 = 260;
const BAR_W: u32 = 520;

/// Bar length on a log scale: totals range from 2 to millions (readings
/// beside counts of cases), and a linear scale would flatten all but one.
pub fn bar_width(v: f64, max: f64) -> f64 {
    let scale = (max.max(1.0) + 1.0).log10();
    ((v.max(0.0) + 1.0).log10() / scale * f64::from(BAR_W))
        .round()
        .max(1.0)
}

/// Horizontal bars, one per indicator, each a link to its sources below.
pub fn bars(totals: &[&IndicatorTotal]) -> Markup {
    let max = totals
        .iter()
        .filter_map(|t| t.value)
        .fold(0.0_f64, f64::max);
    let height = BAR_H * totals.len() as u32 + 10;
    let width = LABEL_W + BAR_W + 120;
    html! {
        svg.chart role="img" aria-label="各项指标合计" width=(width) height=(height) viewBox={"0 0 " (width) " " (height)} {
            @for (i, t) in totals.iter().enumerate() {
                @let y = i as u32 * BAR_H + 5;
                @let v = t.value.unwrap_or(0.0);
                @let w = bar_width(v, max);
                a href={"#ind-" (i)} {
                    title { (t.name) "：" (fazhi_summary::draft::fmt_num(v)) (t.unit) "，" (t.agencies_count) " 个单位" }
                    text x=(LABEL_W - 8) y=(y + 15) text-anchor="end" { (t.name) "（" (t.unit) "）" }
                    rect.bar x=(LABEL_W) y=(y + 2) width=(w) height=(BAR_H - 6) {}
                    text x={(LABEL_W as f64 + w + 6.0)} y=(y + 15) { (fazhi_summary::draft::fmt_num(v)) }
                }
            }
        }
    }
}

/// Cell colour from white to deep blue by share of the maximum.
pub fn heat(count: usize, max: usize) -> String {
    if count == 0 || max == 0 {
        return "#f4f6f8".into();
    }
    let t = count as f64 / max as f64;
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(222.0, 8.0),
        mix(235.0, 48.0),
        mix(247.0, 107.0)
    )
}

fn heat_map(summary: &DistrictSummary) -> Markup {
    let m = &summary.theme_matrix;
    let names = fazhi_summary::catalog::themes();
    let max = m
        .rows
        .iter()
        .flat_map(|r| r.counts.iter().copied())
        .max()
        .unwrap_or(0);
    html! {
        table.heat id="heat" {
            caption { "各单位“主要举措”事项在纲要各章的分布（颜色越深事项越多）" }
            thead { tr { th scope="col" { "单位" } @for code in &m.themes { th scope="col" title=(names.name(code)) { (names.short(code)) } } } }
            tbody {
                @for r in &m.rows {
                    tr {
                        th scope="row" { (r.agency.name) }
                        @for (i, c) in r.counts.iter().enumerate() {
                            td style={"background:" (heat(*c, max)) ";color:" (if *c * 2 > max { "#fff" } else { "#222" })}
                               title={(r.agency.name) " · " (m.themes.get(i).map(|c| names.name(c)).unwrap_or_default()) "：" (c)} { (c) }
                        }
                    }
                }
            }
        }
    }
}

fn rates(summary: &DistrictSummary) -> Markup {
    let r = &summary.reporting;
    let width = 600.0;
    let share = |n: usize| {
        if r.expected == 0 {
            0.0
        } else {
            n as f64 / r.expected as f64 * width
        }
    };
    html! {
        svg.chart role="img" aria-label="报送率" width="720" height="70" viewBox="0 0 720 70" {
            rect x="0" y="5" width=(width) height="24" fill="#e3e7ec" {}
            rect.bar x="0" y="5" width=(share(r.actual)) height="24" {}
            text x="608" y="22" { "已报 " (r.actual) "/" (r.expected) }
            rect x="0" y="40" width=(width) height="24" fill="#e3e7ec" {}
            rect.bar2 x="0" y="40" width=(share(r.on_time)) height="24" {}
            text x="608" y="57" { "按时 " (r.on_time) "/" (r.expected) }
        }
    }
}

pub async fn page(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<SeasonQuery>,
) -> Result<Markup, WebError> {
    let s = season(&state.store, &signed.session.principal, &q).await?;
    let summary = state
        .store
        .district_summary(&s.district, s.year)
        .await?
        .ok_or_else(|| WebError::NotFound(format!("名录中没有“{}”的单位", s.district)))?;
    let totals = counts(&summary);
    let filed: Vec<(String, String, i64)> = submission::Entity::find()
        .select_only()
        .columns([
            submission::Column::AgencyCode,
            submission::Column::Status,
            submission::Column::SubmittedAt,
        ])
        .filter(submission::Column::District.eq(s.district.as_str()))
        .filter(submission::Column::ReportingYear.eq(s.year))
        .into_tuple()
        .all(state.store.db())
        .await
        .map_err(fazhi_store::StoreError::from)?;
    let filed: Vec<Filed> = filed
        .into_iter()
        .map(|(agency_code, status, submitted_at)| Filed {
            agency_code,
            status,
            submitted_at,
        })
        .collect();
    let roster: Vec<String> = state
        .store
        .roster(&s.district)
        .await?
        .into_iter()
        .map(|a| a.code)
        .collect();
    let deadline = fazhi_store::record::deadline_ms(s.year);
    let steps = timeline(&roster, &filed, deadline);
    // Year over year only where the earlier year has processed reports.
    let before = state
        .store
        .district_summary(&s.district, s.year - 1)
        .await?
        .filter(|b| b.submitted > 0);
    let title = format!("{} {}年度图表", s.district, s.year);
    Ok(layout::page(
        &title,
        &signed.session,
        "/charts",
        html! {
            h2 { "报送情况" }
            (rates(&summary))
            h2 { "报送进度（按报送时间）" }
            p.hint { "来源：" (filed.len()) " 份报送的报送时间与截止时间（名录 " (roster.len()) " 个单位；每个单位自第一份可读的报送起计入）。" }
            (timeline_svg(&steps, roster.len(), deadline, fazhi_store::now_ms()))
            h2 { "指标合计" }
            @if totals.is_empty() { p.hint { "还没有可合计的数字。" } } @else {
                p.hint { "条长按对数刻度；点击指标查看每个来源。" }
                (bars(&totals))
            }
            h2 { "单位 × 纲要章节" }
            (heat_map(&summary))
            h2 { "与上一年度对比" }
            @match &before {
                Some(b) => (year_table(&year_pairs(b, &summary), s.year, b, &summary)),
                None => p.hint id="yoy-none" { (s.year - 1) "年度没有已处理的报告，暂无对比。" },
            }
            h2 { "各指标来源" }
            @for (i, t) in totals.iter().enumerate() {
                details id={"ind-" (i)} {
                    summary { (t.name) "：" (fazhi_summary::draft::fmt_num(t.value.unwrap_or(0.0))) (t.unit) "（" (t.sources.len()) " 处）" }
                    ul {
                        @for src in &t.sources {
                            li { a href=(source_link(src)) { (src.agency.name) } "：" (src.sentence) }
                        }
                    }
                    @if !t.apart.is_empty() {
                        p.hint { "同一指标、未计入合计的数字（分项、平均数或多年数）：" }
                        ul.apart {
                            @for src in &t.apart {
                                li { a href=(source_link(src)) { (src.agency.name) } "：" (src.sentence) }
                            }
                        }
                    }
                }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_keep_their_order_on_the_log_scale_and_the_largest_is_full_length() {
        let max = 1_700_000.0;
        assert_eq!(bar_width(max, max), f64::from(BAR_W));
        let (a, b) = (bar_width(2.0, max), bar_width(320.0, max));
        assert!(1.0 <= a && a < b && b < f64::from(BAR_W));
    }

    #[test]
    fn heat_grows_darker_with_the_count() {
        assert_eq!(heat(0, 5), "#f4f6f8");
        assert_eq!(heat(5, 5), "#08306b");
        let mid = heat(2, 5);
        assert!(mid.as_str() > "#08306b" && mid.as_str() < "#deebf7");
    }
}
