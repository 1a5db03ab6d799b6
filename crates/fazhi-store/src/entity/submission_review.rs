use sea_orm::entity::prelude::*;

/// The office's last review step on one version (absent: not reviewed).
/// The history of steps is the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "submission_reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub submission_id: String,
    /// `fazhi_season::VersionState` name: pending, accepted or returned.
    pub state: String,
    /// The return reason the unit sees.
    pub reason: Option<String>,
    pub actor: String,
    pub at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
