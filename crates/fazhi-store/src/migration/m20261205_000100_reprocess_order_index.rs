//! The order `fazhi reprocess` takes parses in: district, year, id. Without
//! it every batch sorted all the selected parses (at 300 000, each batch a
//! full scan); with it a batch reads its rows in index order after the cursor.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParsedReports {
    Table,
    District,
    ReportingYear,
    SubmissionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("parsed_reports_reprocess_order")
                    .table(ParsedReports::Table)
                    .col(ParsedReports::District)
                    .col(ParsedReports::ReportingYear)
                    .col(ParsedReports::SubmissionId)
                    .to_owned(),
            )
            .await
    }
}
