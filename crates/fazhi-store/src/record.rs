//! The store's view of an accepted submission and of its status. The queue
//! carries its own, versioned copy (`fazhi_queue::message::SubmissionV1`):
//! this one may change with the schema, that one may not.

/// Re-exported while the season crate, which will own the reporting
/// calendar, is being written.
pub use fazhi_core::deadline::deadline_ms;

pub use crate::entity::submission::SubmissionStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionRecord {
    pub submission_id: String,
    pub agency_code: String,
    pub district: String,
    pub reporting_year: i32,
    pub file_name: String,
    pub media_type: String,
    /// The document itself only when a message of an older release carried
    /// it; else empty: the file is kept once by its hash
    /// (`Store::put_document`).
    pub content: Vec<u8>,
    /// Size of the submitted file in bytes.
    pub size_bytes: u64,
    pub content_sha256: String,
    pub idempotency_key: Option<String>,
    /// Unix ms when the service accepted it: decides on-time and which of an
    /// agency's reports is the latest.
    pub submitted_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_through_its_stored_name() {
        use SubmissionStatus::*;
        for status in [Queued, Processed, Rejected, Withdrawn, Failed] {
            assert_eq!(SubmissionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(SubmissionStatus::parse("lost"), None);
    }

    #[test]
    fn stored_names_are_the_strings_existing_databases_hold() {
        use SubmissionStatus::*;
        use sea_orm::ActiveEnum;
        for (status, stored) in [
            (Queued, "queued"),
            (Processed, "processed"),
            (Rejected, "rejected"),
            (Withdrawn, "withdrawn"),
            (Failed, "failed"),
        ] {
            assert_eq!(status.to_value(), stored);
            assert_eq!(status.as_str(), stored);
        }
    }
}
