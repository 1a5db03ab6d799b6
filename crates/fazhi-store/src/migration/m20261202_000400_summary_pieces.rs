//! The district summary kept as pieces: one row per agency's counting
//! report and a small state row per district and year (lock and version),
//! so a change costs that report, not the district.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SummaryStates {
    Table,
    District,
    Year,
    Version,
    Complete,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SummaryPieces {
    Table,
    District,
    Year,
    AgencyCode,
    SubmissionId,
    DataVersion,
    Filed,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SummaryStates::Table)
                    .if_not_exists()
                    .col(string(SummaryStates::District))
                    .col(integer(SummaryStates::Year))
                    .col(big_integer(SummaryStates::Version).default(0))
                    .col(boolean(SummaryStates::Complete).default(false))
                    .col(big_integer(SummaryStates::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(SummaryStates::District)
                            .col(SummaryStates::Year),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SummaryPieces::Table)
                    .if_not_exists()
                    .col(string(SummaryPieces::District))
                    .col(integer(SummaryPieces::Year))
                    .col(string(SummaryPieces::AgencyCode))
                    .col(string(SummaryPieces::SubmissionId))
                    .col(integer(SummaryPieces::DataVersion))
                    .col(text(SummaryPieces::Filed))
                    .primary_key(
                        Index::create()
                            .col(SummaryPieces::District)
                            .col(SummaryPieces::Year)
                            .col(SummaryPieces::AgencyCode),
                    )
                    .to_owned(),
            )
            .await
    }
}
