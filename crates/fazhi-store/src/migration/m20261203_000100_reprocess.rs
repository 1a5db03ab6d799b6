//! Re-processing: each parse records the parser version that made it and
//! the re-processing job that last re-read it, and jobs are rows, so a job
//! killed halfway is resumed rather than started again.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParsedReports {
    #[sea_orm(iden = "parsed_reports")]
    Table,
    ParserVersion,
    Generation,
}

#[derive(DeriveIden)]
enum ReprocessJobs {
    Table,
    Id,
    District,
    Year,
    SinceVersion,
    ParserVersion,
    Total,
    CreatedAt,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one column per ALTER.
        manager
            .alter_table(
                Table::alter()
                    .table(ParsedReports::Table)
                    .add_column(integer(ParsedReports::ParserVersion).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ParsedReports::Table)
                    .add_column(big_integer(ParsedReports::Generation).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReprocessJobs::Table)
                    .if_not_exists()
                    .col(
                        big_integer(ReprocessJobs::Id)
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(string_null(ReprocessJobs::District))
                    .col(integer_null(ReprocessJobs::Year))
                    .col(integer_null(ReprocessJobs::SinceVersion))
                    .col(integer(ReprocessJobs::ParserVersion))
                    .col(big_integer(ReprocessJobs::Total))
                    .col(big_integer(ReprocessJobs::CreatedAt))
                    .col(big_integer_null(ReprocessJobs::FinishedAt))
                    .to_owned(),
            )
            .await
    }
}
