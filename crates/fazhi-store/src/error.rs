#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error")]
    Db(#[from] sea_orm::DbErr),
    #[error("stored value is corrupt: {0}")]
    Corrupt(String),
    #[error("roster file: {0}")]
    Roster(String),
}
