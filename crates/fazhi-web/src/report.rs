//! One report: its text with parts, items and quantities marked, the
//! findings beside it, and the original file. Reading it needs the same
//! `ReadSubmission` permission as gRPC's GetSubmission (a unit: its own).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use fazhi_core::ParsedReport;
use fazhi_services::policy::{Action, authorize};
use fazhi_store::entity::submission;
use maud::{Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::auth::Signed;
use crate::dashboard::{attachment, when};
use crate::error::WebError;
use crate::highlight::{self, Span};
use crate::layout;
use crate::versions;
use crate::{publication, review, review_checks};
use fazhi_store::Role;
use fazhi_store::review::VersionView;

#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    /// `start-end` (chars): the sentence to highlight, from a draft citation.
    pub hl: Option<String>,
}

fn no_such(id: &str) -> WebError {
    WebError::NotFound(format!("没有编号为 {id} 的报送"))
}

/// The submission, if the signed-in person may read it.
pub async fn readable(
    state: &AppState,
    signed: &Signed,
    id: &str,
) -> Result<submission::Model, WebError> {
    let id = id.trim();
    if uuid_like(id).is_none() {
        return Err(no_such(id));
    }
    let row = state
        .store
        .submission(id)
        .await?
        .ok_or_else(|| no_such(id))?;
    authorize(
        &signed.session.principal,
        Action::ReadSubmission {
            agency: &row.agency_code,
            district: &row.district,
        },
    )?;
    Ok(row)
}

fn uuid_like(id: &str) -> Option<()> {
    (id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')).then_some(())
}

pub fn status_zh(status: &str) -> &'static str {
    match status {
        "queued" => "已接收，正在处理",
        "processed" => "已处理",
        "rejected" => "无法读取，请重新报送",
        "withdrawn" => "已撤回",
        _ => "未知状态",
    }
}

fn parse_range(s: &str) -> Option<(usize, usize)> {
    let (a, b) = s.split_once('-')?;
    let (a, b) = (a.parse().ok()?, b.parse().ok()?);
    (a < b).then_some((a, b))
}

/// Every span the page marks.
pub fn spans(parsed: &ParsedReport, target: Option<(usize, usize)>) -> Vec<Span> {
    let mut spans = Vec::new();
    for section in &parsed.sections {
        let mut s = Span::new(
            section.start,
            section.end,
            &format!("part part-{}", section.part.code()),
        );
        s.label = Some(section.part.title_zh().to_owned());
        s.id = Some(format!("part-{}", section.part.code()));
        spans.push(s);
        for item in &section.items {
            spans.push(Span::new(item.start, item.end, "item"));
        }
    }
    for q in &parsed.quantities {
        let mut s = Span::new(q.start, q.end, "qty");
        s.title = Some(format!(
            "{}：{} {}",
            q.what,
            fazhi_summary::draft::fmt_num(q.value),
            q.unit
        ));
        spans.push(s);
    }
    for (i, f) in parsed.findings.iter().enumerate() {
        if let (Some(a), Some(b)) = (f.start, f.end) {
            let mut s = Span::new(a, b, "finding");
            s.id = Some(format!("finding-{i}"));
            s.title = Some(f.message.clone());
            spans.push(s);
        }
    }
    if let Some((a, b)) = target {
        let mut s = Span::new(a, b, "target");
        s.id = Some("target".into());
        s.priority = true;
        spans.push(s);
    }
    spans
}

/// The parser's findings; one with a span links to it in the text (the
/// stylesheet marks the `:target`), with where it is, in characters.
fn findings(parsed: &ParsedReport) -> Markup {
    html! {
        @if parsed.findings.is_empty() { p.ok { "未发现问题。" } }
        ul.findings id="findings" {
            @for (i, f) in parsed.findings.iter().enumerate() {
                li class={"sev-" (format!("{:?}", f.severity).to_lowercase())} data-code=(f.code) {
                    @match (f.start, f.end) {
                        (Some(a), Some(b)) => {
                            a.finding-link href={"#finding-" (i)} { (f.message) }
                            " " span.hint.span { "（第 " (a + 1) "–" (b) " 字）" }
                        }
                        _ => { (f.message) " " span.hint { "（全文）" } }
                    }
                }
            }
        }
    }
}

/// The review, checks and publication of this version: what the office
/// acts on and what the unit is told.
async fn review_panel(
    state: &AppState,
    signed: &Signed,
    row: &submission::Model,
    history: &[VersionView],
) -> Result<Markup, WebError> {
    let who = &signed.session.principal;
    let csrf = signed.session.csrf.as_str();
    let own_unit = who.role == Role::Unit && who.scope.contains(&row.agency_code);
    let checks = state.store.checks_of_submission(&row.id).await?;
    let published = publication::of(state, row).await?;
    Ok(html! {
        section.review id="review-actions" aria-label="审核" data-submission=(row.id) {
            @if let Some(v) = history.iter().find(|v| v.submission_id == row.id) {
                (review::section(csrf, v, review::is_office(who, &row.district), own_unit))
            }
            (review_checks::section(csrf, &row.id, &checks, review_checks::may_review(who, &row.district)))
            (publication::section(csrf, row, published.as_ref(), publication::may_publish(who, row)))
        }
    })
}

pub async fn page(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Markup, WebError> {
    let row = readable(&state, &signed, &id).await?;
    let agency = state.store.agency(&row.agency_code).await?;
    let name = agency
        .as_ref()
        .map(|a| a.name.clone())
        .unwrap_or_else(|| row.agency_code.clone());
    let parsed = match state.store.parsed_report(&row.id).await? {
        Some(p) => {
            let report: ParsedReport = serde_json::from_str(&p.parsed)
                .map_err(|e| fazhi_store::StoreError::Corrupt(e.to_string()))?;
            Some((p.text, report))
        }
        None => None,
    };
    let target = q.hl.as_deref().and_then(parse_range);
    let history = versions::of(&state, &row).await?;
    let panel = review_panel(&state, &signed, &row, &history).await?;
    let title = format!("{name} {}年度报告", row.reporting_year);
    Ok(layout::page(
        &title,
        &signed.session,
        "",
        html! {
            div.report {
                aside.side aria-label="报送信息与发现" {
                    dl {
                        dt { "状态" } dd id="status" data-status=(row.status) { (status_zh(row.status.as_str())) }
                        @if let Some(r) = &row.reject_reason { dt { "原因" } dd.bad id="reason" { (r) } }
                        dt { "报送时间" } dd { (when(row.submitted_at)) }
                        dt { "原始文件" } dd { a id="original" href={"/reports/" (row.id) "/original"} { (row.file_name) } }
                        dt { "报送编号" } dd.mono { (row.id) }
                    }
                    (panel)
                    (versions::list(&row.id, &history))
                    @if let Some((_, p)) = &parsed {
                        h2 { "结构" }
                        ul.parts {
                            @for part in fazhi_core::Part::ALL {
                                @if p.sections.iter().any(|s| s.part == part) {
                                    li.ok { a href={"#part-" (part.code())} { (part.title_zh()) } }
                                } @else {
                                    li.bad { (part.title_zh()) "（缺）" }
                                }
                            }
                        }
                        p { "识别数字 " strong id="qty-count" { (p.quantities.len()) } " 个，事项 " strong id="item-count" { (p.sections.iter().map(|s| s.items.len()).sum::<usize>()) } " 条" }
                        p.legend { span.item { "事项" } " " span.qty { "数字" } " " span.finding { "发现" } }
                        h2 { "发现" }
                        (findings(p))
                    }
                }
                article.text lang="zh-CN" {
                    @match &parsed {
                        Some((text, p)) => div.body id="report-text" { (highlight::render(text, spans(p, target))) },
                        None => p.hint { "报告尚未处理完成，处理后此处显示全文。" },
                    }
                }
            }
        },
    ))
}

pub async fn original(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let row = readable(&state, &signed, &id).await?;
    let content = state
        .store
        .document_of(&row)
        .await
        .map_err(|e| WebError::Service(fazhi_services::error::ServiceError::Store(e)))?;
    let media = if row.media_type.is_empty() {
        "application/octet-stream".to_owned()
    } else {
        row.media_type.clone()
    };
    Ok((
        [
            (header::CONTENT_TYPE, media),
            (header::CONTENT_DISPOSITION, attachment(&row.file_name)),
        ],
        content,
    )
        .into_response())
}
