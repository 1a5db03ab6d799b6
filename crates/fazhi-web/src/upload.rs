//! The unit's side: upload a report (file input or drag-and-drop, any
//! format `SubmitReport` takes) and see its reports with their status. The
//! upload goes through `Ingest::submit`, so the checks, the Chinese
//! messages, the authorization and the audit entry are the gRPC ones.

use axum::extract::{ConnectInfo, Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use fazhi_proto::v1 as pb;
use fazhi_season::VersionState;
use fazhi_store::Role;
use fazhi_store::counting::state_of;
use fazhi_store::entity::{submission, submission_review};
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use std::collections::HashMap;

use crate::AppState;
use crate::auth::Signed;
use crate::dashboard::when;
use crate::error::WebError;
use crate::layout;
use crate::scope::default_year;

type Head = (String, String, i32, String, Option<String>, String, i64);

/// A unit's own submissions, newest first (without the documents).
async fn own_submissions(state: &AppState, agency: &str) -> Result<Vec<Head>, WebError> {
    Ok(submission::Entity::find()
        .select_only()
        .columns([
            submission::Column::Id,
            submission::Column::AgencyCode,
            submission::Column::ReportingYear,
            submission::Column::Status,
            submission::Column::RejectReason,
            submission::Column::FileName,
            submission::Column::SubmittedAt,
        ])
        .filter(submission::Column::AgencyCode.eq(agency))
        .order_by_desc(submission::Column::SubmittedAt)
        .limit(50)
        .into_tuple()
        .all(state.store.db())
        .await
        .map_err(fazhi_store::StoreError::from)?)
}

/// The office's review of each listed submission (one query).
async fn reviews_of(
    state: &AppState,
    heads: &[Head],
) -> Result<HashMap<String, submission_review::Model>, WebError> {
    if heads.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<&str> = heads.iter().map(|h| h.0.as_str()).collect();
    Ok(submission_review::Entity::find()
        .filter(submission_review::Column::SubmissionId.is_in(ids))
        .all(state.store.db())
        .await
        .map_err(fazhi_store::StoreError::from)?
        .into_iter()
        .map(|r| (r.submission_id.clone(), r))
        .collect())
}

async fn form(
    state: &AppState,
    signed: &Signed,
    year: Option<i32>,
    error: Option<&str>,
) -> Result<Markup, WebError> {
    let p = &signed.session.principal;
    let own = (p.role == Role::Unit)
        .then(|| p.scope.first().cloned())
        .flatten();
    let roster = match (p.role, p.scope.first()) {
        (Role::District, Some(d)) => state.store.roster(d).await?,
        _ => Vec::new(),
    };
    let mine = match &own {
        Some(code) => own_submissions(state, code).await?,
        None => Vec::new(),
    };
    let reviews = reviews_of(state, &mine).await?;
    let title = if own.is_some() {
        "报送年度报告"
    } else {
        "代单位报送年度报告"
    };
    let max_mb = state.max_document_bytes / (1024 * 1024);
    Ok(layout::page(
        title,
        &signed.session,
        "/upload",
        html! {
            @if let Some(e) = error { p.flash.bad role="alert" id="upload-error" { (e) } }
            form.upload id="upload-form" method="post" action="/upload" enctype="multipart/form-data" {
                input type="hidden" name="csrf" value=(signed.session.csrf);
                @if own.is_none() {
                    label for="agency" { "报送单位" }
                    @if roster.is_empty() {
                        input id="agency" name="agency_code" type="text" required placeholder="单位代码";
                    } @else {
                        select id="agency" name="agency_code" required {
                            @for a in &roster { option value=(a.code) { (a.code) " " (a.name) } }
                        }
                    }
                }
                label for="year" { "报告年度" }
                input id="year" name="reporting_year" type="number" min="2000" max="9999" value=(year.unwrap_or_else(default_year)) required;
                div.drop id="drop" tabindex="-1" {
                    p { "把报告文件拖到这里，或" }
                    label for="file" { "选择文件" }
                    input id="file" name="document" type="file" required
                        accept=".docx,.txt,.html,.htm,.pdf,.ofd,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                    p.hint id="file-name" { "支持 Word（DOCX）、网页（HTML）、PDF、纯文本；不超过 " (max_mb) " MB。" }
                }
                progress id="progress" max="100" value="0" hidden {}
                button type="submit" id="submit" { "提交报告" }
            }
            @if !mine.is_empty() {
                h2 { "本单位的报送" }
                table.units id="mine" {
                    thead { tr { th { "年度" } th { "文件" } th { "报送时间" } th { "状态" } th { "说明" } } }
                    tbody {
                        @for (id, _, year, status, reason, file, at) in &mine {
                            tr data-status=(status) {
                                td { (year) }
                                td { a href={"/reports/" (id)} { (file) } }
                                td { (when(*at)) }
                                @let review = reviews.get(id);
                                @let state = state_of(status, review.map(|r| r.state.as_str()));
                                td { span class={"state " (state.as_str())} { (state.label_zh()) } }
                                td {
                                    @if let Some(r) = reason { span.bad { (r) } }
                                    @if state == VersionState::Returned {
                                        @if let Some(r) = review.and_then(|r| r.reason.as_deref()) { span.bad { "退回原因：" (r) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            script src="/static/upload.js" {}
        },
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct UploadQuery {
    /// The year to resubmit (the "resubmit" link of a returned report).
    pub year: Option<i32>,
}

pub async fn page(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<UploadQuery>,
) -> Result<Markup, WebError> {
    form(&state, &signed, q.year, None).await
}

/// The form's fields; the document is read whole (the body limit caps it).
#[derive(Default)]
struct Fields {
    csrf: String,
    agency_code: String,
    year: String,
    file_name: String,
    media_type: String,
    content: Vec<u8>,
}

async fn read_fields(mut m: Multipart) -> Result<Fields, WebError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        WebError::BadRequest(format!("上传未完成，请重试（{}）", e.body_text()))
    };
    let mut f = Fields::default();
    while let Some(field) = m.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "csrf" => f.csrf = field.text().await.map_err(bad)?,
            "agency_code" => f.agency_code = field.text().await.map_err(bad)?,
            "reporting_year" => f.year = field.text().await.map_err(bad)?,
            "document" => {
                f.file_name = field.file_name().unwrap_or_default().to_owned();
                f.media_type = field.content_type().unwrap_or_default().to_owned();
                f.content = field.bytes().await.map_err(bad)?.to_vec();
            }
            _ => {}
        }
    }
    Ok(f)
}

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    signed: Signed,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let f = read_fields(multipart).await?;
    signed.check_csrf(&f.csrf)?;
    let Ok(year) = f.year.trim().parse::<i32>() else {
        let page = form(
            &state,
            &signed,
            None,
            Some("报告年度应为四位数字，例如 2024"),
        )
        .await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    let request = pb::SubmitReportRequest {
        agency_code: f.agency_code.trim().to_owned(),
        reporting_year: year,
        document: Some(pb::Document {
            content: f.content,
            media_type: f.media_type,
            file_name: f.file_name,
        }),
        idempotency_key: None,
    };
    let origin = format!("web {addr}");
    match state
        .ingest
        .submit(&signed.session.principal, origin, request)
        .await
    {
        Ok(r) => Ok(Redirect::to(&format!("/reports/{}", r.submission_id)).into_response()),
        Err(e) => {
            let (status, message) = WebError::Service(e).status_and_message();
            let page = form(&state, &signed, Some(year), Some(&message)).await?;
            Ok((status, page).into_response())
        }
    }
}
