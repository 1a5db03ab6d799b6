//! What needs the office's attention on the dashboard: today's to-do list
//! (`fazhi_season::todo`, what `fazhi todo` and GetTodo list) and the
//! escalation ladder 提醒 → 催报 → 督办 → 通报 per unit, with a form to take
//! the next step through the Checks service's own `escalate` (authorized,
//! audited, forward only: its refusal is the RPC's).

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{ConnectInfo, State};
use axum::response::Response;
use fazhi_proto::v1 as pb;
use fazhi_season::escalation::Step;
use fazhi_services::error::ServiceError;
use maud::{Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::auth::Signed;
use crate::dashboard::{urlenc, when};
use crate::error::WebError;
use crate::review_checks::may_review;

/// The two sections for one district and year.
pub async fn section(
    state: &AppState,
    signed: &Signed,
    district: &str,
    year: i32,
) -> Result<Markup, WebError> {
    let today = fazhi_season::deadline::beijing_date(fazhi_store::now_ms()).unwrap_or_default();
    let todo = state.store.todo(district, year, today).await?;
    let steps = state
        .store
        .escalations(district, year)
        .await
        .map_err(ServiceError::from)?;
    // Unit → its steps, oldest first (the store's order).
    let mut ladder: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for s in &steps {
        ladder.entry(s.agency_code.as_str()).or_default().push(s);
    }
    let act = may_review(&signed.session.principal, district);
    Ok(html! {
        section.todo aria-labelledby="todo-h" {
            h2 id="todo-h" { "今日待办（" (todo.len()) "项）" }
            @if todo.is_empty() { p.ok { "今天没有待办事项。" } }
            @else {
                table id="todo" {
                    thead { tr { th scope="col" { "事项" } th scope="col" { "单位" } th scope="col" { "说明" } th scope="col" { "报告" } } }
                    tbody {
                        @for t in &todo {
                            tr data-kind=(t.kind.as_str()) {
                                td { (t.kind.label_zh()) }
                                td { (t.agency_name) "（" (t.agency_code) "）" }
                                td { (t.detail) }
                                td { @if let Some(id) = &t.submission_id { a href={"/reports/" (id)} { "查看" } } @else { "—" } }
                            }
                        }
                    }
                }
            }
        }
        section.ladder aria-labelledby="ladder-h" {
            h2 id="ladder-h" { "催报督办" }
            @if ladder.is_empty() { p.hint { "本年度尚未催报或督办任何单位。" } }
            @else {
                table id="ladder" {
                    thead { tr { th scope="col" { "单位" } th scope="col" { "已采取的步骤（时间、经办人、说明）" } } }
                    tbody {
                        @for (unit, taken) in &ladder {
                            tr data-unit=(unit) {
                                td { (unit) }
                                td {
                                    @for s in taken {
                                        @let label: &str = match Step::parse(&s.step) { Some(k) => k.label(), None => &s.step };
                                        span.state data-step=(s.step) { (label) }
                                        " " (when(s.at)) " " (s.actor) "：" (s.note)
                                        br;
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if act {
                form.actions method="post" action="/escalations" id="escalate" {
                    input type="hidden" name="csrf" value=(signed.session.csrf);
                    input type="hidden" name="district" value=(district);
                    input type="hidden" name="year" value=(year);
                    label for="esc-unit" { "单位代码" }
                    input id="esc-unit" name="agency_code" type="text" required maxlength="64";
                    label for="esc-step" { "步骤" }
                    select id="esc-step" name="step" {
                        @for s in Step::ALL { option value=(s.as_str()) { (s.label()) } }
                    }
                    label for="esc-note" { "说明" }
                    input id="esc-note" name="note" type="text" required maxlength="500" placeholder="如：电话催报，承诺三日内报送";
                    button type="submit" { "记录" }
                }
            }
        }
    })
}

#[derive(Debug, Deserialize)]
pub struct EscalateForm {
    csrf: String,
    district: String,
    year: i32,
    agency_code: String,
    step: String,
    #[serde(default)]
    note: String,
}

/// `POST /escalations`.
pub async fn escalate(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    signed: Signed,
    Form(f): Form<EscalateForm>,
) -> Response {
    let back = format!(
        "/dashboard?district={}&year={}",
        urlenc(&f.district),
        f.year
    );
    let done: Result<(), WebError> = async {
        signed.check_csrf(&f.csrf)?;
        let step = match Step::parse(&f.step) {
            Some(Step::Remind) => pb::EscalationStep::Remind,
            Some(Step::Urge) => pb::EscalationStep::Urge,
            Some(Step::Supervise) => pb::EscalationStep::Supervise,
            Some(Step::Notify) => pb::EscalationStep::Notify,
            None => pb::EscalationStep::Unspecified,
        };
        state
            .checks
            .escalate(
                &signed.session.principal,
                format!("web {addr}"),
                pb::EscalateRequest {
                    agency_code: f.agency_code.trim().to_owned(),
                    year: f.year,
                    step: step as i32,
                    note: f.note,
                },
            )
            .await?;
        Ok(())
    }
    .await;
    WebError::after_step(done, &back, "返回报送进度")
}
