//! Why a delivery failed decides what happens to it.
//!
//! - **Poison**: the cause is in the message (the database refuses its
//!   content: SQLSTATE class 22 data exception such as 22021 NUL byte, class
//!   23 integrity; a stored value that cannot be read back; a malformed
//!   message). Retrying cannot help: dead-letter at once, mark `failed`.
//! - **Outage**: a dependency is down or silent (connection refused or reset,
//!   timeouts, pool acquire, server shutting down, lock or serialization
//!   conflicts, out of resources). Retried with back-off for as long as it
//!   lasts, never counted towards `max_attempts`.
//! - **Unknown**: anything else (a bug, a schema mismatch). Retried a few
//!   times (counted), then dead-lettered and marked `failed`.

use fazhi_store::StoreError;
use sea_orm::sqlx::error::ErrorKind;
use sea_orm::{DbErr, RuntimeErr, sqlx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Poison,
    Outage,
    Unknown,
}

pub(crate) fn of_store(e: &StoreError) -> Class {
    match e {
        StoreError::Db(db) => of_db(db),
        // The season's refusals (never raised on the worker's path) would
        // not change on a retry.
        StoreError::Corrupt(_)
        | StoreError::Roster(_)
        | StoreError::Illegal(_)
        | StoreError::NotFound(_)
        | StoreError::Precondition(_)
        | StoreError::Invalid(_) => Class::Poison,
    }
}

fn of_db(e: &DbErr) -> Class {
    match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => Class::Outage,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            of_sqlx(e)
        }
        DbErr::Json(_) | DbErr::Type(_) | DbErr::TryIntoErr { .. } => Class::Poison,
        _ => Class::Unknown,
    }
}

fn of_sqlx(e: &sqlx::Error) -> Class {
    match e {
        sqlx::Error::Database(db) => {
            let by_kind = match db.kind() {
                ErrorKind::UniqueViolation
                | ErrorKind::ForeignKeyViolation
                | ErrorKind::NotNullViolation
                | ErrorKind::CheckViolation
                | ErrorKind::ExclusionViolation => Some(Class::Poison),
                _ => None,
            };
            by_kind.unwrap_or_else(|| of_code(db.code().as_deref().unwrap_or_default()))
        }
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::BeginFailed => Class::Outage,
        sqlx::Error::Encode(_) | sqlx::Error::Decode(_) | sqlx::Error::ColumnDecode { .. } => {
            Class::Poison
        }
        _ => Class::Unknown,
    }
}

/// A database's own error code: a PostgreSQL SQLSTATE (five characters,
/// the first two the class) or a SQLite result code (a shorter number).
pub(crate) fn of_code(code: &str) -> Class {
    if code.len() < 5
        && let Ok(sqlite) = code.parse::<u32>()
    {
        // Primary result code in the low byte: BUSY, LOCKED, NOMEM, IOERR,
        // FULL, CANTOPEN, PROTOCOL are the environment; CONSTRAINT, TOOBIG,
        // MISMATCH the content.
        return match sqlite & 0xff {
            5 | 6 | 7 | 10 | 13 | 14 | 15 => Class::Outage,
            18..=20 => Class::Poison,
            _ => Class::Unknown,
        };
    }
    match code.get(..2).unwrap_or_default() {
        "22" | "23" => Class::Poison,
        // 08 connection, 40 serialization/deadlock, 53 resources, 57
        // operator intervention (incl. 57014 statement timeout), 58 system,
        // 55P03 lock not available, 25P03 idle-in-transaction timeout.
        "08" | "40" | "53" | "57" | "58" => Class::Outage,
        _ if code == "55P03" || code == "25P03" => Class::Outage,
        _ => Class::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_the_database_refuses_is_poison() {
        for code in ["22021", "22P02", "22001", "23505", "23503", "2067", "1299"] {
            assert_eq!(of_code(code), Class::Poison, "{code}");
        }
    }

    #[test]
    fn a_database_that_is_down_or_busy_is_an_outage() {
        for code in [
            "08006", "08001", "57P01", "57014", "53300", "40001", "40P01", "55P03", "5", "517",
        ] {
            assert_eq!(of_code(code), Class::Outage, "{code}");
        }
    }

    #[test]
    fn a_code_we_do_not_know_is_neither() {
        for code in ["42P01", "XX000", "", "1"] {
            assert_eq!(of_code(code), Class::Unknown, "{code:?}");
        }
    }

    #[test]
    fn a_corrupt_stored_record_is_not_retried() {
        assert_eq!(
            of_store(&StoreError::Corrupt("parse of x: expected value".into())),
            Class::Poison
        );
    }

    #[test]
    fn losing_the_connection_or_the_pool_is_an_outage() {
        let acquire = StoreError::Db(DbErr::ConnectionAcquire(
            sea_orm::error::ConnAcquireErr::Timeout,
        ));
        assert_eq!(of_store(&acquire), Class::Outage);
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        let exec = DbErr::Exec(RuntimeErr::SqlxError(std::sync::Arc::new(sqlx::Error::Io(
            reset,
        ))));
        assert_eq!(of_store(&StoreError::Db(exec)), Class::Outage);
        let pool = DbErr::Query(RuntimeErr::SqlxError(std::sync::Arc::new(
            sqlx::Error::PoolTimedOut,
        )));
        assert_eq!(of_store(&StoreError::Db(pool)), Class::Outage);
    }
}
