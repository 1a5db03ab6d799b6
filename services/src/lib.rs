//! fazhi-services: the gRPC edge. Requests are parsed into domain types here
//! ([`submission::NewSubmission`]); every error becomes a `tonic::Status` in
//! one place ([`error`]).

pub mod analysis;
pub mod auth;
pub mod bearer;
pub mod checks;
pub mod convert;
pub mod error;
pub mod fields;
pub mod ingest;
pub mod message;
pub mod metrics;
mod oversize;
mod plain_text;
pub mod policy;
pub mod season;
mod season_convert;
pub mod startup;
pub mod submission;
pub mod summary;

pub use startup::serve;
