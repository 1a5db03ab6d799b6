use sea_orm::entity::prelude::*;

/// The consolidated summary of one district and year, rebuilt by the worker
/// in the same transaction as each report it processes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "district_summaries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub district: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// `fazhi_summary::DistrictSummary` as JSON.
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    /// Bumped on every rebuild.
    pub version: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
