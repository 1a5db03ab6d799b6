use sea_orm::entity::prelude::*;

/// One row per district, year and agency: how often that agency's piece
/// changed. A worker filing one agency's piece bumps this row, not the
/// district's state row, so two workers filing two agencies never wait on
/// each other; rows are never deleted (the summary version sums them).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "summary_changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub district: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_code: String,
    pub revision: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
