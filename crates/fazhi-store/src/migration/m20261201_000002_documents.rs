//! The original files, once each (by SHA-256), outside the queue messages
//! and outside the submission rows (which keep the size).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000002_documents"
    }
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Sha256,
    Content,
    SizeBytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Submissions {
    Table,
    SizeBytes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Documents::Table)
                    .if_not_exists()
                    .col(string(Documents::Sha256).primary_key())
                    .col(blob(Documents::Content))
                    .col(big_integer(Documents::SizeBytes))
                    .col(big_integer(Documents::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // The file is no longer copied into the submission row; its size is.
        manager
            .alter_table(
                Table::alter()
                    .table(Submissions::Table)
                    .add_column(big_integer(Submissions::SizeBytes).default(0))
                    .to_owned(),
            )
            .await
    }
}
