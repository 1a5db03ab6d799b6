//! SeaORM entities. Times are Unix milliseconds (`i64`) and structured values
//! are JSON text, so SQLite and PostgreSQL store exactly the same thing.

pub mod agency;
pub mod audit_entry;
pub mod credential;
pub mod district_summary;
pub mod document;
pub mod parsed_report;
pub mod submission;
pub mod submission_key;
