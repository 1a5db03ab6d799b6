//! fazhi-services: the gRPC edge. Requests are parsed into domain types here
//! ([`submission::NewSubmission`]); every error becomes a `tonic::Status` in
//! one place ([`error`]).

pub mod auth;
pub mod convert;
pub mod error;
pub mod ingest;
pub mod metrics;
mod oversize;
pub mod policy;
pub mod startup;
pub mod submission;
pub mod summary;

pub use startup::serve;
