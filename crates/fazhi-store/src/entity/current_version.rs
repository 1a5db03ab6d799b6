use sea_orm::entity::prelude::*;

/// The version the office made current for an agency and year; it counts
/// until a newer version arrives (see `fazhi_season::counting`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "current_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub submission_id: String,
    pub pinned_at: i64,
    pub actor: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
