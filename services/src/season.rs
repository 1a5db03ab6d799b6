//! The Season service: the district office's roster by year, deadlines,
//! received dates, publication, review of each version, the rates and the
//! to-do list. Decisions are the store's and `fazhi-season`'s; this edge
//! parses requests, authorizes and converts.

use chrono::NaiveDate;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::season_server::Season;
use fazhi_season::{Deadlines, ReviewAction};
use fazhi_store::roster::RosterUnit;
use fazhi_store::season::DateSource;
use fazhi_store::{AuditAction, Principal, Role, Store};
use tonic::{Request, Response, Status};

use crate::auth::{Authenticator, origin};
use crate::error::ServiceError;
use crate::policy::{Action, authorize};
use crate::season_convert as conv;
use crate::submission::text_field;

#[derive(Clone)]
pub struct SeasonService {
    store: Store,
    auth: Authenticator,
}

fn invalid(m: impl Into<String>) -> ServiceError {
    ServiceError::InvalidArgument(m.into())
}

fn year_of(year: i32) -> Result<i32, ServiceError> {
    if !(2000..=9999).contains(&year) {
        return Err(invalid(format!(
            "年度 {year} 不合理，应为所报告的年份，如 2025"
        )));
    }
    Ok(year)
}

fn district_of(d: &str) -> Result<&str, ServiceError> {
    match text_field("区名（district）", d, 64)? {
        "" => Err(invalid("缺少区名（district）")),
        d => Ok(d),
    }
}

/// A `YYYY-MM-DD` date, or `None` when empty.
fn date_of(what: &str, s: &str) -> Result<Option<NaiveDate>, ServiceError> {
    let s = text_field(what, s, 20)?;
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            invalid(format!(
                "{what}“{s}”格式不正确，应为 YYYY-MM-DD，如 2026-02-27"
            ))
        })
}

fn id_of(id: &str) -> Result<&str, ServiceError> {
    let id = id.trim();
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(invalid(format!("报送编号“{id}”格式不正确")));
    }
    Ok(id)
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
        let year = year_of(r.year)?;
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
            year_from: year_of(u.year_from)?,
            code: field("单位代码（code）", &u.code)?,
            short_name: match field("简称（short_name）", &u.short_name)? {
                s if s.is_empty() => name.clone(),
                s => s,
            },
            name,
            kind: field("类型（kind）", &u.kind)?,
            parent: Some(field("上级单位（parent）", &u.parent)?).filter(|p| !p.is_empty()),
            district: district_of(&u.district)?.to_owned(),
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
        let year = year_of(r.year)?;
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
        let district = district_of(&r.district)?;
        let year = year_of(r.year)?;
        authorize(who, Action::ManageSeason { district })?;
        let current = self.store.season_settings(district, year).await?;
        let submit_by = date_of("报送截止日期（submit_by）", &r.submit_by)?
            .unwrap_or(current.deadlines.submit_by);
        let publish_by = date_of("公开截止日期（publish_by）", &r.publish_by)?
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
        let id = id_of(&r.submission_id)?;
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
        let id = id_of(&r.submission_id)?;
        let date = date_of("送达日期（received_on）", &r.received_on)?
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
        let year = year_of(r.year)?;
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
        let (date, source) = match date_of("公开日期（published_on）", &r.published_on)? {
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
        let today = date_of("今天（today）", &r.today)?.unwrap_or_else(today_beijing);
        let year = if r.year == 0 {
            chrono::Datelike::year(&today) - 1
        } else {
            year_of(r.year)?
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
            vec![district_of(&r.district)?.to_owned()]
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

type Rpc<T> = Result<Response<T>, Status>;

#[tonic::async_trait]
impl Season for SeasonService {
    async fn import_roster(
        &self,
        r: Request<pb::ImportRosterRequest>,
    ) -> Rpc<pb::ImportRosterResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.import_roster(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn list_roster(&self, r: Request<pb::ListRosterRequest>) -> Rpc<pb::ListRosterResponse> {
        let who = self.auth.principal(r.metadata()).await?;
        let r = r.into_inner();
        let (district, year) = (district_of(&r.district)?, year_of(r.year)?);
        authorize(&who, Action::ReadDistrict { district })?;
        let units = self
            .store
            .year_roster(district, year)
            .await
            .map_err(ServiceError::from)?;
        Ok(Response::new(pb::ListRosterResponse {
            units: units.iter().map(conv::unit).collect(),
        }))
    }

    async fn upsert_roster_unit(
        &self,
        r: Request<pb::UpsertRosterUnitRequest>,
    ) -> Rpc<pb::RosterUnitResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.upsert_unit(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn set_exempt(&self, r: Request<pb::SetExemptRequest>) -> Rpc<pb::RosterUnitResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.set_exempt(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn get_deadlines(&self, r: Request<pb::GetDeadlinesRequest>) -> Rpc<pb::SeasonSettings> {
        let who = self.auth.principal(r.metadata()).await?;
        let r = r.into_inner();
        let (district, year) = (district_of(&r.district)?, year_of(r.year)?);
        authorize(&who, Action::ReadDistrict { district })?;
        let s = self
            .store
            .season_settings(district, year)
            .await
            .map_err(ServiceError::from)?;
        Ok(Response::new(conv::settings(district, year, &s)))
    }

    async fn set_deadlines(&self, r: Request<pb::SetDeadlinesRequest>) -> Rpc<pb::SeasonSettings> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.set_deadlines(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn set_received_on(
        &self,
        r: Request<pb::SetReceivedOnRequest>,
    ) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.set_received_on(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn set_publication(
        &self,
        r: Request<pb::SetPublicationRequest>,
    ) -> Rpc<pb::SetPublicationResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.set_publication(&who, &origin, r.into_inner()).await?,
        ))
    }

    async fn accept_report(&self, r: Request<pb::ReviewRequest>) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.review(&who, &origin, r.into_inner(), ReviewAction::Accept)
                .await?,
        ))
    }

    async fn return_report(&self, r: Request<pb::ReviewRequest>) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.review(&who, &origin, r.into_inner(), ReviewAction::Return)
                .await?,
        ))
    }

    async fn reopen_report(&self, r: Request<pb::ReviewRequest>) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.review(&who, &origin, r.into_inner(), ReviewAction::Reopen)
                .await?,
        ))
    }

    async fn make_current(&self, r: Request<pb::ReviewRequest>) -> Rpc<pb::VersionResponse> {
        let (who, origin) = (self.auth.principal(r.metadata()).await?, origin(&r));
        Ok(Response::new(
            self.review(&who, &origin, r.into_inner(), ReviewAction::MakeCurrent)
                .await?,
        ))
    }

    async fn list_versions(
        &self,
        r: Request<pb::ListVersionsRequest>,
    ) -> Rpc<pb::ListVersionsResponse> {
        let who = self.auth.principal(r.metadata()).await?;
        let r = r.into_inner();
        let year = year_of(r.year)?;
        let code = text_field("单位代码（agency_code）", &r.agency_code, 64)?;
        let versions = self
            .store
            .versions_of(code, year)
            .await
            .map_err(ServiceError::from)?;
        // A unit sees its own versions (and the return reasons); the office its district's.
        let district = match versions.first() {
            Some(v) => v.district.clone(),
            None => self
                .store
                .roster_unit(code, year)
                .await
                .map_err(ServiceError::from)?
                .map(|u| u.district)
                .ok_or_else(|| ServiceError::NotFound(format!("没有单位代码“{code}”")))?,
        };
        authorize(
            &who,
            Action::ReadSubmission {
                agency: code,
                district: &district,
            },
        )?;
        Ok(Response::new(pb::ListVersionsResponse {
            versions: versions.iter().map(conv::version).collect(),
        }))
    }

    async fn get_season_status(
        &self,
        r: Request<pb::GetSeasonStatusRequest>,
    ) -> Rpc<pb::GetSeasonStatusResponse> {
        let who = self.auth.principal(r.metadata()).await?;
        let r = r.into_inner();
        let (district, year) = (district_of(&r.district)?, year_of(r.year)?);
        authorize(&who, Action::ReadDistrict { district })?;
        let s = self
            .store
            .season_status(district, year)
            .await
            .map_err(ServiceError::from)?;
        Ok(Response::new(conv::status(&s)))
    }

    async fn get_todo(&self, r: Request<pb::GetTodoRequest>) -> Rpc<pb::GetTodoResponse> {
        let who = self.auth.principal(r.metadata()).await?;
        Ok(Response::new(self.todo(&who, r.into_inner()).await?))
    }
}
