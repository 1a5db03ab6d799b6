//! The roster of a district: every unit expected to report. The district
//! office (or an administrator) replaces it by uploading the roster CSV the
//! CLI's `agencies import` takes; a district office may only touch its own
//! district's rows.

use axum::extract::{ConnectInfo, Multipart, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use fazhi_store::{AuditAction, AuditEvent, Role};
use maud::{Markup, html};

use crate::AppState;
use crate::auth::Signed;
use crate::error::WebError;
use crate::layout;
use crate::scope::{SeasonQuery, season};

pub async fn page(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<SeasonQuery>,
) -> Result<Markup, WebError> {
    let s = season(&state.store, &signed.session.principal, &q).await?;
    let roster = state.store.roster(&s.district).await?;
    let may_edit = matches!(signed.session.principal.role, Role::Admin | Role::District);
    Ok(layout::page(
        &format!("{} 单位名录", s.district),
        &signed.session,
        "/roster",
        html! {
            p { "共 " strong id="roster-count" { (roster.len()) } " 个应报单位。" }
            @if may_edit {
                form.upload method="post" action="/roster" enctype="multipart/form-data" {
                    input type="hidden" name="csrf" value=(signed.session.csrf);
                    label for="roster-file" { "导入名录（CSV，列：code,name,kind,district）" }
                    input id="roster-file" name="roster" type="file" accept=".csv,text/csv" required;
                    button type="submit" { "导入" }
                }
            }
            table.units id="roster" {
                thead { tr { th scope="col" { "代码" } th scope="col" { "名称" } th scope="col" { "类型" } } }
                tbody { @for a in &roster { tr { td { (a.code) } td { (a.name) } td { (a.kind) } } } }
            }
        },
    ))
}

pub async fn import(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    signed: Signed,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let bad = |_| WebError::BadRequest("上传未完成，请重试".into());
    let (mut csrf, mut bytes) = (String::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.map_err(bad)?,
            "roster" => bytes = field.bytes().await.map_err(bad)?.to_vec(),
            _ => {}
        }
    }
    signed.check_csrf(&csrf)?;
    let p = &signed.session.principal;
    let text = fazhi_core::decode(&bytes)
        .map_err(|e| WebError::BadRequest(format!("名录文件无法读取：{e}")))?;
    let rows = fazhi_store::agencies::parse_roster(&text)
        .map_err(|e| WebError::BadRequest(format!("名录格式有误：{e}")))?;
    let allowed = match p.role {
        Role::Admin => true,
        Role::District => rows.iter().all(|r| p.scope.contains(&r.district)),
        Role::City | Role::Unit => false,
    };
    if !allowed {
        return Err(WebError::Service(
            fazhi_services::error::ServiceError::PermissionDenied(
                "当前账号只能导入本区的单位名录".into(),
            ),
        ));
    }
    let districts = state.store.import_roster(&rows).await?;
    state
        .store
        .audit(AuditEvent {
            actor: p.actor(),
            action: AuditAction::RosterImport,
            target: "web".into(),
            detail: serde_json::json!({ "agencies": rows.len(), "codes": rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>() }),
            origin: format!("web {addr}"),
        })
        .await?;
    state.store.refresh_summaries(&districts).await?;
    Ok(Redirect::to("/roster").into_response())
}
