use sea_orm::entity::prelude::*;

/// Where and when a unit published its report on a year.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "publications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub url: String,
    /// `YYYY-MM-DD`.
    pub published_on: String,
    /// `entered` (typed by a person) or `page` (the web page's own date).
    pub date_source: String,
    pub updated_at: i64,
    pub updated_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
