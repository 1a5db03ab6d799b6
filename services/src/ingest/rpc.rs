//! The gRPC face of [`Ingest`]: authenticate, then hand the request on.

use super::*;

#[tonic::async_trait]
impl ReportIngestService for Ingest {
    async fn withdraw_submission(
        &self,
        request: Request<pb::WithdrawSubmissionRequest>,
    ) -> Result<Response<pb::WithdrawSubmissionResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        let origin = origin(&request);
        Ok(Response::new(
            self.withdraw(&who, origin, request.into_inner()).await?,
        ))
    }

    async fn submit_report(
        &self,
        request: Request<pb::SubmitReportRequest>,
    ) -> Result<Response<pb::SubmitReportResponse>, Status> {
        let span = tracing::info_span!(
            "submission",
            rpc = "SubmitReport",
            submission_id = tracing::field::Empty,
            trace_id = tracing::field::Empty
        );
        crate::metrics::submission_received();
        let result = async {
            let who = self.auth.principal(request.metadata()).await?;
            let origin = origin(&request);
            let response = self
                .submit(&who, origin, request.into_inner())
                .instrument(span)
                .await?;
            Ok(Response::new(response))
        }
        .await;
        crate::metrics::submission_answered(&result);
        result
    }

    async fn get_original_document(
        &self,
        request: Request<pb::GetOriginalDocumentRequest>,
    ) -> Result<Response<pb::GetOriginalDocumentResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        let id = request.into_inner().submission_id;
        Ok(Response::new(self.original(&who, &id).await?))
    }

    async fn get_submission(
        &self,
        request: Request<pb::GetSubmissionRequest>,
    ) -> Result<Response<pb::GetSubmissionResponse>, Status> {
        let who = self.auth.principal(request.metadata()).await?;
        let id = request.into_inner().submission_id;
        let span = tracing::debug_span!("get_submission", submission_id = %id);
        Ok(Response::new(self.get(&who, &id).instrument(span).await?))
    }
}
