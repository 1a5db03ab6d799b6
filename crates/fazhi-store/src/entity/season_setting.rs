use sea_orm::entity::prelude::*;

/// A district's deadlines and review policy for the reports on one year
/// (absent: the regulation's defaults, unreviewed reports count).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "season_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub district: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// `YYYY-MM-DD`, Beijing calendar.
    pub submit_by: String,
    pub publish_by: String,
    pub count_unreviewed: bool,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
