//! Each parse keeps its contribution to the district summary, so a summary
//! is rebuilt from contributions without re-reading any report's text.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParsedReports {
    #[sea_orm(iden = "parsed_reports")]
    Table,
    Contribution,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ParsedReports::Table)
                    .add_column(text_null(ParsedReports::Contribution))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ParsedReports::Table)
                    .drop_column(ParsedReports::Contribution)
                    .to_owned(),
            )
            .await
    }
}
