use sea_orm::entity::prelude::*;

/// When a submission reached the office, entered by the office for a report
/// that came by mail or email (absent: the RPC time, `submitted_at`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "submission_receipts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub submission_id: String,
    pub received_at: i64,
    pub set_by: String,
    pub set_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
