//! ReportIngestService: accept a report, queue it durably, report status.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Datelike;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::report_ingest_service_server::ReportIngestService;
use fazhi_queue::{OutgoingMessage, Queue, TRACEPARENT};
use fazhi_store::{Store, SubmissionStatus};
use tonic::{Request, Response, Status};
use tracing::Instrument;

use crate::convert;
use crate::error::ServiceError;
use crate::submission::NewSubmission;

#[derive(Clone)]
pub struct Ingest {
    store: Store,
    queue: Arc<dyn Queue>,
}

impl Ingest {
    pub fn new(store: Store, queue: Arc<dyn Queue>) -> Self {
        Ingest { store, queue }
    }

    async fn submit(
        &self,
        request: pb::SubmitReportRequest,
    ) -> Result<pb::SubmitReportResponse, ServiceError> {
        let now = chrono::Utc::now();
        let new = NewSubmission::parse(request, now.year())?;
        let submission_id = new.submission_id();
        tracing::Span::current().record("submission_id", submission_id.as_str());

        let agency = self.store.agency(new.agency_code()).await?.ok_or_else(|| {
            ServiceError::NotFound(format!(
                "单位代码“{}”不在名录中，请核对代码或联系依法治区办登记",
                new.agency_code()
            ))
        })?;

        if let Some(existing) = self.store.submission(&submission_id).await? {
            // A retry: same answer as the first time, never a second copy.
            if existing.content_sha256 != new.content_sha256() {
                return Err(ServiceError::AlreadyExists(
                    "该幂等键已用于另一份报告；如需更正报告，请使用新的幂等键重新报送".into(),
                ));
            }
            return Ok(pb::SubmitReportResponse {
                submission_id,
                status: convert::status(&existing.status) as i32,
            });
        }

        let record = new.into_record(agency.district, now.timestamp_millis());
        let traceparent = fazhi_queue::trace::new_traceparent();
        tracing::Span::current().record("trace_id", fazhi_queue::trace::trace_id(&traceparent));
        let message = OutgoingMessage {
            message_id: submission_id.clone(),
            payload: record.to_json(),
            headers: BTreeMap::from([(TRACEPARENT.to_owned(), traceparent)]),
        };
        self.queue
            .publish(&message)
            .await
            .map_err(ServiceError::QueueUnavailable)?;
        // The queue has it durably: from here on the answer is QUEUED. The
        // row only lets GetSubmission answer before the worker runs; if
        // writing it fails, the worker writes it from the message.
        if let Err(e) = self.store.record_queued(&record).await {
            tracing::warn!(error = ?e, "queued, but recording the submission failed; the worker will record it");
        }
        tracing::info!(agency = %record.agency_code, year = record.reporting_year, bytes = record.content.len(), "submission queued");
        Ok(pb::SubmitReportResponse {
            submission_id,
            status: pb::SubmissionStatus::Queued as i32,
        })
    }

    async fn withdraw(
        &self,
        r: pb::WithdrawSubmissionRequest,
    ) -> Result<pb::WithdrawSubmissionResponse, ServiceError> {
        let id = parse_id(&r.submission_id)?;
        let reason = match r.reason.trim() {
            "" => "已撤回",
            reason => reason,
        };
        let row = self
            .store
            .withdraw(id, reason)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("没有编号为 {id} 的报送")))?;
        tracing::info!(submission_id = %id, "submission withdrawn");
        let agency_name = self.agency_name(&row.agency_code).await?;
        Ok(pb::WithdrawSubmissionResponse {
            submission: Some(convert::submission(&row, &agency_name)),
        })
    }

    /// The agency's name for display; empty if it left the roster.
    async fn agency_name(&self, code: &str) -> Result<String, ServiceError> {
        Ok(self
            .store
            .agency(code)
            .await?
            .map(|a| a.name)
            .unwrap_or_default())
    }

    async fn get(&self, id: &str) -> Result<pb::GetSubmissionResponse, ServiceError> {
        let id = parse_id(id)?;
        let row = self
            .store
            .submission(id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("没有编号为 {id} 的报送")))?;
        let agency_name = self.agency_name(&row.agency_code).await?;
        let mut submission = convert::submission(&row, &agency_name);
        if row.status == SubmissionStatus::Processed.as_str()
            && let Some(parsed) = self.store.parsed_report(id).await?
        {
            let report: fazhi_core::ParsedReport = serde_json::from_str(&parsed.parsed)
                .map_err(|e| fazhi_store::StoreError::Corrupt(e.to_string()))?;
            submission.parsed = Some(convert::parsed_report(&report));
        }
        Ok(pb::GetSubmissionResponse {
            submission: Some(submission),
        })
    }
}

fn parse_id(id: &str) -> Result<&str, ServiceError> {
    let id = id.trim();
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(ServiceError::InvalidArgument(format!(
            "报送编号“{id}”格式不正确"
        )));
    }
    Ok(id)
}

#[tonic::async_trait]
impl ReportIngestService for Ingest {
    async fn withdraw_submission(
        &self,
        request: Request<pb::WithdrawSubmissionRequest>,
    ) -> Result<Response<pb::WithdrawSubmissionResponse>, Status> {
        Ok(Response::new(self.withdraw(request.into_inner()).await?))
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
        let response = self.submit(request.into_inner()).instrument(span).await?;
        Ok(Response::new(response))
    }

    async fn get_submission(
        &self,
        request: Request<pb::GetSubmissionRequest>,
    ) -> Result<Response<pb::GetSubmissionResponse>, Status> {
        let id = request.into_inner().submission_id;
        let span = tracing::debug_span!("get_submission", submission_id = %id);
        Ok(Response::new(self.get(&id).instrument(span).await?))
    }
}
