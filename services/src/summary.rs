//! DistrictSummaryService: the consolidated picture and the submission list.

use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_server::DistrictSummaryService;
use fazhi_store::Store;
use tonic::{Request, Response, Status};

use crate::convert;
use crate::error::ServiceError;

const DEFAULT_PAGE: u64 = 50;
const MAX_PAGE: u64 = 200;

#[derive(Clone)]
pub struct Summaries {
    store: Store,
}

impl Summaries {
    pub fn new(store: Store) -> Self {
        Summaries { store }
    }
}

fn district_and_year(district: &str, year: i32) -> Result<(&str, i32), ServiceError> {
    let district = district.trim();
    if district.is_empty() {
        return Err(ServiceError::InvalidArgument("缺少区名（district）".into()));
    }
    if !(2000..=9999).contains(&year) {
        return Err(ServiceError::InvalidArgument(format!("年度 {year} 不合理")));
    }
    Ok((district, year))
}

impl Summaries {
    async fn summary(
        &self,
        r: pb::GetDistrictSummaryRequest,
    ) -> Result<pb::GetDistrictSummaryResponse, ServiceError> {
        let (district, year) = district_and_year(&r.district, r.year)?;
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
        r: pb::ListSubmissionsRequest,
    ) -> Result<pb::ListSubmissionsResponse, ServiceError> {
        let (district, year) = district_and_year(&r.district, r.year)?;
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
        Ok(Response::new(self.summary(request.into_inner()).await?))
    }

    async fn list_submissions(
        &self,
        request: Request<pb::ListSubmissionsRequest>,
    ) -> Result<Response<pb::ListSubmissionsResponse>, Status> {
        Ok(Response::new(self.list(request.into_inner()).await?))
    }
}
