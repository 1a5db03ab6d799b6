//! The checks of one report on its page: parser findings, privacy flags,
//! near copies to clear with a note; a unit/year mismatch to confirm or
//! correct. Each form calls the gRPC Checks service's own step
//! (`Checks::clear` / `confirm` / `correct`: authorized, audited with
//! before → after), so its refusals are the RPC's.

use axum::Form;
use axum::extract::{ConnectInfo, Path, State};
use axum::response::Response;
use fazhi_proto::v1 as pb;
use fazhi_services::policy::{Action, authorize};
use fazhi_store::Principal;
use fazhi_store::checks::{CheckKind, CheckState};
use fazhi_store::entity::check;
use maud::{Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::auth::Signed;
use crate::error::WebError;
use crate::review::back_to;

/// Whether this person may act on the district's checks (the gRPC rule).
pub fn may_review(who: &Principal, district: &str) -> bool {
    authorize(who, Action::ReviewChecks { district }).is_ok()
}

fn kind_zh(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::Finding => "解析发现",
        CheckKind::AgencyMismatch => "单位不符",
        CheckKind::YearMismatch => "年度不符",
        CheckKind::NearCopy => "雷同",
        CheckKind::Privacy => "隐私",
    }
}

fn note_input(id: &str) -> Markup {
    html! {
        label for=(id) { "处理说明" }
        input id=(id) name="note" type="text" required maxlength="500" placeholder="如：已要求提供脱敏公开版本";
    }
}

/// The list, with a form on each open check for whoever may act on it.
pub fn section(csrf: &str, submission_id: &str, checks: &[check::Model], act: bool) -> Markup {
    let open = checks
        .iter()
        .filter(|c| c.state == CheckState::Open)
        .count();
    html! {
        h2 { "检查项" @if open > 0 { "（" span id="open-checks" { (open) } " 项待处理）" } }
        @if checks.is_empty() { p.ok { "没有检查项。" } }
        ul.checks id="checks" {
            @for c in checks {
                @let state = c.state;
                li data-kind=(c.kind) data-state=(state) id={"check-" (c.id)} {
                    span.state { (kind_zh(c.kind)) } " " (c.message)
                    @if !c.excerpt.is_empty() { br; span.hint { "“" (c.excerpt) "”" } }
                    @if c.holds && state == CheckState::Open { br; span.bad { "未处理前不计入汇总" } }
                    @if state != CheckState::Open {
                        br;
                        span.ok { (state.label()) }
                        span.hint { "：" (c.cleared_by.as_deref().unwrap_or_default()) "，" (c.note.as_deref().unwrap_or_default()) }
                    }
                    @if act && state == CheckState::Open {
                        @if c.holds {
                            form.actions method="post" action={"/reports/" (submission_id) "/filing"} {
                                input type="hidden" name="csrf" value=(csrf);
                                input type="hidden" name="op" value="confirm";
                                (note_input(&format!("confirm-note-{}", c.id)))
                                button type="submit" { "确认按原单位、年度计入" }
                            }
                            form.actions method="post" action={"/reports/" (submission_id) "/filing"} {
                                input type="hidden" name="csrf" value=(csrf);
                                input type="hidden" name="op" value="correct";
                                label for={"correct-agency-" (c.id)} { "更正为单位代码" }
                                input id={"correct-agency-" (c.id)} name="agency_code" type="text" maxlength="64";
                                label for={"correct-year-" (c.id)} { "或年度" }
                                input id={"correct-year-" (c.id)} name="year" type="number" min="2000" max="9999";
                                (note_input(&format!("correct-note-{}", c.id)))
                                button type="submit" { "更正" }
                            }
                        } @else {
                            form.actions method="post" action={"/checks/" (c.id) "/clear"} {
                                input type="hidden" name="csrf" value=(csrf);
                                (note_input(&format!("clear-note-{}", c.id)))
                                button type="submit" id={"clear-" (c.id)} { "标记为已处理" }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ClearForm {
    csrf: String,
    #[serde(default)]
    note: String,
}

/// `POST /checks/{check}/clear`.
pub async fn clear(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    signed: Signed,
    Path(check): Path<i64>,
    Form(f): Form<ClearForm>,
) -> Response {
    // The report it belongs to, for the way back, if this person may read
    // it (the step itself looks it up and authorizes again).
    let back = match state.store.check(check).await {
        Ok(Some(c))
            if authorize(
                &signed.session.principal,
                Action::ReadSubmission {
                    agency: &c.agency_code,
                    district: &c.district,
                },
            )
            .is_ok() =>
        {
            back_to(&c.submission_id)
        }
        _ => "/".to_owned(),
    };
    let done: Result<(), WebError> = async {
        signed.check_csrf(&f.csrf)?;
        state
            .checks
            .clear(
                &signed.session.principal,
                format!("web {addr}"),
                pb::ClearCheckRequest {
                    id: check,
                    note: f.note,
                },
            )
            .await?;
        Ok(())
    }
    .await;
    WebError::after_step(done, &back, "返回报告")
}

/// Confirm the filing as it is, or move it to the right unit or year.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingOp {
    Confirm,
    Correct,
}

#[derive(Debug, Deserialize)]
pub struct FilingForm {
    csrf: String,
    op: FilingOp,
    #[serde(default)]
    note: String,
    #[serde(default)]
    agency_code: String,
    #[serde(default)]
    year: String,
}

/// `POST /reports/{id}/filing`.
pub async fn filing(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    signed: Signed,
    Path(id): Path<String>,
    Form(f): Form<FilingForm>,
) -> Response {
    let back = back_to(&id);
    let done: Result<(), WebError> = async {
        signed.check_csrf(&f.csrf)?;
        let (who, origin) = (&signed.session.principal, format!("web {addr}"));
        match f.op {
            FilingOp::Confirm => {
                state
                    .checks
                    .confirm(
                        who,
                        origin,
                        pb::ConfirmFilingRequest {
                            submission_id: id.clone(),
                            note: f.note,
                        },
                    )
                    .await?;
            }
            FilingOp::Correct => {
                let year = match f.year.trim() {
                    "" => 0,
                    y => y.parse().map_err(|_| {
                        WebError::BadRequest(format!("年度“{y}”应为四位数字，如 2024"))
                    })?,
                };
                state
                    .checks
                    .correct(
                        who,
                        origin,
                        pb::CorrectFilingRequest {
                            submission_id: id.clone(),
                            agency_code: f.agency_code.trim().to_owned(),
                            year,
                            note: f.note,
                        },
                    )
                    .await?;
            }
        }
        Ok(())
    }
    .await;
    WebError::after_step(done, &back, "返回报告")
}
