use sea_orm::entity::prelude::*;

/// One line of the audit trail. Append-only: the database refuses UPDATE and
/// DELETE on this table (triggers, see the migration).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: i64,
    /// Credential id and login of who did it (`system` for the server itself).
    pub actor: String,
    /// e.g. `submission.submit`, `credential.issue`.
    pub action: String,
    /// What it was done to (submission id, credential id, agency code).
    pub target: String,
    /// Details as JSON text (never a document's text or a secret).
    pub detail: String,
    /// Where the request came from (peer address), or `cli`.
    pub origin: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
