//! The season dashboard page (exports in [`crate::export`]); the numbers
//! come from [`crate::progress`].

use axum::extract::{Query, State};
use axum::response::Redirect;
use fazhi_store::Role;
use fazhi_store::entity::submission;
use std::collections::{HashMap, HashSet};

use fazhi_season::VersionState;
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::AppState;
use crate::auth::Signed;
use crate::error::WebError;
use crate::layout;
pub use crate::progress::*;
use crate::scope::season;

/// Beijing time, as a clerk reads it.
pub fn when(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms + 8 * 3_600_000)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// A season as the dashboard and its exports show it: the rows, the
/// season's own figures (`fazhi_season::season_status`, what GetSeasonStatus
/// returns) and the facts both come from.
pub struct SeasonView {
    pub rows: Vec<Row>,
    pub rates: Rates,
    pub status: fazhi_season::SeasonStatus,
    pub units: Vec<fazhi_season::UnitFacts>,
    pub count_unreviewed: bool,
}

/// The season of a district's year, straight from the store.
pub async fn season_view(
    state: &AppState,
    district: &str,
    year: i32,
) -> Result<SeasonView, WebError> {
    let (settings, units) = state.store.season_facts(district, year).await?;
    let kinds: HashMap<String, fazhi_store::AgencyKind> = state
        .store
        .roster(district)
        .await?
        .into_iter()
        .map(|a| (a.code, a.kind))
        .collect();
    // An unreadable file's reason, for the row that shows it.
    let reasons: HashMap<String, String> = submission::Entity::find()
        .select_only()
        .columns([submission::Column::Id, submission::Column::RejectReason])
        .filter(submission::Column::District.eq(district))
        .filter(submission::Column::ReportingYear.eq(year))
        .filter(submission::Column::RejectReason.is_not_null())
        .into_tuple::<(String, Option<String>)>()
        .all(state.store.db())
        .await
        .map_err(fazhi_store::StoreError::from)?
        .into_iter()
        .filter_map(|(id, reason)| Some((id, reason?)))
        .collect();
    let rows = rows(
        &units,
        &kinds,
        &reasons,
        &settings.deadlines,
        fazhi_store::now_ms(),
    );
    let status = fazhi_season::season_status(
        district,
        year,
        settings.deadlines,
        &units,
        settings.count_unreviewed,
    );
    Ok(SeasonView {
        rates: rates(&status, &rows),
        rows,
        status,
        units,
        count_unreviewed: settings.count_unreviewed,
    })
}

/// `/`: a unit goes to its own page, everyone else to the dashboard.
pub async fn home(signed: Signed) -> Redirect {
    match signed.session.principal.role {
        Role::Unit => Redirect::to("/upload"),
        _ => Redirect::to("/dashboard"),
    }
}

fn state_options(current: &str) -> Markup {
    let options = [
        ("", "全部"),
        ("missing", "未报送"),
        ("submitted", "待处理"),
        ("processed", "已处理"),
        ("rejected", "需重报"),
        ("late", "逾期"),
    ];
    html! {
        @for (code, label) in options {
            option value=(code) selected[code == current] { (label) }
        }
    }
}

pub fn kind_zh(kind: Option<fazhi_store::AgencyKind>) -> &'static str {
    use fazhi_store::AgencyKind;
    match kind {
        Some(AgencyKind::Department) => "部门",
        Some(AgencyKind::Street) => "街道",
        Some(AgencyKind::Town) => "乡镇",
        Some(AgencyKind::DistrictGovernment) => "区政府",
        None => "",
    }
}

pub async fn page(
    State(state): State<AppState>,
    signed: Signed,
    Query(f): Query<Filter>,
) -> Result<Markup, WebError> {
    let s = season(&state.store, &signed.session.principal, &f.season()).await?;
    let view = season_view(&state, &s.district, s.year).await?;
    let review = ReviewSummary::of(&state, &view).await?;
    let (r, all) = (view.rates, view.rows);
    let attention = crate::attention::section(&state, &signed, &s.district, s.year).await?;
    let shown = select(all, &f);
    let query = format!(
        "district={}&year={}&state={}&q={}&sort={}",
        urlenc(&s.district),
        s.year,
        urlenc(f.state.as_deref().unwrap_or_default()),
        urlenc(f.q.as_deref().unwrap_or_default()),
        urlenc(f.sort.as_deref().unwrap_or_default()),
    );
    let title = format!("{} {}年度报告报送进度", s.district, s.year);
    Ok(layout::page(
        &title,
        &signed.session,
        "/dashboard",
        html! {
            section.rates aria-label="报送率" {
                div.stat { span.k { "应报单位" } span.v id="expected" { (r.expected) } }
                div.stat { span.k { "已报单位" } span.v id="actual" { (r.actual) } }
                div.stat { span.k { "报送率" } span.v id="rate" { (view.status.reporting_rate.show()) } }
                div.stat { span.k { "按时报送" } span.v id="on-time" { (r.on_time) } }
                div.stat { span.k { "按时报送率" } span.v id="rate-on-time" { (percent(r.rate_on_time)) } }
                div.stat { span.k { "已处理" } span.v id="processed" { (r.processed) } }
            }
            (review.tiles(&view.status))
            p.hint { "报送截止：" (view.status.deadlines.submit_by) "，公开截止：" (view.status.deadlines.publish_by) "（北京时间）。已报按报送季规则计：退回、撤回的版本和无法读取的文件不计入；按时以送达日期计。" }
            form.filters method="get" action="/dashboard" {
                input type="hidden" name="district" value=(s.district);
                input type="hidden" name="year" value=(s.year);
                label for="f-state" { "状态" }
                select id="f-state" name="state" { (state_options(f.state.as_deref().unwrap_or_default())) }
                label for="f-q" { "单位" }
                input id="f-q" name="q" type="search" value=[f.q.as_deref()] placeholder="名称或代码";
                label for="f-sort" { "排序" }
                select id="f-sort" name="sort" {
                    @for (code, label) in [("name", "按代码"), ("state", "按状态"), ("time", "按报送时间")] {
                        option value=(code) selected[f.sort.as_deref() == Some(code)] { (label) }
                    }
                }
                button type="submit" { "筛选" }
                a.button href={"/dashboard.csv?" (query)} id="csv" download { "导出 CSV" }
                a.button href={"/dashboard.xlsx?" (query)} id="xlsx" download { "导出 Excel" }
            }
            (attention)
            table.units id="units" {
                caption { "共 " (shown.len()) " 个单位" }
                thead { tr { th scope="col" { "代码" } th scope="col" { "单位" } th scope="col" { "类型" } th scope="col" { "状态" } th scope="col" { "是否按时" } th scope="col" { "审核" } th scope="col" { "报送时间" } th scope="col" { "报告" } } }
                tbody {
                    @for row in &shown {
                        tr data-state=(row.state.code()) {
                            td { (row.code) }
                            td { (row.name) }
                            td { (kind_zh(row.kind)) }
                            td { span class={"state " (row.state.code())} { (row.state.zh()) } }
                            td {
                                @match (row.on_time, row.overdue) {
                                    (Some(true), _) => span.ok { "按时" },
                                    (Some(false), _) => span.bad { "逾期报送" },
                                    (None, true) => span.bad { "逾期未报" },
                                    (None, false) => "—",
                                }
                            }
                            td {
                                @if let Some((id, v)) = review.latest.get(row.code.as_str()) {
                                    span class={"state " (v.as_str())} { (v.label_zh()) }
                                    @if review.held.contains(id) {
                                        " " span.bad.held title="单位或年度与报告正文不符，确认或更正前不计入汇总" { "待核实，暂不计入" }
                                    }
                                } @else { "—" }
                                @if let Some(d) = review.published.get(row.code.as_str()) {
                                    " " span.ok.published { "已公开（" (d) "）" }
                                }
                            }
                            td { @if let Some(t) = row.submitted_at { (when(t)) } @else { "—" } }
                            td {
                                @if let Some(id) = &row.submission_id { a href={"/reports/" (id)} { "查看" } }
                                @if let Some(reason) = &row.reject_reason { " " span.bad title=(reason) { "（原因）" } }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// The season's review and publication, by the season rules
/// (`fazhi_season::season_status`, what gRPC's GetSeasonStatus returns):
/// which version counts, how many the office accepted, who published.
struct ReviewSummary {
    accepted: usize,
    /// Each unit's latest version: its id and state.
    latest: HashMap<String, (String, VersionState)>,
    /// Versions held out of the totals by an open unit/year check.
    held: HashSet<String>,
    /// Each unit's publication date, when it published.
    published: HashMap<String, chrono::NaiveDate>,
}

impl ReviewSummary {
    async fn of(state: &AppState, view: &SeasonView) -> Result<Self, WebError> {
        let units = &view.units;
        let accepted = units
            .iter()
            .filter(|u| u.exempt_reason.is_none())
            .filter(|u| {
                u.counting(view.count_unreviewed)
                    .is_some_and(|v| v.state == VersionState::Accepted)
            })
            .count();
        let latest = units
            .iter()
            .filter_map(|u| {
                let v = u.versions.iter().max_by_key(|v| (v.submitted_at, &v.id))?;
                Some((u.code.clone(), (v.id.clone(), v.state)))
            })
            .collect();
        let published = units
            .iter()
            .filter_map(|u| Some((u.code.clone(), u.publication.as_ref()?.published_on)))
            .collect();
        let held = state
            .store
            .held_in(&view.status.district, view.status.year)
            .await?;
        Ok(ReviewSummary {
            accepted,
            latest,
            held,
            published,
        })
    }

    fn tiles(&self, s: &fazhi_season::SeasonStatus) -> Markup {
        html! {
            section.rates aria-label="审核与公开" {
                div.stat { span.k { "已接收" } span.v id="accepted" { (self.accepted) } }
                div.stat { span.k { "已公开" } span.v id="published" { (s.published) } }
                div.stat { span.k { "公开率" } span.v id="publication-rate" { (s.publication_rate.show()) } }
            }
        }
    }
}

/// Percent-encode a query value (everything but unreserved ASCII).
pub fn urlenc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `Content-Disposition` for a download with a (Chinese) file name.
pub fn attachment(name: &str) -> String {
    format!(
        "attachment; filename=\"download\"; filename*=UTF-8''{}",
        urlenc(name)
    )
}
