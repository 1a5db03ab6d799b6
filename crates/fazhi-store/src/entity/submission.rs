use sea_orm::entity::prelude::*;

/// One accepted submission, with the document exactly as it arrived.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "submissions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub agency_code: String,
    pub district: String,
    pub reporting_year: i32,
    /// queued, processed or rejected
    pub status: String,
    pub reject_reason: Option<String>,
    pub file_name: String,
    pub media_type: String,
    pub content: Vec<u8>,
    pub content_sha256: String,
    pub idempotency_key: Option<String>,
    pub submitted_at: i64,
    pub processed_at: Option<i64>,
    /// Bytes of the submitted file (kept in `documents`; `content` is empty
    /// for rows written from this release on).
    pub size_bytes: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
