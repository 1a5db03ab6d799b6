//! The accepted submission as the queue's versioned message (the worker's
//! `message.rs` reads it back).

use fazhi_queue::message::{Message, SubmissionV1};
use fazhi_store::SubmissionRecord;

/// The message body published for `record`.
pub fn payload(record: &SubmissionRecord) -> Vec<u8> {
    Message::from(SubmissionV1 {
        submission_id: record.submission_id.clone(),
        agency_code: record.agency_code.clone(),
        district: record.district.clone(),
        reporting_year: record.reporting_year,
        file_name: record.file_name.clone(),
        media_type: record.media_type.clone(),
        content: record.content.clone(),
        size_bytes: record.size_bytes,
        content_sha256: record.content_sha256.clone(),
        idempotency_key: record.idempotency_key.clone(),
        submitted_at: record.submitted_at,
    })
    .encode()
}
