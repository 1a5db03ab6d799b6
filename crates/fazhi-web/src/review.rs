//! The office's review of one version, on the report page: accept, return
//! with a reason, reopen. Each form calls the gRPC step itself
//! (`SeasonService::review`: the store's `review_step` over
//! `fazhi_season::transition`, audited in the same transaction), so an
//! illegal step is refused with the same Chinese sentence (409 here,
//! `FAILED_PRECONDITION` there). The unit sees the state and, when
//! returned, the office's reason and the way to resubmit.

use axum::Form;
use axum::extract::{ConnectInfo, Path, State};
use axum::response::Response;
use fazhi_proto::v1 as pb;
use fazhi_season::{ReviewAction, VersionState, transition};
use fazhi_services::policy::{Action, authorize};
use fazhi_store::Principal;
use fazhi_store::review::VersionView;
use maud::{Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::auth::Signed;
use crate::error::WebError;

/// The steps the report page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Accept,
    Return,
    Reopen,
}

impl Step {
    const ALL: [Step; 3] = [Step::Accept, Step::Return, Step::Reopen];

    fn action(self) -> ReviewAction {
        match self {
            Step::Accept => ReviewAction::Accept,
            Step::Return => ReviewAction::Return,
            Step::Reopen => ReviewAction::Reopen,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Step::Accept => "accept",
            Step::Return => "return",
            Step::Reopen => "reopen",
        }
    }
}

/// Whether this person runs the season of `district` (the gRPC rule).
pub fn is_office(who: &Principal, district: &str) -> bool {
    authorize(who, Action::ManageSeason { district }).is_ok()
}

/// Where a form on the report page sends the clerk back to.
pub fn back_to(id: &str) -> String {
    format!("/reports/{}#review-actions", id.trim())
}

/// The review part of the report page.
pub fn section(csrf: &str, v: &VersionView, office: bool, own_unit: bool) -> Markup {
    // Only the steps the state machine allows are offered; a stale page's
    // step is still refused by the store, with its message.
    let steps: Vec<Step> = Step::ALL
        .into_iter()
        .filter(|s| transition(v.state, s.action()).is_ok())
        .collect();
    let action = format!("/reports/{}/review", v.submission_id);
    html! {
        h2 { "审核" }
        p {
            "审核状态："
            strong id="review-state" data-state=(v.state.as_str()) { (v.state.label_zh()) }
            @if v.current { " " span.ok id="counting" { "（当前计入汇总的版本）" } }
        }
        @if v.state == VersionState::Returned {
            @if let Some(reason) = &v.reason {
                p.flash.bad id="return-reason" role="note" { "退回原因：" (reason) }
            }
            @if own_unit {
                p { a.button id="resubmit" href={"/upload?year=" (v.year)} { "修改后重新报送" } }
            }
        }
        @if office {
            @for step in &steps {
                form.actions method="post" action=(action) {
                    input type="hidden" name="csrf" value=(csrf);
                    input type="hidden" name="action" value=(step.code());
                    @match step {
                        Step::Accept => button type="submit" id="accept" { "接收" },
                        Step::Return => {
                            label for="reason" { "退回原因（单位将看到）" }
                            textarea id="reason" name="reason" rows="2" required {}
                            button type="submit" id="return" { "退回" }
                        }
                        Step::Reopen => button type="submit" id="reopen" { "重新打开" },
                    }
                }
            }
            @if steps.is_empty() { p.hint { "该版本当前没有可执行的审核操作。" } }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct StepForm {
    csrf: String,
    action: Step,
    #[serde(default)]
    reason: String,
}

/// `POST /reports/{id}/review`.
pub async fn step(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    signed: Signed,
    Path(id): Path<String>,
    Form(f): Form<StepForm>,
) -> Response {
    let back = back_to(&id);
    let done: Result<(), WebError> = async {
        signed.check_csrf(&f.csrf)?;
        state
            .season
            .review(
                &signed.session.principal,
                &format!("web {addr}"),
                pb::ReviewRequest {
                    submission_id: id.clone(),
                    reason: f.reason,
                },
                f.action.action(),
            )
            .await?;
        Ok(())
    }
    .await;
    WebError::after_step(done, &back, "返回报告")
}
