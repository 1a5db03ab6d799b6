//! ReportIngestService: accept a report, queue it durably, report status.

mod rpc;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Datelike;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::report_ingest_service_server::ReportIngestService;
use fazhi_queue::{OutgoingMessage, Queue, TRACEPARENT};
use fazhi_store::entity::submission;
use fazhi_store::{AuditAction, AuditEvent, Prepared, Principal, Role, Store, SubmissionStatus};
use tonic::{Request, Response, Status};
use tracing::Instrument;

use crate::auth::{Authenticator, origin};
use crate::convert;
use crate::error::ServiceError;
use crate::fields::{self, text_field};
use crate::policy::{Action, authorize};
use crate::submission::NewSubmission;

#[derive(Clone)]
pub struct Ingest {
    store: Store,
    queue: Arc<dyn Queue>,
    auth: Authenticator,
    max_document_bytes: usize,
    max_backlog: u64,
    /// The last backlog reading and when it was taken: one depth query per
    /// interval, not one per request, under a deadline rush.
    backlog: Arc<std::sync::Mutex<Option<(std::time::Instant, u64)>>>,
}

/// How long a backlog reading is trusted.
const BACKLOG_TTL: std::time::Duration = std::time::Duration::from_millis(500);

/// What a caller wants to do to one existing submission.
#[derive(Debug, Clone, Copy)]
enum Access {
    Read,
    Withdraw,
}

/// A refusal of an existing id: the id says nothing about whether it exists.
fn no_such_submission(id: &str) -> ServiceError {
    ServiceError::NotFound(format!("没有编号为 {id} 的报送"))
}

impl Ingest {
    pub fn new(store: Store, queue: Arc<dyn Queue>, max_document_bytes: usize) -> Self {
        Ingest {
            auth: Authenticator::new(store.clone()),
            store,
            queue,
            max_document_bytes,
            max_backlog: u64::MAX,
            backlog: Arc::default(),
        }
    }

    /// Refuse new reports (RESOURCE_EXHAUSTED) while more than `limit` wait.
    pub fn with_max_backlog(mut self, limit: u64) -> Self {
        self.max_backlog = limit;
        self
    }

    /// Back-pressure: the worker drains slower than ingest accepts, so past
    /// the bound a client is asked to come back rather than piling up a
    /// backlog nobody sees. A depth that cannot be read does not refuse
    /// (the publish itself will tell).
    async fn check_backlog(&self) -> Result<(), ServiceError> {
        if self.max_backlog == u64::MAX {
            return Ok(());
        }
        let cached = self
            .backlog
            .lock()
            .ok()
            .and_then(|g| *g)
            .filter(|(at, _)| at.elapsed() < BACKLOG_TTL)
            .map(|(_, n)| n);
        let waiting = match cached {
            Some(n) => n,
            None => match self.queue.depth().await {
                Ok(n) => {
                    if let Ok(mut g) = self.backlog.lock() {
                        *g = Some((std::time::Instant::now(), n));
                    }
                    n
                }
                Err(e) => {
                    tracing::debug!(error = %e, "queue depth unknown");
                    return Ok(());
                }
            },
        };
        if waiting >= self.max_backlog {
            return Err(ServiceError::Backlog {
                waiting,
                limit: self.max_backlog,
                retry_after_s: 60,
            });
        }
        Ok(())
    }

    /// SubmitReport for an authenticated caller (the gRPC handler and the web
    /// workbench both come here, so both apply the same checks).
    pub async fn submit(
        &self,
        who: &Principal,
        origin: String,
        mut request: pb::SubmitReportRequest,
    ) -> Result<pb::SubmitReportResponse, ServiceError> {
        // A unit's credential names its unit; the request may leave it out,
        // and may not name another one.
        if who.role == Role::Unit {
            let own = who.scope.first().map(String::as_str).unwrap_or_default();
            let asked = request.agency_code.trim();
            if asked.is_empty() {
                request.agency_code = own.to_owned();
            } else if asked != own {
                return Err(ServiceError::PermissionDenied(format!(
                    "当前凭证属于单位“{own}”，不能代单位“{asked}”报送"
                )));
            }
        }
        let now = chrono::Utc::now();
        let new = NewSubmission::parse(request, now.year(), self.max_document_bytes)?;
        // Two independent reads, side by side.
        let (submission_id, agency) = tokio::try_join!(self.version_id(&new), async {
            Ok::<_, ServiceError>(self.store.agency(new.agency_code()).await?)
        })?;
        tracing::Span::current().record("submission_id", submission_id.as_str());

        let agency = agency.ok_or_else(|| {
            ServiceError::NotFound(format!(
                "单位代码“{}”不在名录中，请核对代码或联系依法治区办登记",
                new.agency_code()
            ))
        })?;
        authorize(
            who,
            Action::Submit {
                agency: &agency.code,
                district: &agency.district,
            },
        )?;

        self.check_backlog().await?;
        let key_conflict = || {
            ServiceError::AlreadyExists(
                "该报送编号已用于另一份报告；如需更正报告，请换用新的编号重新报送".into(),
            )
        };
        // Bind the key to this document before publishing (of two different
        // documents under one key, exactly one is ever published), find a
        // retry, and keep the file once, by its hash, before the message
        // that points at it is published: one transaction. A refused publish
        // leaves at most the binding and this content-addressed copy, which
        // nothing refers to and nothing counts.
        match self
            .store
            .prepare_submission(
                &submission_id,
                new.content_sha256(),
                new.content(),
                new.has_idempotency_key(),
            )
            .await?
        {
            Prepared::KeyConflict => return Err(key_conflict()),
            // A retry: same answer as the first time, never a second copy.
            Prepared::Existing(existing) => {
                if existing.content_sha256 != new.content_sha256() {
                    return Err(key_conflict());
                }
                return Ok(pb::SubmitReportResponse {
                    submission_id,
                    status: convert::status(existing.status) as i32,
                });
            }
            Prepared::Ready => {}
        }

        let file_name = new.file_name().to_owned();
        let record = new.into_record(
            submission_id.clone(),
            agency.district,
            now.timestamp_millis(),
        );
        let traceparent = fazhi_queue::trace::traceparent_of(&tracing::Span::current());
        tracing::Span::current().record("trace_id", fazhi_queue::trace::trace_id(&traceparent));
        let message = OutgoingMessage {
            message_id: submission_id.clone(),
            payload: crate::message::payload(&record),
            headers: BTreeMap::from([(TRACEPARENT.to_owned(), traceparent)]),
        };
        self.queue.publish(&message).await.map_err(|e| match e {
            fazhi_queue::QueueError::OutcomeUnknown(_) => ServiceError::QueueOutcomeUnknown(e),
            other => ServiceError::QueueUnavailable(other),
        })?;
        tracing::info!(agency = %record.agency_code, year = record.reporting_year, bytes = record.size_bytes, "submission queued");
        let event = AuditEvent {
            actor: who.actor(),
            action: AuditAction::Submit,
            target: submission_id.clone(),
            detail: serde_json::json!({
                "agency": record.agency_code,
                "district": record.district,
                "year": record.reporting_year,
                "file_name": file_name,
                "sha256": record.content_sha256,
                "bytes": record.size_bytes,
            }),
            origin,
        };
        // The queue has it durably: from here on the answer is QUEUED. The
        // row only lets GetSubmission answer before the worker runs; if
        // writing it fails, the worker writes it from the message (and the
        // audit entry is written alone).
        if let Err(e) = self.store.record_accepted(&record, event.clone()).await {
            tracing::warn!(error = ?e, "queued, but recording the submission failed; the worker will record it");
            self.record_audit(event).await;
        }
        Ok(pb::SubmitReportResponse {
            submission_id,
            status: pb::SubmissionStatus::Queued as i32,
        })
    }

    /// The id of this submission. Keyed: always the key's id (a retry is
    /// the same submission). Unkeyed: the document's id, unless that one was
    /// withdrawn or replaced since, in which case the same file is a new
    /// version with its own id and received time (the next free
    /// resubmission number; a retry of that resubmission finds it again).
    async fn version_id(&self, new: &NewSubmission) -> Result<String, ServiceError> {
        if new.has_idempotency_key() {
            return Ok(new.submission_id());
        }
        for generation in 0..1000 {
            let id = new.resubmission_id(generation);
            if self.store.submission(&id).await?.is_none() || self.store.is_live_latest(&id).await?
            {
                return Ok(id);
            }
        }
        Err(ServiceError::InvalidArgument(
            "同一文件已反复报送上千次，请联系依法治区办".into(),
        ))
    }

    /// The audit trail is written after the effect; a failure to write it is
    /// an operator's alarm, not the caller's error (the effect happened).
    async fn record_audit(&self, event: AuditEvent) {
        let (action, target) = (event.action, event.target.clone());
        if let Err(e) = self.store.audit(event).await {
            tracing::error!(error = ?e, action = action.as_str(), %target, "audit entry not written");
        }
    }

    pub async fn withdraw(
        &self,
        who: &Principal,
        origin: String,
        r: pb::WithdrawSubmissionRequest,
    ) -> Result<pb::WithdrawSubmissionResponse, ServiceError> {
        let id = fields::submission_id(&r.submission_id)?;
        let reason = match text_field("撤回原因（reason）", &r.reason, 500)? {
            "" => "已撤回",
            reason => reason,
        };
        let current = self.submission_for(who, id, Access::Withdraw).await?;
        let row = self
            .store
            .withdraw(id, reason)
            .await?
            .ok_or_else(|| no_such_submission(id))?;
        tracing::info!(submission_id = %id, "submission withdrawn");
        self.record_audit(AuditEvent {
            actor: who.actor(),
            action: AuditAction::Withdraw,
            target: id.to_owned(),
            detail: serde_json::json!({
                "agency": row.agency_code,
                "district": row.district,
                "year": row.reporting_year,
                "reason": reason,
                "status_before": current.status.as_str(),
            }),
            origin,
        })
        .await;
        let agency_name = self.agency_name(&row.agency_code).await?;
        Ok(pb::WithdrawSubmissionResponse {
            submission: Some(convert::submission(&row, &agency_name)),
        })
    }

    /// The submission, if it exists and this caller may do `access` to it.
    async fn submission_for(
        &self,
        who: &Principal,
        id: &str,
        access: Access,
    ) -> Result<submission::Model, ServiceError> {
        let row = self
            .store
            .submission(id)
            .await?
            .ok_or_else(|| no_such_submission(id))?;
        let (agency, district) = (row.agency_code.as_str(), row.district.as_str());
        authorize(
            who,
            match access {
                Access::Read => Action::ReadSubmission { agency, district },
                Access::Withdraw => Action::Withdraw { agency, district },
            },
        )?;
        Ok(row)
    }

    pub async fn original(
        &self,
        who: &Principal,
        id: &str,
    ) -> Result<pb::GetOriginalDocumentResponse, ServiceError> {
        let id = fields::submission_id(id)?;
        let row = self.submission_for(who, id, Access::Read).await?;
        let content = self.store.document_of(&row).await?;
        Ok(pb::GetOriginalDocumentResponse {
            content,
            media_type: row.media_type,
            file_name: row.file_name,
            sha256: row.content_sha256,
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

    async fn get(
        &self,
        who: &Principal,
        id: &str,
    ) -> Result<pb::GetSubmissionResponse, ServiceError> {
        let id = fields::submission_id(id)?;
        let row = self.submission_for(who, id, Access::Read).await?;
        let agency_name = self.agency_name(&row.agency_code).await?;
        let mut submission = convert::submission(&row, &agency_name);
        if row.status == SubmissionStatus::Processed
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
