//! The Season service: the district office's roster by year, deadlines,
//! received dates, publication, review of each version, the rates and the
//! to-do list. Decisions are the store's and `fazhi-season`'s; this edge
//! parses requests, authorizes and converts.

mod rpc;

use chrono::NaiveDate;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::season_server::Season;
use fazhi_season::{Deadlines, ReviewAction};
use fazhi_store::roster::RosterUnit;
use fazhi_store::season::DateSource;
use fazhi_store::{AgencyKind, AuditAction, Principal, Role, Store};
use tonic::{Request, Response, Status};

use crate::auth::{Authenticator, origin};
use crate::error::ServiceError;
use crate::fields::{self, text_field};
use crate::policy::{Action, authorize};
use crate::season_convert as conv;

#[derive(Clone)]
pub struct SeasonService {
    store: Store,
    auth: Authenticator,
}

fn invalid(m: impl Into<String>) -> ServiceError {
    ServiceError::InvalidArgument(m.into())
}

fn today_beijing() -> NaiveDate {
    fazhi_season::beijing_date(chrono::Utc::now().timestamp_millis())
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

impl SeasonService {
    pub fn new(store: Store) -> Self {
        SeasonService {
            auth: Authenticator::new(store.clone()),
            store,
        }
    }

    async fn import_roster(
        &self,
        who: &Principal,
        origin: &str,
        r: pb::ImportRosterRequest,
    ) -> Result<pb::ImportRosterResponse, ServiceError> {
        let year = fields::year(r.year)?;
        let units = fazhi_store::roster::parse_year_roster(&r.csv, year)?;
        self.write_units(who, origin, &units, AuditAction::RosterUpsert)
            .await
    }

    /// Authorize every district the units are in and the ones they leave.
    async fn write_units(
        &self,
        who: &Principal,
        origin: &str,
        units: &[RosterUnit],
        action: AuditAction,
    ) -> Result<pb::ImportRosterResponse, ServiceError> {
        for u in units {
            authorize(
                who,
                Action::ManageSeason {
                    district: &u.district,
                },
            )?;
            if let Some(old) = self.store.roster_unit(&u.code, u.year_from).await? {
                authorize(
                    who,
                    Action::ManageSeason {
                        district: &old.district,
                    },
                )?;
            }
        }
        let change = self
            .store
            .write_roster(units, &who.actor(), origin, action)
            .await?;
        Ok(pb::ImportRosterResponse {
            written: change.written as u32,
            refreshed: change
                .refreshed
                .iter()
                .map(|(d, y)| format!("{d}/{y}"))
                .collect(),
        })
    }

    async fn upsert_unit(
        &self,
        who: &Principal,
        origin: &str,
        r: pb::UpsertRosterUnitRequest,
    ) -> Result<pb::RosterUnitResponse, ServiceError> {
        let u = r.unit.ok_or_else(|| invalid("缺少单位（unit）"))?;
        let field = |what: &str, v: &str| text_field(what, v, 200).map(str::to_owned);
        let name = field("名称（name）", &u.name)?;
        let unit = RosterUnit {
            year_from: fields::year(u.year_from)?,
            code: field("单位代码（code）", &u.code)?,
            short_name: match field("简称（short_name）", &u.short_name)? {
                s if s.is_empty() => name.clone(),
                s => s,
            },
            name,
            kind: crate::convert::agency_kind_from_pb(u.kind())
                .map(AgencyKind::from)
                .ok_or_else(|| invalid("缺少类型（kind）：部门、街道、乡镇或区政府"))?,
            parent: Some(field("上级单位（parent）", &u.parent)?).filter(|p| !p.is_empty()),
            district: fields::district(&u.district)?.to_owned(),
            exempt_reason: Some(field("免报原因（exempt_reason）", &u.exempt_reason)?)
                .filter(|r| u.exempt || !r.is_empty())
                .map(|r| if r.is_empty() { "免报".to_owned() } else { r }),
        };
        fazhi_store::roster::check_unit(&unit).map_err(invalid)?;
        self.write_units(
            who,
            origin,
            std::slice::from_ref(&unit),
            AuditAction::RosterUpsert,
        )
        .await?;
        Ok(pb::RosterUnitResponse {
            unit: Some(conv::unit(&unit)),
        })
    }

    async fn set_exempt(
        &self,
        who: &Principal,
        origin: &str,
        r: pb::SetExemptRequest,
    ) -> Result<pb::RosterUnitResponse, ServiceError> {
        let year = fields::year(r.year)?;
        let code = text_field("单位代码（code）", &r.code, 64)?;
        let reason = text_field("免报原因（reason）", &r.reason, 200)?;
        if r.exempt && reason.is_empty() {
            return Err(invalid(
                "设为免报时必须写明原因（reason），如“2025年并入区司法局”",
            ));
        }
        let current = self.store.roster_unit(code, year).await?.ok_or_else(|| {
            ServiceError::NotFound(format!("{year}年度名录中没有单位代码“{code}”"))
        })?;
        authorize(
            who,
            Action::ManageSeason {
                district: &current.district,
            },
        )?;
        let (unit, _) = self
            .store
            .set_exempt(
                code,
                year,
                r.exempt.then(|| reason.to_owned()),
                &who.actor(),
                origin,
            )
            .await?;
        Ok(pb::RosterUnitResponse {
            unit: Some(conv::unit(&unit)),
        })
    }

    async fn set_deadlines(
        &self,
        who: &Principal,
        origin: &str,
        r: pb::SetDeadlinesRequest,
    ) -> Result<pb::SeasonSettings, ServiceError> {
        let district = fields::district(&r.district)?;
        let year = fields::year(r.year)?;
        authorize(who, Action::ManageSeason { district })?;
        let current = self.store.season_settings(district, year).await?;
        let submit_by = fields::date("报送截止日期（submit_by）", &r.submit_by)?
            .unwrap_or(current.deadlines.submit_by);
        let publish_by = fields::date("公开截止日期（publish_by）", &r.publish_by)?
            .unwrap_or(current.deadlines.publish_by);
        let deadlines = Deadlines::new(year, submit_by, publish_by).map_err(invalid)?;
        let count = r.count_unreviewed.unwrap_or(current.count_unreviewed);
        let s = self
            .store
            .set_season_settings(district, year, deadlines, count, &who.actor(), origin)
            .await?;
        Ok(conv::settings(district, year, &s))
    }

    /// Accept, return or reopen one version (also the web workbench's forms).
    pub async fn review(
        &self,
        who: &Principal,
        origin: &str,
        r: pb::ReviewRequest,
        action: ReviewAction,
    ) -> Result<pb::VersionResponse, ServiceError> {
        let id = fields::submission_id(&r.submission_id)?;
        let reason = text_field("原因（reason）", &r.reason, 500)?;
        self.office_of(who, id).await?;
        let v = self
            .store
            .review_step(id, action, Some(reason), &who.actor(), origin)
            .await?;
        Ok(pb::VersionResponse {
            version: Some(conv::version(&v)),
        })
    }

    /// The submission exists and this caller is its district's office.
    async fn office_of(&self, who: &Principal, id: &str) -> Result<(), ServiceError> {
        let row = self
            .store
            .submission(id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("没有编号为 {id} 的报送")))?;
        authorize(
            who,
            Action::ManageSeason {
                district: &row.district,
            },
        )
    }

    async fn set_received_on(
        &self,
        who: &Principal,
        origin: &str,
        r: pb::SetReceivedOnRequest,
    ) -> Result<pb::VersionResponse, ServiceError> {
        let id = fields::submission_id(&r.submission_id)?;
        let date = fields::date("送达日期（received_on）", &r.received_on)?
            .ok_or_else(|| invalid("缺少送达日期（received_on），如 2026-02-27"))?;
        self.office_of(who, id).await?;
        let v = self
            .store
            .set_received_on(id, date, &who.actor(), origin)
            .await?;
        Ok(pb::VersionResponse {
            version: Some(conv::version(&v)),
        })
    }

    /// Where and when a unit published its report (also the web workbench's form).
    pub async fn set_publication(
        &self,
        who: &Principal,
        origin: &str,
        r: pb::SetPublicationRequest,
    ) -> Result<pb::SetPublicationResponse, ServiceError> {
        let year = fields::year(r.year)?;
        let code = text_field("单位代码（agency_code）", &r.agency_code, 64)?;
        let url = text_field("公开网址（url）", &r.url, 1000)?;
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(invalid("公开网址（url）应以 http:// 或 https:// 开头"));
        }
        let unit = self.store.roster_unit(code, year).await?.ok_or_else(|| {
            ServiceError::NotFound(format!("{year}年度名录中没有单位代码“{code}”"))
        })?;
        authorize(
            who,
            Action::Publish {
                agency: code,
                district: &unit.district,
            },
        )?;
        let (date, source) = match fields::date("公开日期（published_on）", &r.published_on)? {
            Some(d) => (d, DateSource::Entered),
            None => (
                self.page_date(code, year).await?.ok_or_else(|| {
                    invalid("缺少公开日期（published_on）：报送的报告不是网页或网页上没有发布日期，请填写公开日期")
                })?,
                DateSource::Page,
            ),
        };
        let p = self
            .store
            .set_publication(code, year, url, date, source, &who.actor(), origin)
            .await?;
        Ok(pb::SetPublicationResponse {
            url: p.url,
            published_on: p.published_on.to_string(),
            date_source: source.as_str().to_owned(),
        })
    }

    /// The 发布日期 of the agency's current version when it is a web page.
    async fn page_date(&self, code: &str, year: i32) -> Result<Option<NaiveDate>, ServiceError> {
        let versions = self.store.versions_of(code, year).await?;
        let Some(v) = versions
            .iter()
            .rev()
            .find(|v| v.current)
            .or(versions.last())
        else {
            return Ok(None);
        };
        let Some(row) = self.store.submission(&v.submission_id).await? else {
            return Ok(None);
        };
        if fazhi_extract::Format::Html.media_type()
            != row.media_type.split(';').next().unwrap_or("").trim()
        {
            return Ok(None);
        }
        let bytes = self.store.document_of(&row).await?;
        let meta = tokio::task::spawn_blocking(move || {
            fazhi_extract::extract(&bytes, fazhi_extract::Format::Html, &Default::default())
                .ok()
                .map(|e| e.meta)
        })
        .await
        .ok()
        .flatten();
        Ok(meta
            .and_then(|m| m.published_on)
            .and_then(|d| NaiveDate::from_ymd_opt(d.year, d.month.into(), d.day.into())))
    }

    async fn todo(
        &self,
        who: &Principal,
        r: pb::GetTodoRequest,
    ) -> Result<pb::GetTodoResponse, ServiceError> {
        let today = fields::date("今天（today）", &r.today)?.unwrap_or_else(today_beijing);
        let year = if r.year == 0 {
            chrono::Datelike::year(&today) - 1
        } else {
            fields::year(r.year)?
        };
        let districts: Vec<String> = if r.district.trim().is_empty() {
            match who.role {
                Role::Admin => self.store.districts(year).await?,
                Role::District | Role::City => who.scope.clone(),
                Role::Unit => {
                    return Err(ServiceError::PermissionDenied(
                        "单位凭证没有待办清单".into(),
                    ));
                }
            }
        } else {
            vec![fields::district(&r.district)?.to_owned()]
        };
        let mut items = Vec::new();
        for d in &districts {
            authorize(who, Action::ReadDistrict { district: d })?;
            let list = self.store.todo(d, year, today).await?;
            items.extend(list.iter().map(|t| conv::todo_item(d, t)));
        }
        Ok(pb::GetTodoResponse { items })
    }
}
