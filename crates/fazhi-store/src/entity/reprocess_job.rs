use sea_orm::entity::prelude::*;

/// One `fazhi reprocess` run: which parses it re-reads (district, year,
/// parser version filter), how many there were at the start, and when it
/// finished. Its id is the generation each re-read parse is stamped with.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reprocess_jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub district: Option<String>,
    pub year: Option<i32>,
    /// Only parses made by this parser version or later; `None`: those made
    /// by an older parser than `parser_version`.
    pub since_version: Option<i32>,
    /// The parser version the job brings every parse to.
    pub parser_version: i32,
    pub total: i64,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
