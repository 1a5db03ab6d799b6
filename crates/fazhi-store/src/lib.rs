//! fazhi-store: everything the service and the worker keep, through SeaORM.
//!
//! SQLite (a file) by default, PostgreSQL when configured; the same code and
//! the same tests run on both. Writes that belong together happen in one
//! transaction, so a crash leaves either all of a report's results or none.

mod accept;
pub mod agencies;
pub mod analysis;
pub mod audit;
pub mod checks;
mod connect;
pub mod counting;
pub mod credentials;
pub mod entity;
mod error;
pub mod escalation;
pub mod migration;
mod pieces;
mod plan_delivery;
pub mod processing;
pub mod record;
mod rectifications;
pub mod reprocess;
pub mod review;
pub mod roster;
pub mod season;
mod season_figures;
pub mod submissions;
pub mod summaries;
mod summary_version;
mod upsert;

pub use accept::Prepared;
pub use audit::{AuditAction, AuditEvent, AuditFilter};
pub use connect::{PoolTimeouts, Store};
pub use credentials::{AuthFailure, NewCredential, Principal, Role};
pub use entity::agency_kind::AgencyKind;
pub use error::StoreError;
pub use record::{SubmissionRecord, SubmissionStatus};

/// Current time as Unix milliseconds, the unit of every stored time.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
