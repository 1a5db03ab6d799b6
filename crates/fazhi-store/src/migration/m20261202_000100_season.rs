//! The reporting season: the roster by year, deadlines and the review
//! policy per district and year, when each submission reached the office,
//! the office's review of each version, the version it made current, and
//! each unit's publication. New tables only: nothing existing changes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RosterEntries {
    Table,
    Year,
    Code,
    Name,
    ShortName,
    Kind,
    Parent,
    District,
    ExemptReason,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SeasonSettings {
    Table,
    District,
    Year,
    SubmitBy,
    PublishBy,
    CountUnreviewed,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SubmissionReceipts {
    Table,
    SubmissionId,
    ReceivedAt,
    SetBy,
    SetAt,
}

#[derive(DeriveIden)]
enum SubmissionReviews {
    Table,
    SubmissionId,
    State,
    Reason,
    Actor,
    At,
}

#[derive(DeriveIden)]
enum CurrentVersions {
    Table,
    AgencyCode,
    Year,
    SubmissionId,
    PinnedAt,
    Actor,
}

#[derive(DeriveIden)]
enum Publications {
    Table,
    AgencyCode,
    Year,
    Url,
    PublishedOn,
    DateSource,
    UpdatedAt,
    UpdatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RosterEntries::Table)
                    .if_not_exists()
                    .col(integer(RosterEntries::Year))
                    .col(string(RosterEntries::Code))
                    .col(string(RosterEntries::Name))
                    .col(string(RosterEntries::ShortName))
                    .col(string(RosterEntries::Kind))
                    .col(string_null(RosterEntries::Parent))
                    .col(string(RosterEntries::District))
                    .col(string_null(RosterEntries::ExemptReason))
                    .col(big_integer(RosterEntries::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(RosterEntries::Year)
                            .col(RosterEntries::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SeasonSettings::Table)
                    .if_not_exists()
                    .col(string(SeasonSettings::District))
                    .col(integer(SeasonSettings::Year))
                    .col(string(SeasonSettings::SubmitBy))
                    .col(string(SeasonSettings::PublishBy))
                    .col(boolean(SeasonSettings::CountUnreviewed))
                    .col(big_integer(SeasonSettings::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(SeasonSettings::District)
                            .col(SeasonSettings::Year),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SubmissionReceipts::Table)
                    .if_not_exists()
                    .col(string(SubmissionReceipts::SubmissionId).primary_key())
                    .col(big_integer(SubmissionReceipts::ReceivedAt))
                    .col(string(SubmissionReceipts::SetBy))
                    .col(big_integer(SubmissionReceipts::SetAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SubmissionReviews::Table)
                    .if_not_exists()
                    .col(string(SubmissionReviews::SubmissionId).primary_key())
                    .col(string(SubmissionReviews::State))
                    .col(string_null(SubmissionReviews::Reason))
                    .col(string(SubmissionReviews::Actor))
                    .col(big_integer(SubmissionReviews::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CurrentVersions::Table)
                    .if_not_exists()
                    .col(string(CurrentVersions::AgencyCode))
                    .col(integer(CurrentVersions::Year))
                    .col(string(CurrentVersions::SubmissionId))
                    .col(big_integer(CurrentVersions::PinnedAt))
                    .col(string(CurrentVersions::Actor))
                    .primary_key(
                        Index::create()
                            .col(CurrentVersions::AgencyCode)
                            .col(CurrentVersions::Year),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Publications::Table)
                    .if_not_exists()
                    .col(string(Publications::AgencyCode))
                    .col(integer(Publications::Year))
                    .col(string(Publications::Url))
                    .col(string(Publications::PublishedOn))
                    .col(string(Publications::DateSource))
                    .col(big_integer(Publications::UpdatedAt))
                    .col(string(Publications::UpdatedBy))
                    .primary_key(
                        Index::create()
                            .col(Publications::AgencyCode)
                            .col(Publications::Year),
                    )
                    .to_owned(),
            )
            .await
    }
}
