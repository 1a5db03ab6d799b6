//! Analysis results per (district, year), stored with the summary versions
//! they were computed from, and the office's 整改 records per tracked
//! shortcoming.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AnalysisResults {
    Table,
    District,
    Year,
    Basis,
    Yoy,
    Plans,
    Recurring,
    Copying,
    Quality,
    Rollup,
    Draft,
    ComputedAt,
}

#[derive(DeriveIden)]
enum Rectifications {
    Table,
    Key,
    District,
    AgencyCode,
    Status,
    Note,
    Actor,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AnalysisResults::Table)
                    .if_not_exists()
                    .col(string(AnalysisResults::District))
                    .col(integer(AnalysisResults::Year))
                    .col(string(AnalysisResults::Basis))
                    .col(text(AnalysisResults::Yoy))
                    .col(text(AnalysisResults::Plans))
                    .col(text(AnalysisResults::Recurring))
                    .col(text(AnalysisResults::Copying))
                    .col(text(AnalysisResults::Quality))
                    .col(text(AnalysisResults::Rollup))
                    .col(text(AnalysisResults::Draft))
                    .col(big_integer(AnalysisResults::ComputedAt))
                    .primary_key(
                        Index::create()
                            .col(AnalysisResults::District)
                            .col(AnalysisResults::Year),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rectifications::Table)
                    .if_not_exists()
                    .col(string(Rectifications::Key).primary_key())
                    .col(string(Rectifications::District))
                    .col(string(Rectifications::AgencyCode))
                    .col(string(Rectifications::Status))
                    .col(text(Rectifications::Note))
                    .col(string(Rectifications::Actor))
                    .col(big_integer(Rectifications::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("rectifications_by_district")
                    .table(Rectifications::Table)
                    .col(Rectifications::District)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }
}
