//! The worker's one transaction per report: the submission's final status,
//! its parse, and the rebuilt district summary are committed together, and a
//! report already completed is recognised and left alone.

use fazhi_core::ParsedReport;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, TransactionTrait, TryInsertResult};

use crate::entity::{parsed_report, submission};
use crate::submissions::queued_model;
use crate::summaries::{contribution_json, lock_summary, rebuild_summary};
use crate::{Store, StoreError, SubmissionRecord, SubmissionStatus, now_ms};

/// What the worker made of a report.
#[derive(Debug, Clone)]
pub enum Outcome {
    Processed {
        text: String,
        parsed: Box<ParsedReport>,
    },
    /// Not processable (not text, not a report); the reason is for the clerk.
    Rejected { reason: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// Stored now, with this final status.
    Stored(SubmissionStatus),
    /// Already completed earlier (a redelivery): nothing changed.
    Duplicate,
}

impl Store {
    /// Store a report's outcome exactly once, with the district summary.
    pub async fn complete(
        &self,
        record: &SubmissionRecord,
        outcome: &Outcome,
    ) -> Result<Completion, StoreError> {
        let txn = self.db().begin().await?;
        // Taken first: serializes summary rebuilds of this district and year,
        // and on SQLite makes this a write transaction from the start.
        lock_summary(&txn, &record.district, record.reporting_year).await?;

        submission::Entity::insert(queued_model(record))
            .on_conflict_do_nothing()
            .exec_without_returning(&txn)
            .await?;
        let current = submission::Entity::find_by_id(record.submission_id.clone())
            .one(&txn)
            .await?
            .ok_or_else(|| {
                StoreError::Corrupt(format!("submission {} vanished", record.submission_id))
            })?;
        if current.status != SubmissionStatus::Queued.as_str() {
            txn.rollback().await?;
            return Ok(Completion::Duplicate);
        }

        let now = now_ms();
        let mut update: submission::ActiveModel = current.into();
        let status = match outcome {
            Outcome::Processed { text, parsed } => {
                let json = serde_json::to_string(parsed.as_ref())
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let contribution = contribution_json(
                    &txn,
                    &record.agency_code,
                    &record.submission_id,
                    record.submitted_at,
                    record.reporting_year,
                    text,
                    parsed,
                )
                .await?;
                let inserted = parsed_report::Entity::insert(parsed_report::ActiveModel {
                    submission_id: Set(record.submission_id.clone()),
                    agency_code: Set(record.agency_code.clone()),
                    district: Set(record.district.clone()),
                    reporting_year: Set(record.reporting_year),
                    text: Set(text.clone()),
                    parsed: Set(json),
                    created_at: Set(now),
                    contribution: Set(Some(contribution)),
                })
                .on_conflict_do_nothing()
                .exec_without_returning(&txn)
                .await?;
                if matches!(inserted, TryInsertResult::Conflicted) {
                    txn.rollback().await?;
                    return Ok(Completion::Duplicate);
                }
                SubmissionStatus::Processed
            }
            Outcome::Rejected { reason } => {
                update.reject_reason = Set(Some(reason.clone()));
                SubmissionStatus::Rejected
            }
        };
        update.status = Set(status.as_str().to_owned());
        update.processed_at = Set(Some(now));
        update.update(&txn).await?;

        if status == SubmissionStatus::Processed {
            rebuild_summary(&txn, &record.district, record.reporting_year).await?;
        }
        txn.commit().await?;
        Ok(Completion::Stored(status))
    }
}

impl Store {
    /// Withdraw a submission: it leaves every total and the agency's previous
    /// processed report (if any) becomes current again. `None`: no such
    /// submission. Withdrawing twice is harmless.
    pub async fn withdraw(
        &self,
        id: &str,
        reason: &str,
    ) -> Result<Option<submission::Model>, StoreError> {
        let Some(current) = submission::Entity::find_by_id(id.to_owned())
            .one(self.db())
            .await?
        else {
            return Ok(None);
        };
        let txn = self.db().begin().await?;
        lock_summary(&txn, &current.district, current.reporting_year).await?;
        let current = submission::Entity::find_by_id(id.to_owned())
            .one(&txn)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("submission {id} vanished")))?;
        if current.status == SubmissionStatus::Withdrawn.as_str() {
            txn.rollback().await?;
            return Ok(Some(current));
        }
        let was_processed = current.status == SubmissionStatus::Processed.as_str();
        let (district, year) = (current.district.clone(), current.reporting_year);
        let mut update: submission::ActiveModel = current.into();
        update.status = Set(SubmissionStatus::Withdrawn.as_str().to_owned());
        update.reject_reason = Set(Some(reason.to_owned()));
        update.processed_at = Set(Some(now_ms()));
        let updated = update.update(&txn).await?;
        if was_processed {
            rebuild_summary(&txn, &district, year).await?;
        }
        txn.commit().await?;
        Ok(Some(updated))
    }
}
