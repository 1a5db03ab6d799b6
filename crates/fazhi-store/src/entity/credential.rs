use sea_orm::entity::prelude::*;

/// A credential: an API token for a system or a password for a person.
/// Only a hash of the secret is kept (SHA-256 for random tokens, argon2 for
/// passwords, which people choose and so need a slow hash).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credentials")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// token or password
    pub kind: String,
    /// A person's login, or a token's label (who or what holds it).
    #[sea_orm(unique)]
    pub login: String,
    /// admin, city, district or unit
    pub role: String,
    /// The agency code (unit), district name (district), comma-separated
    /// district names (city); empty for admin.
    pub scope: String,
    pub secret_hash: String,
    pub created_at: i64,
    pub created_by: String,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// Failed password sign-ins in a row (the web's lock-out).
    pub failed_attempts: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
