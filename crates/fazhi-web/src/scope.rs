//! Which district and year a page is about, and whether the signed-in
//! person may read it (the gRPC `ReadDistrict` rule).

use chrono::Datelike;
use fazhi_services::policy::{Action, authorize};
use fazhi_store::entity::agency;
use fazhi_store::{Principal, Role, Store};
use sea_orm::{EntityTrait, QueryOrder};
use serde::Deserialize;

use crate::error::WebError;

#[derive(Debug, Default, Deserialize)]
pub struct SeasonQuery {
    pub district: Option<String>,
    pub year: Option<i32>,
}

/// The season being worked on: reports on last year (Beijing time).
pub fn default_year() -> i32 {
    (chrono::Utc::now() + chrono::Duration::hours(8)).year() - 1
}

pub struct Season {
    pub district: String,
    pub year: i32,
}

/// The district asked for, else the caller's own (the first of a city's),
/// else (an administrator) the first district on any roster.
pub async fn season(store: &Store, who: &Principal, q: &SeasonQuery) -> Result<Season, WebError> {
    let year = q.year.unwrap_or_else(default_year);
    if !(2000..=9999).contains(&year) {
        return Err(WebError::BadRequest(format!("年度 {year} 不合理")));
    }
    let asked = q
        .district
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let district = match (asked, who.role) {
        (Some(d), _) => d.to_owned(),
        (None, Role::District | Role::City) => who.scope.first().cloned().unwrap_or_default(),
        (None, Role::Admin) => agency::Entity::find()
            .order_by_asc(agency::Column::District)
            .one(store.db())
            .await
            .map_err(fazhi_store::StoreError::from)?
            .map(|a| a.district)
            .unwrap_or_default(),
        (None, Role::Unit) => String::new(),
    };
    authorize(
        who,
        Action::ReadDistrict {
            district: &district,
        },
    )?;
    if district.is_empty() {
        return Err(WebError::NotFound(
            "还没有任何单位名录，请先导入名录".into(),
        ));
    }
    Ok(Season { district, year })
}
