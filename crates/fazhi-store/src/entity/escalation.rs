use sea_orm::entity::prelude::*;

/// One step of the escalation ladder taken for a unit and year.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "escalations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub district: String,
    pub agency_code: String,
    pub year: i32,
    /// `crate::escalation::Step` as text.
    pub step: String,
    pub at: i64,
    pub actor: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
