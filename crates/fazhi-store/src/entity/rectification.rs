use sea_orm::entity::prelude::*;

/// The office's 整改 record for one tracked shortcoming (by its stable key).
/// Every change is also in the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rectifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub district: String,
    pub agency_code: String,
    /// `in_progress` | `done` | `not_done` (`analysis::RectificationStatus`).
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub actor: String,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
