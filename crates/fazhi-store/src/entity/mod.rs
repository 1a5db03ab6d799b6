//! SeaORM entities. Times are Unix milliseconds (`i64`) and structured values
//! are JSON text, so SQLite and PostgreSQL store exactly the same thing.

pub mod agency;
pub mod agency_kind;
pub mod analysis_result;
pub mod audit_entry;
pub mod check;
pub mod check_kind;
pub mod credential;
pub mod current_version;
pub mod district_summary;
pub mod document;
pub mod escalation;
pub mod parsed_report;
pub mod publication;
pub mod rectification;
pub mod reprocess_job;
pub mod roster_entry;
pub mod season_setting;
pub mod submission;
pub mod submission_key;
pub mod submission_receipt;
pub mod submission_review;
pub mod summary_change;
pub mod summary_piece;
pub mod summary_state;
