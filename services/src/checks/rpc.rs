//! The gRPC face of [`Checks`]: authenticate, then hand the request on.

use super::*;

#[tonic::async_trait]
impl checks_server::Checks for Checks {
    async fn list_checks(
        &self,
        request: Request<pb::ListChecksRequest>,
    ) -> Result<Response<pb::ListChecksResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(self.list(&who, request.into_inner()).await?))
    }

    async fn clear_check(
        &self,
        request: Request<pb::ClearCheckRequest>,
    ) -> Result<Response<pb::CheckResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        let from = origin(&request);
        Ok(Response::new(
            self.clear(&who, from, request.into_inner()).await?,
        ))
    }

    async fn confirm_filing(
        &self,
        request: Request<pb::ConfirmFilingRequest>,
    ) -> Result<Response<pb::FilingResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        let from = origin(&request);
        Ok(Response::new(
            self.confirm(&who, from, request.into_inner()).await?,
        ))
    }

    async fn correct_filing(
        &self,
        request: Request<pb::CorrectFilingRequest>,
    ) -> Result<Response<pb::FilingResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        let from = origin(&request);
        Ok(Response::new(
            self.correct(&who, from, request.into_inner()).await?,
        ))
    }

    async fn escalate(
        &self,
        request: Request<pb::EscalateRequest>,
    ) -> Result<Response<pb::EscalateResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        let from = origin(&request);
        Ok(Response::new(
            Checks::escalate(self, &who, from, request.into_inner()).await?,
        ))
    }

    async fn list_escalations(
        &self,
        request: Request<pb::ListEscalationsRequest>,
    ) -> Result<Response<pb::ListEscalationsResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            Checks::list_escalations(self, &who, request.into_inner()).await?,
        ))
    }

    async fn export_notices(
        &self,
        request: Request<pb::ExportNoticesRequest>,
    ) -> Result<Response<pb::ExportNoticesResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        Ok(Response::new(
            Checks::export_notices(self, &who, request.into_inner()).await?,
        ))
    }
}
