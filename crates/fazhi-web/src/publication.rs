//! Where and when a unit published its report: shown on the report page,
//! entered by the unit (or its office). The form calls the gRPC step
//! (`SeasonService::set_publication`: the `Publish` rule, URL and date
//! checks, audited with before → after); an empty date takes the page's own
//! 发布日期 when the report was submitted as a web page.

use axum::Form;
use axum::extract::{ConnectInfo, Path, State};
use axum::response::Response;
use fazhi_proto::v1 as pb;
use fazhi_services::policy::{Action, authorize};
use fazhi_store::Principal;
use fazhi_store::entity::{publication, submission};
use maud::{Markup, html};
use sea_orm::EntityTrait;
use serde::Deserialize;

use crate::AppState;
use crate::auth::Signed;
use crate::error::WebError;
use crate::report::readable;
use crate::review::back_to;

/// Whether this person may enter the unit's publication (the gRPC rule).
pub fn may_publish(who: &Principal, row: &submission::Model) -> bool {
    authorize(
        who,
        Action::Publish {
            agency: &row.agency_code,
            district: &row.district,
        },
    )
    .is_ok()
}

/// The unit's recorded publication for the report's year.
pub async fn of(
    state: &AppState,
    row: &submission::Model,
) -> Result<Option<publication::Model>, WebError> {
    Ok(
        publication::Entity::find_by_id((row.agency_code.clone(), row.reporting_year))
            .one(state.store.db())
            .await
            .map_err(fazhi_store::StoreError::from)?,
    )
}

pub fn section(
    csrf: &str,
    row: &submission::Model,
    current: Option<&publication::Model>,
    edit: bool,
) -> Markup {
    html! {
        h2 { "公开" }
        @match current {
            Some(p) => p id="publication" {
                "已于 " strong id="published-on" { (p.published_on) } " 公开："
                a href=(p.url) rel="noopener noreferrer" { (p.url) }
            },
            None => p.hint id="publication" { "尚未登记公开网址。" },
        }
        @if edit {
            form.actions method="post" action={"/reports/" (row.id) "/publication"} {
                input type="hidden" name="csrf" value=(csrf);
                label for="pub-url" { "公开网址" }
                input id="pub-url" name="url" type="url" required maxlength="1000"
                    placeholder="https://" value=[current.map(|p| p.url.as_str())];
                label for="pub-date" { "公开日期" }
                input id="pub-date" name="published_on" type="date"
                    value=[current.map(|p| p.published_on.as_str())];
                button type="submit" id="save-publication" { "保存公开信息" }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct PublicationForm {
    csrf: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    published_on: String,
}

/// `POST /reports/{id}/publication`.
pub async fn save(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    signed: Signed,
    Path(id): Path<String>,
    Form(f): Form<PublicationForm>,
) -> Response {
    let back = back_to(&id);
    let done: Result<(), WebError> = async {
        signed.check_csrf(&f.csrf)?;
        let row = readable(&state, &signed, &id).await?;
        state
            .season
            .set_publication(
                &signed.session.principal,
                &format!("web {addr}"),
                pb::SetPublicationRequest {
                    agency_code: row.agency_code,
                    year: row.reporting_year,
                    url: f.url.trim().to_owned(),
                    published_on: f.published_on.trim().to_owned(),
                },
            )
            .await?;
        Ok(())
    }
    .await;
    WebError::after_step(done, &back, "返回报告")
}
