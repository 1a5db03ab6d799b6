//! The embedded queue claims the oldest live message of a queue; without an
//! index in that order each claim sorted every queued row (measured: claim +
//! ack 5.5 ms with 1,000 queued, 0.9 ms near empty).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QueueMessages {
    Table,
    Queue,
    Dead,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("queue_messages_claim_order")
                    .table(QueueMessages::Table)
                    .col(QueueMessages::Queue)
                    .col(QueueMessages::Dead)
                    .col(QueueMessages::Id)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("queue_messages_claim_order")
                    .table(QueueMessages::Table)
                    .to_owned(),
            )
            .await
    }
}
