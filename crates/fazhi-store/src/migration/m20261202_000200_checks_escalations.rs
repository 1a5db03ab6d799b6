//! Checks before acceptance (one row per thing a reviewer must look at) and
//! the escalation ladder per unit and year.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Checks {
    Table,
    Id,
    SubmissionId,
    District,
    AgencyCode,
    ReportingYear,
    Kind,
    Code,
    Severity,
    Holds,
    Start,
    End,
    Excerpt,
    Message,
    State,
    ClearedBy,
    ClearedAt,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Escalations {
    Table,
    Id,
    District,
    AgencyCode,
    Year,
    Step,
    At,
    Actor,
    Note,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Checks::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Checks::Id))
                    .col(string(Checks::SubmissionId))
                    .col(string(Checks::District))
                    .col(string(Checks::AgencyCode))
                    .col(integer(Checks::ReportingYear))
                    .col(string(Checks::Kind))
                    .col(string(Checks::Code))
                    .col(string(Checks::Severity))
                    .col(boolean(Checks::Holds))
                    .col(big_integer_null(Checks::Start))
                    .col(big_integer_null(Checks::End))
                    .col(text(Checks::Excerpt))
                    .col(text(Checks::Message))
                    .col(string(Checks::State))
                    .col(string_null(Checks::ClearedBy))
                    .col(big_integer_null(Checks::ClearedAt))
                    .col(text_null(Checks::Note))
                    .col(big_integer(Checks::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("checks_by_submission")
                    .table(Checks::Table)
                    .col(Checks::SubmissionId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("checks_by_district_year")
                    .table(Checks::Table)
                    .col(Checks::District)
                    .col(Checks::ReportingYear)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Escalations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Escalations::Id))
                    .col(string(Escalations::District))
                    .col(string(Escalations::AgencyCode))
                    .col(integer(Escalations::Year))
                    .col(string(Escalations::Step))
                    .col(big_integer(Escalations::At))
                    .col(string(Escalations::Actor))
                    .col(text(Escalations::Note))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("escalations_by_unit_year")
                    .table(Escalations::Table)
                    .col(Escalations::AgencyCode)
                    .col(Escalations::Year)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }
}
