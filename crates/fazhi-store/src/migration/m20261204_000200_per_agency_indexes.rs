//! Indexes for what the worker's transaction reads per report: one
//! agency's versions of a year (`counting::versions`) and one unit's roster
//! versions (`roster::unit_in`). Without them both read every row of the
//! city, so a report cost more the more the database held.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Submissions {
    Table,
    AgencyCode,
    ReportingYear,
}

#[derive(DeriveIden)]
enum RosterEntries {
    Table,
    Code,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("submissions_by_agency_year")
                    .table(Submissions::Table)
                    .col(Submissions::AgencyCode)
                    .col(Submissions::ReportingYear)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("roster_entries_by_code")
                    .table(RosterEntries::Table)
                    .col(RosterEntries::Code)
                    .to_owned(),
            )
            .await
    }
}
