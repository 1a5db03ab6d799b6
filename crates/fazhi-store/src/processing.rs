//! The worker's one transaction per report: the submission's final status,
//! its parse, and the rebuilt district summary are committed together, and a
//! report already completed is recognised and left alone. Also the marks a
//! dead letter leaves on its submission (`failed`) and takes back on replay.

use fazhi_core::ParsedReport;
use fazhi_summary::ReportContribution;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionTrait, TryInsertResult,
};

use crate::entity::{agency, parsed_report, submission};
use crate::pieces::{Fresh, parse_filed};
use crate::submissions::queued_model;
use crate::summaries::{agency_changed, contribution_with, lock_summary};
use crate::summary_version::lock_shared;
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
        // The CPU work (the parse as JSON, the contribution, the checks) is
        // done before the transaction, so it holds no lock while computing:
        // SQLite has one writer, and a second worker can only overlap with
        // the first outside its transaction.
        let ready = self.ready_parse(record, outcome).await?;
        let (txn, shared) = self
            .begin_for_agency(&record.district, record.reporting_year)
            .await?;
        let (status, reason) = match outcome {
            Outcome::Processed { .. } => (SubmissionStatus::Processed, None),
            Outcome::Rejected { reason } => (SubmissionStatus::Rejected, Some(reason.clone())),
        };
        // One statement: the row written if the service could not, its final
        // status set only if it is still queued (a redelivery of a completed
        // or withdrawn report changes nothing).
        let now = now_ms();
        let mut row = queued_model(record);
        row.status = Set(status);
        row.reject_reason = Set(reason);
        row.processed_at = Set(Some(now));
        let still_queued = Expr::col((submission::Entity, submission::Column::Status))
            .eq(SubmissionStatus::Queued.as_str());
        let changed = submission::Entity::insert(row)
            .on_conflict(
                OnConflict::column(submission::Column::Id)
                    .update_columns([
                        submission::Column::Status,
                        submission::Column::RejectReason,
                        submission::Column::ProcessedAt,
                    ])
                    .action_and_where(still_queued)
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        if changed == 0 {
            txn.rollback().await?;
            return Ok(Completion::Duplicate);
        }
        if let (Outcome::Processed { text, parsed }, Some(ready)) = (outcome, ready) {
            let ready = ready.current_in(&txn, record, text, parsed).await?;
            let ReadyParse {
                json,
                contribution,
                value,
                agency,
                checks,
            } = ready;
            let inserted = parsed_report::Entity::insert(parsed_report::ActiveModel {
                submission_id: Set(record.submission_id.clone()),
                agency_code: Set(record.agency_code.clone()),
                district: Set(record.district.clone()),
                reporting_year: Set(record.reporting_year),
                text: Set(text.clone()),
                parsed: Set(json),
                created_at: Set(now),
                contribution: Set(Some(contribution)),
                parser_version: Set(fazhi_core::PARSER_VERSION),
                generation: Set(0),
            })
            .on_conflict_do_nothing()
            .exec_without_returning(&txn)
            .await?;
            if matches!(inserted, TryInsertResult::Conflicted) {
                txn.rollback().await?;
                return Ok(Completion::Duplicate);
            }
            crate::checks::record(&txn, record, checks).await?;
            let fresh = Fresh {
                submission_id: &record.submission_id,
                contribution: &value,
                agency: agency.as_ref(),
            };
            parse_filed(
                &txn,
                &record.district,
                record.reporting_year,
                &record.agency_code,
                fresh,
                shared,
            )
            .await?;
            if !shared {
                // A first build of the district's pieces can take a while:
                // processed_at - submitted_at stays the real processing time.
                stamp_processed_at(&txn, &record.submission_id).await?;
            }
        }
        txn.commit().await?;
        Ok(Completion::Stored(status))
    }

    /// A write transaction for a change of one agency's piece: under the
    /// shared district lock when the district's pieces are built
    /// (PostgreSQL; `true`), else under the exclusive one.
    pub(crate) async fn begin_for_agency(
        &self,
        district: &str,
        year: i32,
    ) -> Result<(sea_orm::DatabaseTransaction, bool), StoreError> {
        if self.backend() == sea_orm::DbBackend::Postgres {
            let txn = self.db().begin().await?;
            if lock_shared(&txn, district, year).await? {
                return Ok((txn, true));
            }
            txn.rollback().await?;
        }
        let txn = self.begin_write().await?;
        lock_summary(&txn, district, year).await?;
        Ok((txn, false))
    }

    /// Mark a submission that was set aside (dead-lettered) as `failed` with
    /// the reason for the clerk, unless it already has a final status. If no
    /// row exists (the service could not record it, e.g. its text was refused
    /// by the database), one is written from `record` with every NUL removed
    /// from its text fields so the database takes it. `Ok(true)`: marked now.
    pub async fn mark_failed(
        &self,
        submission_id: &str,
        record: Option<&SubmissionRecord>,
        reason: &str,
    ) -> Result<bool, StoreError> {
        let reason = without_nul(reason);
        let now = now_ms();
        let updated = submission::Entity::update_many()
            .col_expr(
                submission::Column::Status,
                Expr::value(SubmissionStatus::Failed.as_str()),
            )
            .col_expr(
                submission::Column::RejectReason,
                Expr::value(reason.clone()),
            )
            .col_expr(submission::Column::ProcessedAt, Expr::value(now))
            .filter(submission::Column::Id.eq(submission_id))
            .filter(submission::Column::Status.eq(SubmissionStatus::Queued.as_str()))
            .exec(self.db())
            .await?;
        if updated.rows_affected > 0 {
            return Ok(true);
        }
        let Some(record) = record else {
            return Ok(false);
        };
        let mut model = queued_model(&sanitized(record));
        model.status = Set(SubmissionStatus::Failed);
        model.reject_reason = Set(Some(reason));
        model.processed_at = Set(Some(now));
        let inserted = submission::Entity::insert(model)
            .on_conflict_do_nothing()
            .exec_without_returning(self.db())
            .await?;
        Ok(matches!(inserted, TryInsertResult::Inserted(_)))
    }

    /// Before a dead letter is replayed: its submission, if `failed`, is
    /// `queued` again, so the worker processes the replayed message (it skips
    /// anything not queued). `Ok(true)`: it was failed and now is queued.
    pub async fn requeue_failed(&self, submission_id: &str) -> Result<bool, StoreError> {
        let updated = submission::Entity::update_many()
            .col_expr(
                submission::Column::Status,
                Expr::value(SubmissionStatus::Queued.as_str()),
            )
            .col_expr(
                submission::Column::RejectReason,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                submission::Column::ProcessedAt,
                Expr::value(Option::<i64>::None),
            )
            .filter(submission::Column::Id.eq(submission_id))
            .filter(submission::Column::Status.eq(SubmissionStatus::Failed.as_str()))
            .exec(self.db())
            .await?;
        Ok(updated.rows_affected > 0)
    }
}

/// A parse ready to store: the parse as JSON, the report's contribution (as
/// stored JSON, and as the value its piece is filed from) made with the
/// agency's row as read, and the report's checks.
pub(crate) struct ReadyParse {
    pub(crate) json: String,
    pub(crate) contribution: String,
    pub(crate) value: ReportContribution,
    pub(crate) agency: Option<agency::Model>,
    pub(crate) checks: crate::checks::Found,
}

impl Store {
    /// The [`ReadyParse`] of a processed outcome (`None`: rejected), made
    /// before the transaction with the agency's row as it is now.
    pub(crate) async fn ready_parse(
        &self,
        record: &SubmissionRecord,
        outcome: &Outcome,
    ) -> Result<Option<ReadyParse>, StoreError> {
        let Outcome::Processed { text, parsed } = outcome else {
            return Ok(None);
        };
        let agency = agency::Entity::find_by_id(record.agency_code.clone())
            .one(self.db())
            .await?;
        Ok(Some(ReadyParse::new(record, text, parsed, agency)?))
    }
}

impl ReadyParse {
    /// This, or made again if the agency's row in `txn` is no longer the one
    /// it was made with (a roster change committed in between).
    pub(crate) async fn current_in<C: ConnectionTrait>(
        self,
        txn: &C,
        record: &SubmissionRecord,
        text: &str,
        parsed: &ParsedReport,
    ) -> Result<ReadyParse, StoreError> {
        let agency = agency::Entity::find_by_id(record.agency_code.clone())
            .one(txn)
            .await?;
        if agency == self.agency {
            return Ok(self);
        }
        ReadyParse::new(record, text, parsed, agency)
    }

    fn new(
        record: &SubmissionRecord,
        text: &str,
        parsed: &ParsedReport,
        agency: Option<agency::Model>,
    ) -> Result<ReadyParse, StoreError> {
        let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
        let value = contribution_with(
            agency.as_ref(),
            &record.agency_code,
            &record.submission_id,
            record.submitted_at,
            record.reporting_year,
            text,
            parsed,
        );
        Ok(ReadyParse {
            json: serde_json::to_string(parsed).map_err(corrupt)?,
            contribution: serde_json::to_string(&value).map_err(corrupt)?,
            value,
            agency,
            checks: crate::checks::found(text, parsed),
        })
    }
}

async fn stamp_processed_at<C: ConnectionTrait>(db: &C, id: &str) -> Result<(), StoreError> {
    submission::Entity::update_many()
        .col_expr(submission::Column::ProcessedAt, Expr::value(now_ms()))
        .filter(submission::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

fn without_nul(s: &str) -> String {
    s.replace('\0', "")
}

/// The record with NUL removed from every text column (PostgreSQL refuses
/// NUL in text, SQLSTATE 22021); the document bytes are kept as they are.
fn sanitized(record: &SubmissionRecord) -> SubmissionRecord {
    SubmissionRecord {
        submission_id: without_nul(&record.submission_id),
        agency_code: without_nul(&record.agency_code),
        district: without_nul(&record.district),
        file_name: without_nul(&record.file_name),
        media_type: without_nul(&record.media_type),
        content_sha256: without_nul(&record.content_sha256),
        idempotency_key: record.idempotency_key.as_deref().map(without_nul),
        ..record.clone()
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
        let txn = self.begin_write().await?;
        lock_summary(&txn, &current.district, current.reporting_year).await?;
        let current = submission::Entity::find_by_id(id.to_owned())
            .one(&txn)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("submission {id} vanished")))?;
        if current.status == SubmissionStatus::Withdrawn {
            txn.rollback().await?;
            return Ok(Some(current));
        }
        // An accepted version is locked until the office reopens it.
        crate::review::check_withdraw(&txn, &current).await?;
        let was_processed = current.status == SubmissionStatus::Processed;
        let (district, year, agency_code) = (
            current.district.clone(),
            current.reporting_year,
            current.agency_code.clone(),
        );
        let mut update: submission::ActiveModel = current.into();
        update.status = Set(SubmissionStatus::Withdrawn);
        update.reject_reason = Set(Some(reason.to_owned()));
        update.processed_at = Set(Some(now_ms()));
        let updated = update.update(&txn).await?;
        if was_processed {
            agency_changed(&txn, &district, year, &agency_code).await?;
        }
        txn.commit().await?;
        Ok(Some(updated))
    }
}

#[cfg(test)]
mod statement_count;
