//! Why an action on a check was refused (what a check is about and where
//! it stands are the entity's `CheckKind` and `CheckState`).

use crate::StoreError;

pub use crate::entity::check_kind::{CheckKind, CheckState};

/// Why a person's action on a check was refused.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{0}")]
    NotFound(String),
    /// Not allowed in the current state (clearing twice, …).
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for CheckError {
    fn from(e: sea_orm::DbErr) -> Self {
        CheckError::Store(StoreError::Db(e))
    }
}
