use sea_orm::entity::prelude::*;

/// One agency's counting report as the district aggregate files it
/// (`fazhi_summary::Filed` as JSON): changed alone when that report changes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "summary_pieces")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub district: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_code: String,
    pub submission_id: String,
    /// The catalog version of the contribution inside `filed`.
    pub data_version: i32,
    #[sea_orm(column_type = "Text")]
    pub filed: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
