#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error")]
    Db(#[from] sea_orm::DbErr),
    #[error("stored value is corrupt: {0}")]
    Corrupt(String),
    #[error("roster file: {0}")]
    Roster(String),
    /// A review step the state machine refuses (the message is the clerk's).
    #[error("{0}")]
    Illegal(#[from] fazhi_season::IllegalTransition),
    /// Something named in the request does not exist (Chinese message).
    #[error("{0}")]
    NotFound(String),
    /// A step refused until something else is done first, e.g. accepting a
    /// report whose checks are still open (Chinese message).
    #[error("{0}")]
    Precondition(String),
    /// A value the season rules refuse (Chinese message).
    #[error("{0}")]
    Invalid(String),
}
