//! The store's view of an accepted submission and of its status. The queue
//! carries its own, versioned copy (`fazhi_queue::message::SubmissionV1`):
//! this one may change with the schema, that one may not.

/// Re-exported while the season crate, which will own the reporting
/// calendar, is being written.
pub use fazhi_core::deadline::deadline_ms;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionStatus {
    Queued,
    Processed,
    Rejected,
    /// Taken back by the agency or the district office: out of every total.
    Withdrawn,
    /// Could not be processed and was set aside for an operator (dead
    /// letter); `reject_reason` says why. An operator's replay makes it
    /// `Queued` again.
    Failed,
}

impl SubmissionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Queued => "queued",
            SubmissionStatus::Processed => "processed",
            SubmissionStatus::Rejected => "rejected",
            SubmissionStatus::Withdrawn => "withdrawn",
            SubmissionStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "queued" => Some(SubmissionStatus::Queued),
            "processed" => Some(SubmissionStatus::Processed),
            "rejected" => Some(SubmissionStatus::Rejected),
            "withdrawn" => Some(SubmissionStatus::Withdrawn),
            "failed" => Some(SubmissionStatus::Failed),
            _ => None,
        }
    }
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
}
