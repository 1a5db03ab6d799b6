//! Submissions as the service records and reads them.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entity::{document, parsed_report, submission};
use crate::{Store, StoreError, SubmissionRecord, SubmissionStatus};

impl Store {
    /// Record an accepted submission as queued, unless it is already known
    /// (a client retry, or the worker got there first).
    pub async fn record_queued(&self, record: &SubmissionRecord) -> Result<(), StoreError> {
        submission::Entity::insert(queued_model(record))
            .on_conflict_do_nothing()
            .exec_without_returning(self.db())
            .await?;
        Ok(())
    }

    /// Bind an idempotency key's submission id to a document before it is
    /// published. `true` when the id is (now) bound to this document, `false`
    /// when another document holds it. Atomic (primary key), so concurrent
    /// requests agree whatever the timing.
    pub async fn reserve_key(&self, submission_id: &str, sha256: &str) -> Result<bool, StoreError> {
        crate::accept::reserve(self.db(), submission_id, sha256).await
    }

    pub async fn submission(&self, id: &str) -> Result<Option<submission::Model>, StoreError> {
        Ok(submission::Entity::find_by_id(id.to_owned())
            .one(self.db())
            .await?)
    }

    /// Keep a submitted file, once per content. Written before the
    /// submission is published, so the message can carry only its hash.
    pub async fn put_document(&self, sha256: &str, content: &[u8]) -> Result<(), StoreError> {
        crate::accept::keep_document(self.db(), sha256, content).await
    }

    /// A kept file by its hash, checked against it (`Corrupt` if it differs).
    pub async fn document(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(row) = document::Entity::find_by_id(sha256.to_owned())
            .one(self.db())
            .await?
        else {
            return Ok(None);
        };
        check_hash(&row.content, sha256)?;
        Ok(Some(row.content))
    }

    /// The submitted file, byte for byte: kept in `documents`, or in the
    /// submission row itself for rows written before that table existed.
    pub async fn document_of(&self, row: &submission::Model) -> Result<Vec<u8>, StoreError> {
        if !row.content.is_empty() {
            check_hash(&row.content, &row.content_sha256)?;
            return Ok(row.content.clone());
        }
        self.document(&row.content_sha256)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("the file of {} is not kept", row.id)))
    }

    pub async fn parsed_report(
        &self,
        id: &str,
    ) -> Result<Option<parsed_report::Model>, StoreError> {
        Ok(parsed_report::Entity::find_by_id(id.to_owned())
            .one(self.db())
            .await?)
    }

    /// A page of a district's submissions for a year, newest first.
    pub async fn list_submissions(
        &self,
        district: &str,
        year: i32,
        offset: u64,
        limit: u64,
    ) -> Result<(Vec<submission::Model>, u64), StoreError> {
        let query = submission::Entity::find()
            .filter(submission::Column::District.eq(district))
            .filter(submission::Column::ReportingYear.eq(year));
        let total = query.clone().count(self.db()).await?;
        let page = query
            .order_by_desc(submission::Column::SubmittedAt)
            .order_by_asc(submission::Column::Id)
            .offset(offset)
            .limit(limit)
            .all(self.db())
            .await?;
        Ok((page, total))
    }

    /// How many submissions have each status (for tests and operators).
    pub async fn count_by_status(&self, status: SubmissionStatus) -> Result<u64, StoreError> {
        Ok(submission::Entity::find()
            .filter(submission::Column::Status.eq(status.as_str()))
            .count(self.db())
            .await?)
    }
}

pub(crate) fn queued_model(record: &SubmissionRecord) -> submission::ActiveModel {
    submission::ActiveModel {
        id: Set(record.submission_id.clone()),
        agency_code: Set(record.agency_code.clone()),
        district: Set(record.district.clone()),
        reporting_year: Set(record.reporting_year),
        status: Set(SubmissionStatus::Queued),
        reject_reason: Set(None),
        file_name: Set(record.file_name.clone()),
        media_type: Set(record.media_type.clone()),
        // The file itself lives in `documents` (once); a record of an older
        // release still carries it and it is kept here as it was.
        content: Set(record.content.clone()),
        size_bytes: Set(i64::try_from(if record.content.is_empty() {
            record.size_bytes
        } else {
            record.content.len() as u64
        })
        .unwrap_or(i64::MAX)),
        content_sha256: Set(record.content_sha256.clone()),
        idempotency_key: Set(record.idempotency_key.clone()),
        submitted_at: Set(record.submitted_at),
        processed_at: Set(None),
    }
}

fn check_hash(content: &[u8], sha256: &str) -> Result<(), StoreError> {
    use sha2::Digest;
    if hex::encode(sha2::Sha256::digest(content)) != sha256 {
        return Err(StoreError::Corrupt(format!(
            "a kept file does not match its hash {sha256}"
        )));
    }
    Ok(())
}
