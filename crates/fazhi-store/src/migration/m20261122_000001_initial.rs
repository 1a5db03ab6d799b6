//! The first schema: roster, submissions, parses, district summaries and the
//! embedded queue's table (the queue crate owns that table's entity and
//! re-asserts it with `IF NOT EXISTS`; this historic migration stays as it
//! ran so existing databases do not run it again).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Code,
    Name,
    Kind,
    District,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Submissions {
    Table,
    Id,
    AgencyCode,
    District,
    ReportingYear,
    Status,
    RejectReason,
    FileName,
    MediaType,
    Content,
    ContentSha256,
    IdempotencyKey,
    SubmittedAt,
    ProcessedAt,
}

#[derive(DeriveIden)]
enum ParsedReports {
    Table,
    SubmissionId,
    AgencyCode,
    District,
    ReportingYear,
    Text,
    Parsed,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DistrictSummaries {
    Table,
    District,
    Year,
    Summary,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum QueueMessages {
    Table,
    Id,
    Queue,
    MessageId,
    Payload,
    Headers,
    Attempts,
    AvailableAt,
    LeaseUntil,
    Dead,
    LastError,
    EnqueuedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Agencies::Table)
                    .if_not_exists()
                    .col(string(Agencies::Code).primary_key())
                    .col(string(Agencies::Name))
                    .col(string(Agencies::Kind))
                    .col(string(Agencies::District))
                    .col(big_integer(Agencies::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Submissions::Table)
                    .if_not_exists()
                    .col(string(Submissions::Id).primary_key())
                    .col(string(Submissions::AgencyCode))
                    .col(string(Submissions::District))
                    .col(integer(Submissions::ReportingYear))
                    .col(string(Submissions::Status))
                    .col(text_null(Submissions::RejectReason))
                    .col(string(Submissions::FileName))
                    .col(string(Submissions::MediaType))
                    .col(blob(Submissions::Content))
                    .col(string(Submissions::ContentSha256))
                    .col(string_null(Submissions::IdempotencyKey))
                    .col(big_integer(Submissions::SubmittedAt))
                    .col(big_integer_null(Submissions::ProcessedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("submissions_by_district_year")
                    .table(Submissions::Table)
                    .col(Submissions::District)
                    .col(Submissions::ReportingYear)
                    .col(Submissions::SubmittedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ParsedReports::Table)
                    .if_not_exists()
                    .col(string(ParsedReports::SubmissionId).primary_key())
                    .col(string(ParsedReports::AgencyCode))
                    .col(string(ParsedReports::District))
                    .col(integer(ParsedReports::ReportingYear))
                    .col(text(ParsedReports::Text))
                    .col(text(ParsedReports::Parsed))
                    .col(big_integer(ParsedReports::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("parsed_reports_by_district_year")
                    .table(ParsedReports::Table)
                    .col(ParsedReports::District)
                    .col(ParsedReports::ReportingYear)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DistrictSummaries::Table)
                    .if_not_exists()
                    .col(string(DistrictSummaries::District))
                    .col(integer(DistrictSummaries::Year))
                    .col(text(DistrictSummaries::Summary))
                    .col(big_integer(DistrictSummaries::Version))
                    .col(big_integer(DistrictSummaries::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(DistrictSummaries::District)
                            .col(DistrictSummaries::Year),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QueueMessages::Table)
                    .if_not_exists()
                    .col(big_pk_auto(QueueMessages::Id))
                    .col(string(QueueMessages::Queue))
                    .col(string(QueueMessages::MessageId))
                    .col(blob(QueueMessages::Payload))
                    .col(text(QueueMessages::Headers))
                    .col(integer(QueueMessages::Attempts))
                    .col(big_integer(QueueMessages::AvailableAt))
                    .col(big_integer_null(QueueMessages::LeaseUntil))
                    .col(boolean(QueueMessages::Dead))
                    .col(text_null(QueueMessages::LastError))
                    .col(big_integer(QueueMessages::EnqueuedAt))
                    .to_owned(),
            )
            .await?;
        // A message id is queued at most once: republishing is a no-op.
        manager
            .create_index(
                Index::create()
                    .name("queue_messages_unique_id")
                    .table(QueueMessages::Table)
                    .col(QueueMessages::Queue)
                    .col(QueueMessages::MessageId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            QueueMessages::Table.into_iden(),
            DistrictSummaries::Table.into_iden(),
            ParsedReports::Table.into_iden(),
            Submissions::Table.into_iden(),
            Agencies::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
