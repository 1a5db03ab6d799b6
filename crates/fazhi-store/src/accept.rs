//! The service's writes around one publish, each in one transaction: before
//! it, the key bound to the document, any earlier submission under the id,
//! and the kept file (one commit, not three); after the broker's confirm,
//! the queued row with its audit entry (one commit, not two).

use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::audit::AuditEvent;
use crate::entity::{document, submission, submission_key};
use crate::submissions::queued_model;
use crate::{Store, StoreError, SubmissionRecord};

/// What stands before a publish.
#[derive(Debug, Clone)]
pub enum Prepared {
    /// The idempotency key is bound to another document.
    KeyConflict,
    /// A submission with this id exists (a retry): answer with it.
    Existing(Box<submission::Model>),
    /// The key (if any) is bound to this document and the file is kept:
    /// publish.
    Ready,
}

impl Store {
    /// Bind the key (when `keyed`) to `sha256`, look for an earlier
    /// submission under `id`, and keep the file unless one exists. The
    /// binding and the file are committed before the publish and survive a
    /// refused one (harmless: a retry of the same document goes through).
    pub async fn prepare_submission(
        &self,
        id: &str,
        sha256: &str,
        content: &[u8],
        keyed: bool,
    ) -> Result<Prepared, StoreError> {
        let txn = self.begin_write().await?;
        if keyed && !reserve(&txn, id, sha256).await? {
            txn.rollback().await?;
            return Ok(Prepared::KeyConflict);
        }
        if let Some(existing) = submission::Entity::find_by_id(id.to_owned())
            .one(&txn)
            .await?
        {
            txn.commit().await?;
            return Ok(Prepared::Existing(Box::new(existing)));
        }
        keep_document(&txn, sha256, content).await?;
        txn.commit().await?;
        Ok(Prepared::Ready)
    }

    /// After the confirm: the queued row (unless known already) and the
    /// audit entry, committed together. On failure neither is written; the
    /// caller writes the audit entry alone (the worker writes the row).
    pub async fn record_accepted(
        &self,
        record: &SubmissionRecord,
        event: AuditEvent,
    ) -> Result<(), StoreError> {
        let txn = self.begin_write().await?;
        submission::Entity::insert(queued_model(record))
            .on_conflict_do_nothing()
            .exec_without_returning(&txn)
            .await?;
        crate::audit::append(&txn, event).await?;
        txn.commit().await?;
        Ok(())
    }
}

/// `true` when `id` is (now) bound to `sha256` (atomic: primary key). One
/// statement: an existing binding is "updated" to itself so that RETURNING
/// gives its document either way (a bare DO NOTHING returns no row, and a
/// second statement to read it cost a round trip on every SubmitReport).
pub(crate) async fn reserve<C: ConnectionTrait>(
    db: &C,
    id: &str,
    sha256: &str,
) -> Result<bool, StoreError> {
    let mut insert = Query::insert();
    insert
        .into_table(submission_key::Entity)
        .columns([
            submission_key::Column::SubmissionId,
            submission_key::Column::ContentSha256,
            submission_key::Column::CreatedAt,
        ])
        .values_panic([id.into(), sha256.into(), crate::now_ms().into()])
        .on_conflict(
            OnConflict::column(submission_key::Column::SubmissionId)
                .update_column(submission_key::Column::SubmissionId)
                .to_owned(),
        )
        .returning_col(submission_key::Column::ContentSha256);
    let row = db
        .query_one_raw(db.get_database_backend().build(&insert))
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("key of {id} vanished")))?;
    let bound: String = row.try_get("", "content_sha256")?;
    Ok(bound == sha256)
}

/// Keep a submitted file, once per content.
pub(crate) async fn keep_document<C: ConnectionTrait>(
    db: &C,
    sha256: &str,
    content: &[u8],
) -> Result<(), StoreError> {
    document::Entity::insert(document::ActiveModel {
        sha256: Set(sha256.to_owned()),
        content: Set(content.to_vec()),
        size_bytes: Set(i64::try_from(content.len()).unwrap_or(i64::MAX)),
        created_at: Set(crate::now_ms()),
    })
    .on_conflict_do_nothing()
    .exec_without_returning(db)
    .await?;
    Ok(())
}
