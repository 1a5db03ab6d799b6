//! Per-agency change counts of the district summary, so filing one agency's
//! piece does not rewrite (and lock) the district's state row.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SummaryChanges {
    Table,
    District,
    Year,
    AgencyCode,
    Revision,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SummaryChanges::Table)
                    .if_not_exists()
                    .col(string(SummaryChanges::District))
                    .col(integer(SummaryChanges::Year))
                    .col(string(SummaryChanges::AgencyCode))
                    .col(big_integer(SummaryChanges::Revision).default(0))
                    .primary_key(
                        Index::create()
                            .col(SummaryChanges::District)
                            .col(SummaryChanges::Year)
                            .col(SummaryChanges::AgencyCode),
                    )
                    .to_owned(),
            )
            .await
    }
}
