//! What a check is about and where it stands, and why an action on one
//! was refused.

use crate::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    /// A parser finding a reviewer acts on (missing part, order, no numbers).
    Finding,
    AgencyMismatch,
    YearMismatch,
    NearCopy,
    Privacy,
}

impl CheckKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Finding => "finding",
            CheckKind::AgencyMismatch => "agency_mismatch",
            CheckKind::YearMismatch => "year_mismatch",
            CheckKind::NearCopy => "near_copy",
            CheckKind::Privacy => "privacy",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            CheckKind::Finding,
            CheckKind::AgencyMismatch,
            CheckKind::YearMismatch,
            CheckKind::NearCopy,
            CheckKind::Privacy,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// A check of this kind keeps the report out of the totals while open.
    pub fn holds(self) -> bool {
        matches!(self, CheckKind::AgencyMismatch | CheckKind::YearMismatch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckState {
    Open,
    /// Looked at and dealt with (e.g. a redacted public version asked for).
    Cleared,
    /// A held filing confirmed as filed.
    Confirmed,
    /// A held filing moved to the right unit or year.
    Corrected,
}

impl CheckState {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckState::Open => "open",
            CheckState::Cleared => "cleared",
            CheckState::Confirmed => "confirmed",
            CheckState::Corrected => "corrected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            CheckState::Open,
            CheckState::Cleared,
            CheckState::Confirmed,
            CheckState::Corrected,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            CheckState::Open => "待处理",
            CheckState::Cleared => "已处理",
            CheckState::Confirmed => "已确认",
            CheckState::Corrected => "已更正",
        }
    }
}

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
