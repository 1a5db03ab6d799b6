use sea_orm::entity::prelude::*;

pub use super::check_kind::{CheckKind, CheckState};

/// One thing a reviewer must look at before a report is accepted or
/// published (see `crate::checks`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub submission_id: String,
    pub district: String,
    pub agency_code: String,
    pub reporting_year: i32,
    pub kind: CheckKind,
    /// Finding code or privacy kind, e.g. `part_missing.leader_duty`, `resident_id`.
    pub code: String,
    pub severity: String,
    /// While open, the report is out of the totals.
    pub holds: bool,
    /// Character offsets into the stored text.
    pub start: Option<i64>,
    pub end: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub excerpt: String,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub state: CheckState,
    pub cleared_by: Option<String>,
    pub cleared_at: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
