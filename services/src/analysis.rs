//! AnalysisService: the analyses across units and years, read from the
//! store (recomputed there when stale), filtered to what the caller may see
//! (`policy::Action::ReadAnalysis`), and the office's 整改 records.

mod convert;
mod rpc;

use fazhi_analysis::copying::CopyAnalysis;
use fazhi_analysis::district::{QualityResult, YearOverYear};
use fazhi_analysis::plans::PlanReview;
use fazhi_analysis::recurring::TrackedShortcoming;
use fazhi_analysis::rollup::Aggregate;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::analysis_service_server::AnalysisService;
use fazhi_store::analysis::{AnalysisPart, Rectification, RectificationStatus};
use fazhi_store::{Principal, Role, Store};
use serde::de::DeserializeOwned;
use tonic::{Request, Response, Status};

use crate::auth::{Authenticator, origin};
use crate::error::ServiceError;
use crate::fields::{self, text_field};
use crate::policy::{Action, authorize};

const MAX_NOTE_CHARS: usize = 2000;
const MAX_ROLLUP_DISTRICTS: usize = 200;

#[derive(Clone)]
pub struct Analyses {
    store: Store,
    auth: Authenticator,
}

impl Analyses {
    pub fn new(store: Store) -> Self {
        Analyses {
            auth: Authenticator::new(store.clone()),
            store,
        }
    }
}

/// What one read asks for, validated and authorized.
struct Scope {
    district: String,
    year: i32,
    /// Only this unit's part; a unit's credential always has one.
    agency: Option<String>,
    /// Whether the caller sees other units' text (not a unit).
    sees_others: bool,
}

/// A district and year whose office the caller is (`Action::Rectify`): the
/// 整改 records and a refresh are the office's.
fn office_district(who: &Principal, d: &str, y: i32) -> Result<(String, i32), ServiceError> {
    let (district, year) = (fields::district(d)?.to_owned(), fields::year(y)?);
    authorize(
        who,
        Action::Rectify {
            district: &district,
        },
    )?;
    Ok((district, year))
}

impl Analyses {
    async fn scope(
        &self,
        who: &Principal,
        district: &str,
        year: i32,
        agency: &str,
    ) -> Result<Scope, ServiceError> {
        let (district, year) = (fields::district(district)?.to_owned(), fields::year(year)?);
        let mut agency = text_field("单位代码（agency_code）", agency, 64)?.to_owned();
        // A unit's credential reads its own unit unless it names it.
        if agency.is_empty() && who.role == Role::Unit {
            agency = who.scope.first().cloned().unwrap_or_default();
        }
        let agency = (!agency.is_empty()).then_some(agency);
        authorize(
            who,
            Action::ReadAnalysis {
                district: &district,
                agency: agency.as_deref(),
            },
        )?;
        if let Some(code) = &agency {
            let roster = self.store.roster(&district).await?;
            if !roster.iter().any(|a| &a.code == code) {
                return Err(ServiceError::NotFound(format!(
                    "“{district}”的名录中没有单位“{code}”"
                )));
            }
        }
        Ok(Scope {
            district,
            year,
            agency,
            sees_others: who.role != Role::Unit,
        })
    }

    async fn part<T: DeserializeOwned>(
        &self,
        district: &str,
        year: i32,
        part: AnalysisPart,
    ) -> Result<T, ServiceError> {
        self.store
            .analysis_part(district, year, part)
            .await?
            .ok_or_else(|| {
                ServiceError::NotFound(format!(
                    "“{district}”{year}年度还没有已处理的报告，无法分析"
                ))
            })
    }

    pub async fn year_over_year(
        &self,
        who: &Principal,
        r: pb::GetYearOverYearRequest,
    ) -> Result<pb::GetYearOverYearResponse, ServiceError> {
        let s = self.scope(who, &r.district, r.year, &r.agency_code).await?;
        let yoy: YearOverYear = self.part(&s.district, s.year, AnalysisPart::Yoy).await?;
        let changes = match &s.agency {
            Some(code) => yoy.units.get(code).cloned().unwrap_or_default(),
            None => yoy.district.clone(),
        };
        Ok(pb::GetYearOverYearResponse {
            district: s.district,
            year: yoy.year,
            previous_year: yoy.previous_year,
            agency_code: s.agency.unwrap_or_default(),
            changes: changes.iter().map(convert::change).collect(),
        })
    }

    pub async fn plans(
        &self,
        who: &Principal,
        r: pb::GetPlansDeliveryRequest,
    ) -> Result<pb::GetPlansDeliveryResponse, ServiceError> {
        let s = self.scope(who, &r.district, r.year, &r.agency_code).await?;
        let p: PlanReview = self.part(&s.district, s.year, AnalysisPart::Plans).await?;
        let units = p
            .units
            .iter()
            .filter(|u| s.agency.as_ref().is_none_or(|a| &u.agency.code == a))
            .map(convert::unit_plans)
            .collect();
        // The district's counts and draft are the district's, not a unit's.
        let draft = if s.sees_others && s.agency.is_none() {
            self.part::<String>(&s.district, s.year, AnalysisPart::Draft)
                .await?
        } else {
            String::new()
        };
        let district = s.sees_others;
        let n = |v: usize| {
            if district {
                u32::try_from(v).unwrap_or(u32::MAX)
            } else {
                0
            }
        };
        Ok(pb::GetPlansDeliveryResponse {
            previous_year: p.previous_year,
            year: p.year,
            units,
            plans: n(p.plans),
            delivered: n(p.delivered),
            partly: n(p.partly),
            not_visible: n(p.not_visible),
            delivery_rate: p.delivery_rate.filter(|_| district),
            draft_markdown: draft,
        })
    }

    async fn tracked(
        &self,
        district: &str,
        year: i32,
    ) -> Result<Vec<TrackedShortcoming>, ServiceError> {
        self.part(district, year, AnalysisPart::Recurring).await
    }

    pub async fn recurring(
        &self,
        who: &Principal,
        r: pb::ListRecurringShortcomingsRequest,
    ) -> Result<pb::ListRecurringShortcomingsResponse, ServiceError> {
        let s = self.scope(who, &r.district, r.year, &r.agency_code).await?;
        let tracked: Vec<TrackedShortcoming> = self
            .tracked(&s.district, s.year)
            .await?
            .into_iter()
            .filter(|t| r.include_single || t.recurring)
            .filter(|t| s.agency.as_ref().is_none_or(|a| &t.agency.code == a))
            .collect();
        let keys: Vec<String> = tracked.iter().map(|t| t.key.clone()).collect();
        let records = self.store.rectifications(&keys).await?;
        Ok(pb::ListRecurringShortcomingsResponse {
            shortcomings: tracked
                .iter()
                .map(|t| convert::shortcoming(t, records.get(&t.key)))
                .collect(),
        })
    }

    pub async fn rectify(
        &self,
        who: &Principal,
        r: pb::SetRectificationRequest,
        origin: String,
    ) -> Result<pb::SetRectificationResponse, ServiceError> {
        let (district, year) = office_district(who, &r.district, r.year)?;
        let status = match r.status() {
            pb::RectificationStatus::InProgress => RectificationStatus::InProgress,
            pb::RectificationStatus::Done => RectificationStatus::Done,
            pb::RectificationStatus::NotDone => RectificationStatus::NotDone,
            pb::RectificationStatus::Unspecified => {
                return Err(ServiceError::InvalidArgument(
                    "缺少整改状态（status）：整改中、已整改或未整改".into(),
                ));
            }
        };
        let note = text_field("整改说明（note）", &r.note, MAX_NOTE_CHARS)?;
        let key = text_field("问题编号（key）", &r.key, 200)?;
        let tracked = self.tracked(&district, year).await?;
        let t = tracked.iter().find(|t| t.key == key).ok_or_else(|| {
            ServiceError::NotFound(format!(
                "“{district}”{year}年度的问题池中没有编号为“{key}”的问题"
            ))
        })?;
        let record = Rectification {
            key: t.key.clone(),
            district: district.clone(),
            agency_code: t.agency.code.clone(),
            status,
            note: note.to_owned(),
            actor: who.actor(),
            updated_at: fazhi_store::now_ms(),
        };
        self.store.set_rectification(&record, &origin).await?;
        Ok(pb::SetRectificationResponse {
            shortcoming: Some(convert::shortcoming(t, Some(&record))),
        })
    }

    pub async fn copying(
        &self,
        who: &Principal,
        r: pb::GetCopyingRequest,
    ) -> Result<pb::GetCopyingResponse, ServiceError> {
        let s = self.scope(who, &r.district, r.year, &r.agency_code).await?;
        let c: CopyAnalysis = self
            .part(&s.district, s.year, AnalysisPart::Copying)
            .await?;
        Ok(pb::GetCopyingResponse {
            reports: c
                .reports
                .iter()
                .filter(|x| s.agency.as_ref().is_none_or(|a| &x.agency.code == a))
                .map(|x| convert::report_copying(x, c.year, s.sees_others))
                .collect(),
            boilerplate: c
                .boilerplate
                .iter()
                .map(|b| pb::Boilerplate {
                    text: b.text.clone(),
                    units: u32::try_from(b.units).unwrap_or(u32::MAX),
                })
                .collect(),
        })
    }

    pub async fn quality(
        &self,
        who: &Principal,
        r: pb::GetQualityRequest,
    ) -> Result<pb::GetQualityResponse, ServiceError> {
        let s = self.scope(who, &r.district, r.year, &r.agency_code).await?;
        let q: QualityResult = self
            .part(&s.district, s.year, AnalysisPart::Quality)
            .await?;
        let ranked = |id: &str| q.ranking.units.iter().find(|u| u.submission_id == id);
        // Best first, as ranked.
        let mut scores: Vec<_> = q
            .scores
            .iter()
            .filter(|x| s.agency.as_ref().is_none_or(|a| &x.agency.code == a))
            .map(|x| convert::quality(x, ranked(&x.submission_id)))
            .collect();
        scores.sort_by_key(|x| x.rank);
        Ok(pb::GetQualityResponse {
            scores,
            distribution: Some(convert::distribution(
                &q.ranking.distribution,
                q.ranking.median,
            )),
            ranked: u32::try_from(q.ranking.units.len()).unwrap_or(u32::MAX),
        })
    }

    pub async fn rollup(
        &self,
        who: &Principal,
        r: pb::GetRollupRequest,
    ) -> Result<pb::GetRollupResponse, ServiceError> {
        let name = text_field("上级名称（name）", &r.name, 64)?;
        if name.is_empty() {
            return Err(ServiceError::InvalidArgument(
                "缺少上级名称（name），如“示例市”".into(),
            ));
        }
        let mut districts: Vec<String> = Vec::new();
        for d in &r.districts {
            let d = fields::district(d)?.to_owned();
            fields::year(r.year)?;
            if !districts.contains(&d) {
                districts.push(d);
            }
        }
        if districts.is_empty() || districts.len() > MAX_ROLLUP_DISTRICTS {
            return Err(ServiceError::InvalidArgument(format!(
                "所辖区（districts）应为1到{MAX_ROLLUP_DISTRICTS}个"
            )));
        }
        let mut children: Vec<Aggregate> = Vec::with_capacity(districts.len());
        for d in &districts {
            authorize(
                who,
                Action::ReadAnalysis {
                    district: d,
                    agency: None,
                },
            )?;
            children.push(self.part(d, r.year, AnalysisPart::Rollup).await?);
        }
        Ok(convert::rollup(&Aggregate::combine(name, &children)))
    }

    pub async fn refresh(
        &self,
        who: &Principal,
        r: pb::RefreshAnalysisRequest,
    ) -> Result<pb::RefreshAnalysisResponse, ServiceError> {
        let (district, year) = office_district(who, &r.district, r.year)?;
        let (basis, computed_at) = self
            .store
            .refresh_analysis(&district, year)
            .await?
            .ok_or_else(|| {
                ServiceError::NotFound(format!(
                    "“{district}”{year}年度还没有已处理的报告，无法分析"
                ))
            })?;
        Ok(pb::RefreshAnalysisResponse { basis, computed_at })
    }
}
