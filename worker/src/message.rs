//! A delivery's body read back as the store's record (the service's
//! `message.rs` writes it). Anything else is [`Unreadable`]: dead-lettered
//! at once, never retried.

use fazhi_queue::message::{Message, Unreadable};
use fazhi_store::SubmissionRecord;

pub fn read(payload: &[u8]) -> Result<SubmissionRecord, Unreadable> {
    match Message::decode(payload)? {
        Message::SubmissionV1(s) => Ok(SubmissionRecord {
            submission_id: s.submission_id,
            agency_code: s.agency_code,
            district: s.district,
            reporting_year: s.reporting_year,
            file_name: s.file_name,
            media_type: s.media_type,
            content: s.content,
            size_bytes: s.size_bytes,
            content_sha256: s.content_sha256,
            idempotency_key: s.idempotency_key,
            submitted_at: s.submitted_at,
        }),
    }
}
