use sea_orm::entity::prelude::*;

/// A message of the embedded queue (used when no RabbitMQ is configured).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "queue_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub queue: String,
    pub message_id: String,
    pub payload: Vec<u8>,
    /// Message headers as a JSON object of strings (trace context …).
    #[sea_orm(column_type = "Text")]
    pub headers: String,
    /// Deliveries so far.
    pub attempts: i32,
    /// Not delivered before this time (Unix ms): retry back-off.
    pub available_at: i64,
    /// Held by a consumer until this time (Unix ms); null when free.
    pub lease_until: Option<i64>,
    /// Dead-lettered: kept for an operator, never delivered again.
    pub dead: bool,
    pub last_error: Option<String>,
    pub enqueued_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
