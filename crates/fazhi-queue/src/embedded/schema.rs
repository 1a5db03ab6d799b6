//! The embedded queue's own table, made by the queue itself.
//!
//! Databases made before the queue owned its storage already have it (the
//! store's historic first migration created it and stays as it ran), so
//! every statement here is `IF NOT EXISTS` and there is no migration
//! bookkeeping of its own: a second list in `seaql_migrations` would make
//! the store's migrator refuse the database ("migration file missing"), and
//! idempotent DDL needs no record of having run. A later change to this
//! table adds another idempotent statement here.

use sea_orm::sea_query::Index;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Schema};

use super::entity::{Column, Entity};

/// Create `queue_messages` and its two indexes where they are missing.
pub(crate) async fn ensure(db: &DatabaseConnection) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let mut table = Schema::new(backend).create_table_from_entity(Entity);
    table.if_not_exists();
    // A message id is queued at most once: republishing is a no-op.
    let unique = Index::create()
        .name("queue_messages_unique_id")
        .table(Entity)
        .col(Column::Queue)
        .col(Column::MessageId)
        .unique()
        .if_not_exists()
        .to_owned();
    // A claim takes the oldest live message of a queue: without an index in
    // that order each claim sorted every queued row.
    let claim_order = Index::create()
        .name("queue_messages_claim_order")
        .table(Entity)
        .col(Column::Queue)
        .col(Column::Dead)
        .col(Column::Id)
        .if_not_exists()
        .to_owned();
    db.execute(&table).await?;
    db.execute(&unique).await?;
    db.execute(&claim_order).await?;
    Ok(())
}
