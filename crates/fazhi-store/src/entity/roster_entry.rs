use sea_orm::entity::prelude::*;

pub use super::agency_kind::AgencyKind;

/// One unit's roster version from `year` on (until a later version).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: AgencyKind,
    pub parent: Option<String>,
    pub district: String,
    /// `Some`: on the roster, not expected to report (the reason).
    pub exempt_reason: Option<String>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
