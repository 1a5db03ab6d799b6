//! Re-processing stored reports with today's parser (`fazhi reprocess`).
//!
//! A job is a row: its filter (district, year, parser versions) and its
//! id, the generation each parse it re-reads is stamped with. What is left
//! is always "the parses the filter selects whose generation is below the
//! job's", so a job killed halfway is resumed by running it again: nothing
//! is re-read twice on purpose, and a redelivered re-read of the same job
//! finds its generation already stamped and changes nothing. A re-read
//! replaces the parse and its contribution and refiles the agency's piece,
//! so a report is counted once however often it is re-read.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbBackend, EntityTrait, ExprTrait, NotSet,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use crate::entity::{parsed_report, reprocess_job, submission};
use crate::pieces::{Fresh, parse_filed};
use crate::processing::{Completion, Outcome};
use crate::{Store, StoreError, SubmissionRecord, SubmissionStatus, now_ms};

/// Which stored parses a job re-reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobFilter {
    pub district: Option<String>,
    pub year: Option<i32>,
    /// Only parses made by this parser version or later (e.g. a version that
    /// read something wrong); `None`: every parse made by an older parser
    /// than this release's. `Some(0)` re-reads everything.
    pub since_version: Option<i32>,
}

pub use reprocess_job::Model as Job;

/// Where the last batch ended, in the order batches are taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReprocessCursor {
    pub district: String,
    pub year: i32,
    pub submission_id: String,
}

impl ReprocessCursor {
    pub fn after(record: &SubmissionRecord) -> Self {
        Self {
            district: record.district.clone(),
            year: record.reporting_year,
            submission_id: record.submission_id.clone(),
        }
    }
}

fn selected(job: &Job) -> Select<parsed_report::Entity> {
    let mut q = parsed_report::Entity::find().filter(parsed_report::Column::Generation.lt(job.id));
    if let Some(d) = &job.district {
        q = q.filter(parsed_report::Column::District.eq(d.as_str()));
    }
    if let Some(y) = job.year {
        q = q.filter(parsed_report::Column::ReportingYear.eq(y));
    }
    match job.since_version {
        Some(v) => q.filter(parsed_report::Column::ParserVersion.gte(v)),
        None => q.filter(parsed_report::Column::ParserVersion.lt(job.parser_version)),
    }
}

fn record_of(s: submission::Model) -> SubmissionRecord {
    SubmissionRecord {
        submission_id: s.id,
        agency_code: s.agency_code,
        district: s.district,
        reporting_year: s.reporting_year,
        file_name: s.file_name,
        media_type: s.media_type,
        // Rows of the release before kept files carry the file themselves.
        content: s.content,
        size_bytes: u64::try_from(s.size_bytes).unwrap_or_default(),
        content_sha256: s.content_sha256,
        idempotency_key: s.idempotency_key,
        submitted_at: s.submitted_at,
    }
}

impl Store {
    /// The unfinished job with this filter (resumed), or a new one.
    /// `true` with the job when it was resumed.
    pub async fn reprocess_job(&self, filter: &JobFilter) -> Result<(Job, bool), StoreError> {
        let version = fazhi_core::PARSER_VERSION;
        let mut q = reprocess_job::Entity::find()
            .filter(reprocess_job::Column::FinishedAt.is_null())
            .filter(reprocess_job::Column::ParserVersion.eq(version));
        q = match &filter.district {
            Some(d) => q.filter(reprocess_job::Column::District.eq(d.as_str())),
            None => q.filter(reprocess_job::Column::District.is_null()),
        };
        q = match filter.year {
            Some(y) => q.filter(reprocess_job::Column::Year.eq(y)),
            None => q.filter(reprocess_job::Column::Year.is_null()),
        };
        q = match filter.since_version {
            Some(v) => q.filter(reprocess_job::Column::SinceVersion.eq(v)),
            None => q.filter(reprocess_job::Column::SinceVersion.is_null()),
        };
        if let Some(job) = q
            .order_by_desc(reprocess_job::Column::Id)
            .one(self.db())
            .await?
        {
            return Ok((job, true));
        }
        let job = reprocess_job::ActiveModel {
            id: NotSet,
            district: Set(filter.district.clone()),
            year: Set(filter.year),
            since_version: Set(filter.since_version),
            parser_version: Set(version),
            total: Set(0),
            created_at: Set(now_ms()),
            finished_at: Set(None),
        }
        .insert(self.db())
        .await?;
        // Counted with the job's own id, so the filter is exactly the one
        // every later count uses.
        let total = self.reprocess_remaining(&job).await?;
        let mut update: reprocess_job::ActiveModel = job.into();
        update.total = Set(i64::try_from(total).unwrap_or(i64::MAX));
        Ok((update.update(self.db()).await?, false))
    }

    /// How many parses the job has still to re-read.
    pub async fn reprocess_remaining(&self, job: &Job) -> Result<u64, StoreError> {
        Ok(selected(job).count(self.db()).await?)
    }

    /// Up to `limit` of the job's parses still to re-read, after `after`,
    /// as the records their messages carry. In (district, year, id) order:
    /// a district's re-reads arrive together, so the worker renders its
    /// summary a few times for all of them instead of once for each (renders
    /// are linear in the district; in id order every re-read of a city
    /// touched another district).
    pub async fn reprocess_batch(
        &self,
        job: &Job,
        after: Option<&ReprocessCursor>,
        limit: u64,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        use parsed_report::Column as C;
        let mut q = selected(job)
            .select_only()
            .column(C::SubmissionId)
            .order_by_asc(C::District)
            .order_by_asc(C::ReportingYear)
            .order_by_asc(C::SubmissionId)
            .limit(limit);
        if let Some(a) = after {
            // A row-value comparison, so both databases seek the index.
            let key = |d: Expr, y: Expr, i: Expr| Expr::tuple([d, y, i]);
            q = q.filter(
                key(
                    Expr::col((parsed_report::Entity, C::District)),
                    Expr::col((parsed_report::Entity, C::ReportingYear)),
                    Expr::col((parsed_report::Entity, C::SubmissionId)),
                )
                .gt(key(
                    Expr::val(a.district.as_str()),
                    Expr::val(a.year),
                    Expr::val(a.submission_id.as_str()),
                )),
            );
        }
        let ids: Vec<String> = q.into_tuple().all(self.db()).await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = submission::Entity::find()
            .filter(submission::Column::Id.is_in(ids))
            .all(self.db())
            .await?;
        let mut records: Vec<SubmissionRecord> = rows.into_iter().map(record_of).collect();
        records.sort_by(|a, b| {
            (&a.district, a.reporting_year, &a.submission_id).cmp(&(
                &b.district,
                b.reporting_year,
                &b.submission_id,
            ))
        });
        Ok(records)
    }

    /// Mark the job finished; a later run with the same filter starts anew.
    pub async fn finish_reprocess(&self, job: &Job) -> Result<Job, StoreError> {
        let mut update: reprocess_job::ActiveModel = job.clone().into();
        update.finished_at = Set(Some(now_ms()));
        Ok(update.update(self.db()).await?)
    }

    /// Whether the job has already re-read this submission (checked before
    /// parsing, so a redelivery costs one read, not a parse).
    pub async fn reread_done(&self, submission_id: &str, job: i64) -> Result<bool, StoreError> {
        let generation: Option<i64> = parsed_report::Entity::find_by_id(submission_id.to_owned())
            .select_only()
            .column(parsed_report::Column::Generation)
            .into_tuple()
            .one(self.db())
            .await?;
        Ok(generation.is_none_or(|g| g >= job))
    }

    /// The worker's transaction for a re-read: replace the parse, its
    /// contribution and checks, and refile the agency's piece. A parse that
    /// no longer exists or was already re-read by this job is left alone
    /// ([`Completion::Duplicate`]); one the new parser would reject keeps its
    /// old parse (re-processing never takes a report out of the totals) and
    /// is stamped, so the job still finishes.
    pub async fn reread(
        &self,
        record: &SubmissionRecord,
        outcome: &Outcome,
        job: i64,
    ) -> Result<Completion, StoreError> {
        // As the first processing does: the CPU work before the transaction,
        // then the district's shared lock on PostgreSQL (its reports come in
        // district order, so under the exclusive lock every re-read of a
        // window queued behind one district), the agency's change row
        // serializing two changes of one agency.
        let ready = self.ready_parse(record, outcome).await?;
        let (txn, shared) = self
            .begin_for_agency(&record.district, record.reporting_year)
            .await?;
        let mut find = parsed_report::Entity::find_by_id(record.submission_id.clone())
            .select_only()
            .column(parsed_report::Column::Generation);
        if self.backend() == DbBackend::Postgres {
            // Two deliveries of one re-read: the second waits here, then
            // finds it done.
            find = find.lock_exclusive();
        }
        let generation: Option<i64> = find.into_tuple().one(&txn).await?;
        if generation.is_none_or(|g| g >= job) {
            txn.rollback().await?;
            return Ok(Completion::Duplicate);
        }
        let by_id = parsed_report::Column::SubmissionId.eq(record.submission_id.as_str());
        let (Outcome::Processed { text, parsed }, Some(ready)) = (outcome, ready) else {
            parsed_report::Entity::update_many()
                .col_expr(parsed_report::Column::Generation, Expr::value(job))
                .filter(by_id)
                .exec(&txn)
                .await?;
            txn.commit().await?;
            return Ok(Completion::Duplicate);
        };
        let ready = ready.current_in(&txn, record, text, parsed).await?;
        parsed_report::Entity::update_many()
            .col_expr(parsed_report::Column::Generation, Expr::value(job))
            .col_expr(
                parsed_report::Column::Contribution,
                Expr::value(Some(ready.contribution.clone())),
            )
            .col_expr(
                parsed_report::Column::Parsed,
                Expr::value(ready.json.clone()),
            )
            .col_expr(parsed_report::Column::Text, Expr::value(text.clone()))
            .col_expr(
                parsed_report::Column::ParserVersion,
                Expr::value(fazhi_core::PARSER_VERSION),
            )
            .filter(by_id)
            .exec(&txn)
            .await?;
        crate::checks::reread(&txn, record, text, parsed).await?;
        let fresh = Fresh {
            submission_id: &record.submission_id,
            contribution: &ready.value,
            agency: ready.agency.as_ref(),
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
        txn.commit().await?;
        Ok(Completion::Stored(SubmissionStatus::Processed))
    }
}
