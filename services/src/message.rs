//! The accepted submission as the queue's versioned message (the worker's
//! `message.rs` reads it back).

use fazhi_queue::message::{Message, ReprocessV1, SubmissionV1};
use fazhi_store::SubmissionRecord;

fn submission_v1(record: &SubmissionRecord) -> SubmissionV1 {
    SubmissionV1 {
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
    }
}

/// The message body published for `record`.
pub fn payload(record: &SubmissionRecord) -> Vec<u8> {
    Message::from(submission_v1(record)).encode()
}

/// The message id and body that ask a worker to re-read `record` for the
/// re-processing job `job`.
pub fn reprocess(record: &SubmissionRecord, job: i64) -> (String, Vec<u8>) {
    let message = ReprocessV1 {
        job,
        submission: submission_v1(record),
    };
    (message.message_id(), Message::ReprocessV1(message).encode())
}
