//! DistrictSummaryService: the consolidated picture and the submission list.

use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_server::DistrictSummaryService;
use fazhi_store::{Principal, Store};
use tonic::{Request, Response, Status};

use crate::auth::Authenticator;
use crate::convert;
use crate::error::ServiceError;
use crate::fields;

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

impl Summaries {
    pub async fn summary(
        &self,
        who: &Principal,
        r: pb::GetDistrictSummaryRequest,
    ) -> Result<pb::GetDistrictSummaryResponse, ServiceError> {
        let (district, year) = fields::readable_district(who, &r.district, r.year)?;
        let summary = self.stored_summary(district, year).await?;
        Ok(pb::GetDistrictSummaryResponse {
            summary: Some(convert::district_summary_view(&summary, district, r.view())),
        })
    }

    pub async fn export(
        &self,
        who: &Principal,
        r: pb::ExportDraftRequest,
    ) -> Result<pb::ExportDraftResponse, ServiceError> {
        let (district, year) = fields::readable_district(who, &r.district, r.year)?;
        let summary = self.stored_summary(district, year).await?;
        let title = format!("{district}{year}年法治政府建设年度报告（汇总稿）");
        let (content, media_type, ext) = match r.format() {
            pb::DraftFormat::Docx => (
                fazhi_summary::render_docx(&summary),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            ),
            pb::DraftFormat::Unspecified | pb::DraftFormat::Markdown => (
                summary.draft_markdown.clone().into_bytes(),
                "text/markdown; charset=utf-8",
                "md",
            ),
        };
        Ok(pb::ExportDraftResponse {
            content,
            media_type: media_type.to_owned(),
            file_name: format!("{title}.{ext}"),
            verification: Some(convert::verification(&summary.verification)),
        })
    }

    async fn stored_summary(
        &self,
        district: &str,
        year: i32,
    ) -> Result<fazhi_summary::DistrictSummary, ServiceError> {
        self.store
            .district_summary(district, year)
            .await?
            .ok_or_else(|| {
                ServiceError::NotFound(format!("名录中没有“{district}”的单位，也没有它的汇总"))
            })
    }

    pub async fn list(
        &self,
        who: &Principal,
        r: pb::ListSubmissionsRequest,
    ) -> Result<pb::ListSubmissionsResponse, ServiceError> {
        let (district, year) = fields::readable_district(who, &r.district, r.year)?;
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

    async fn export_draft(
        &self,
        request: Request<pb::ExportDraftRequest>,
    ) -> Result<Response<pb::ExportDraftResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            self.export(&who, request.into_inner()).await?,
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
