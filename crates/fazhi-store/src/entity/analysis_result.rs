use sea_orm::entity::prelude::*;

/// The analyses of one district and year (`fazhi_analysis` results as JSON,
/// one column each so a read fetches only what it returns).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "analysis_results")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub district: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// What it was computed from: analysis version and each year's summary
    /// version (`a1;2023:4,2024:7`). A different basis means stale.
    pub basis: String,
    #[sea_orm(column_type = "Text")]
    pub yoy: String,
    #[sea_orm(column_type = "Text")]
    pub plans: String,
    #[sea_orm(column_type = "Text")]
    pub recurring: String,
    #[sea_orm(column_type = "Text")]
    pub copying: String,
    #[sea_orm(column_type = "Text")]
    pub quality: String,
    /// The district's `rollup::Aggregate`, what a parent is combined from.
    #[sea_orm(column_type = "Text")]
    pub rollup: String,
    /// The draft's plans and recurring-shortcomings sections (Markdown).
    #[sea_orm(column_type = "Text")]
    pub draft: String,
    pub computed_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
