//! The gRPC face of [`Analyses`]: authenticate, then hand the request on.

use super::*;

#[tonic::async_trait]
impl AnalysisService for Analyses {
    async fn get_year_over_year(
        &self,
        request: Request<pb::GetYearOverYearRequest>,
    ) -> Result<Response<pb::GetYearOverYearResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            self.year_over_year(&who, request.into_inner()).await?,
        ))
    }

    async fn get_plans_delivery(
        &self,
        request: Request<pb::GetPlansDeliveryRequest>,
    ) -> Result<Response<pb::GetPlansDeliveryResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(self.plans(&who, request.into_inner()).await?))
    }

    async fn list_recurring_shortcomings(
        &self,
        request: Request<pb::ListRecurringShortcomingsRequest>,
    ) -> Result<Response<pb::ListRecurringShortcomingsResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            self.recurring(&who, request.into_inner()).await?,
        ))
    }

    async fn set_rectification(
        &self,
        request: Request<pb::SetRectificationRequest>,
    ) -> Result<Response<pb::SetRectificationResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        let from = origin(&request);
        Ok(Response::new(
            self.rectify(&who, request.into_inner(), from).await?,
        ))
    }

    async fn get_copying(
        &self,
        request: Request<pb::GetCopyingRequest>,
    ) -> Result<Response<pb::GetCopyingResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            self.copying(&who, request.into_inner()).await?,
        ))
    }

    async fn get_quality(
        &self,
        request: Request<pb::GetQualityRequest>,
    ) -> Result<Response<pb::GetQualityResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            self.quality(&who, request.into_inner()).await?,
        ))
    }

    async fn get_rollup(
        &self,
        request: Request<pb::GetRollupRequest>,
    ) -> Result<Response<pb::GetRollupResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            self.rollup(&who, request.into_inner()).await?,
        ))
    }

    async fn refresh_analysis(
        &self,
        request: Request<pb::RefreshAnalysisRequest>,
    ) -> Result<Response<pb::RefreshAnalysisResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            self.refresh(&who, request.into_inner()).await?,
        ))
    }
}
