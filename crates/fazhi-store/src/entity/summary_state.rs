use sea_orm::entity::prelude::*;

/// One small row per district and year: the lock every change to the
/// district's counting reports takes (never the summary itself), and the
/// version of its stored pieces.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "summary_states")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub district: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// Bumped by every change of a piece; the stored summary is current
    /// when its `version` equals this.
    pub version: i64,
    /// False until the pieces were built once from every counting report
    /// (a district summarised before pieces existed is built on first change).
    pub complete: bool,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
