//! A delivery's body read back as the store's record (the service's
//! `message.rs` writes it). Anything else is [`Unreadable`]: dead-lettered
//! at once, never retried.

use fazhi_queue::message::{Message, SubmissionV1, Unreadable};
use fazhi_store::SubmissionRecord;

/// What a delivery asks of the worker.
#[derive(Debug, Clone)]
pub struct Job {
    pub record: SubmissionRecord,
    /// `Some(job)`: re-read an already processed submission for that
    /// `fazhi reprocess` job; `None`: process a new submission.
    pub reprocess: Option<i64>,
}

/// The submission a delivery is about (a new one or one to re-read).
pub fn read(payload: &[u8]) -> Result<SubmissionRecord, Unreadable> {
    job(payload).map(|j| j.record)
}

pub fn job(payload: &[u8]) -> Result<Job, Unreadable> {
    Ok(match Message::decode(payload)? {
        Message::SubmissionV1(s) => Job {
            record: record(s),
            reprocess: None,
        },
        Message::ReprocessV1(r) => Job {
            record: record(r.submission),
            reprocess: Some(r.job),
        },
    })
}

fn record(s: SubmissionV1) -> SubmissionRecord {
    SubmissionRecord {
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
    }
}
