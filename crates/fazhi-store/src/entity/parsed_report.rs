use sea_orm::entity::prelude::*;

/// The parser's result for one submission. Inserting it is the worker's
/// exactly-once marker: a second insert for the same submission conflicts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "parsed_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub submission_id: String,
    pub agency_code: String,
    pub district: String,
    pub reporting_year: i32,
    /// The decoded text the parse offsets refer to.
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// `fazhi_core::ParsedReport` as JSON.
    #[sea_orm(column_type = "Text")]
    pub parsed: String,
    pub created_at: i64,
    /// `fazhi_summary::ReportContribution` as JSON: this report's part of
    /// the district summary. Null for rows written before it existed.
    #[sea_orm(column_type = "Text", nullable)]
    pub contribution: Option<String>,
    /// `fazhi_core::PARSER_VERSION` of the parser that made this parse (0:
    /// before versions were recorded).
    pub parser_version: i32,
    /// The re-processing job that last re-read it (`reprocess_jobs.id`; 0:
    /// never): a redelivered re-read of the same job changes nothing.
    pub generation: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
