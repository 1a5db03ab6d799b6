//! DistrictSummaryService: the consolidated picture and the submission list.

use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_server::DistrictSummaryService;
use fazhi_store::{Principal, Store};
use tonic::{Request, Response, Status};

use crate::auth::Authenticator;
use crate::convert;
use crate::error::ServiceError;
use crate::policy::{Action, authorize};
use crate::submission::text_field;

const DEFAULT_PAGE: u64 = 50;
const MAX_PAGE: u64 = 200;

#[derive(Clone)]
pub struct Summaries {
    store: Store,
    auth: Authenticator,
}

impl Summaries {
    pub fn new(store: Store) -> Self {
        Summaries {
            auth: Authenticator::new(store.clone()),
            store,
        }
    }
}

/// The district and year asked for, and whether this caller may read them.
fn district_and_year<'a>(
    who: &Principal,
    district: &'a str,
    year: i32,
) -> Result<(&'a str, i32), ServiceError> {
    let district = text_field("区名（district）", district, 64)?;
    if district.is_empty() {
        return Err(ServiceError::InvalidArgument("缺少区名（district）".into()));
    }
    if !(2000..=9999).contains(&year) {
        return Err(ServiceError::InvalidArgument(format!("年度 {year} 不合理")));
    }
    authorize(who, Action::ReadDistrict { district })?;
    Ok((district, year))
}

impl Summaries {
    async fn summary(
        &self,
        who: &Principal,
        r: pb::GetDistrictSummaryRequest,
    ) -> Result<pb::GetDistrictSummaryResponse, ServiceError> {
        let (district, year) = district_and_year(who, &r.district, r.year)?;
        let summary = self
            .store
            .district_summary(district, year)
            .await?
            .ok_or_else(|| {
                ServiceError::NotFound(format!("名录中没有“{district}”的单位，也没有它的汇总"))
            })?;
        Ok(pb::GetDistrictSummaryResponse {
            summary: Some(convert::district_summary(&summary, district)),
        })
    }

    async fn list(
        &self,
        who: &Principal,
        r: pb::ListSubmissionsRequest,
    ) -> Result<pb::ListSubmissionsResponse, ServiceError> {
        let (district, year) = district_and_year(who, &r.district, r.year)?;
        let limit = match u64::from(r.page_size) {
            0 => DEFAULT_PAGE,
            n => n.min(MAX_PAGE),
        };
        let offset = if r.page_token.is_empty() {
            0
        } else {
            r.page_token
                .parse::<u64>()
                .map_err(|_| ServiceError::InvalidArgument("翻页标记（page_token）无效".into()))?
        };
        let (rows, total) = self
            .store
            .list_submissions(district, year, offset, limit)
            .await?;
        let roster = self.store.roster(district).await?;
        let submissions = rows
            .iter()
            .map(|row| {
                let name = roster
                    .iter()
                    .find(|a| a.code == row.agency_code)
                    .map(|a| a.name.as_str())
                    .unwrap_or_default();
                convert::submission(row, name)
            })
            .collect();
        let next = offset + rows.len() as u64;
        Ok(pb::ListSubmissionsResponse {
            submissions,
            next_page_token: if next < total {
                next.to_string()
            } else {
                String::new()
            },
        })
    }
}

#[tonic::async_trait]
impl DistrictSummaryService for Summaries {
    async fn get_district_summary(
        &self,
        request: Request<pb::GetDistrictSummaryRequest>,
    ) -> Result<Response<pb::GetDistrictSummaryResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            self.summary(&who, request.into_inner()).await?,
        ))
    }

    async fn list_submissions(
        &self,
        request: Request<pb::ListSubmissionsRequest>,
    ) -> Result<Response<pb::ListSubmissionsResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(self.list(&who, request.into_inner()).await?))
    }
}
