//! The submission as it travels through the queue: everything the worker
//! needs, so that a message alone is enough to process it even if the
//! service crashed right after the broker confirmed it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionRecord {
    pub submission_id: String,
    pub agency_code: String,
    pub district: String,
    pub reporting_year: i32,
    pub file_name: String,
    pub media_type: String,
    /// The document, base64 in the JSON message body — empty in messages
    /// from this release on: the file is kept in the database once
    /// (`Store::put_document`) and the message carries only its hash, so
    /// no message is over a few KiB whatever the file's size. A non-empty
    /// value (messages of older releases) is still read.
    #[serde(with = "base64_bytes", default)]
    pub content: Vec<u8>,
    /// Size of the submitted file in bytes.
    #[serde(default)]
    pub size_bytes: u64,
    pub content_sha256: String,
    pub idempotency_key: Option<String>,
    /// Unix ms when the service accepted it: decides on-time and which of an
    /// agency's reports is the latest.
    pub submitted_at: i64,
}

impl SubmissionRecord {
    pub fn to_json(&self) -> Vec<u8> {
        // Serializing plain strings and numbers cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_json(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(bytes)
    }
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

/// The statutory deadline for reports on `year`: 1 March of the next year,
/// Beijing time, as Unix ms.
pub fn deadline_ms(year: i32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(year.saturating_add(1), 3, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|dt| dt.and_utc().timestamp_millis() - 8 * 3_600_000)
        .unwrap_or(i64::MAX)
}

mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        STANDARD.decode(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_is_first_of_march_beijing_time() {
        let d = deadline_ms(2023);
        let utc = chrono::DateTime::from_timestamp_millis(d).unwrap();
        assert_eq!(utc.to_rfc3339(), "2024-02-29T16:00:00+00:00");
    }

    #[test]
    fn every_status_round_trips_through_its_stored_name() {
        use SubmissionStatus::*;
        for status in [Queued, Processed, Rejected, Withdrawn, Failed] {
            assert_eq!(SubmissionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(SubmissionStatus::parse("lost"), None);
    }

    #[test]
    fn record_round_trips_through_json() {
        let r = SubmissionRecord {
            submission_id: "s".into(),
            agency_code: "a".into(),
            district: "d".into(),
            reporting_year: 2023,
            file_name: "报告.txt".into(),
            media_type: "text/plain".into(),
            content: vec![0, 159, 146, 150, 255],
            content_sha256: "x".into(),
            size_bytes: 0,
            idempotency_key: None,
            submitted_at: 1,
        };
        assert_eq!(SubmissionRecord::from_json(&r.to_json()).unwrap(), r);
    }
}
