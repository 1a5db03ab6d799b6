//! What travels through the queue: one versioned, tagged message type.
//!
//! The JSON carries `"type"` (`SubmissionV1`): a worker of the next release
//! reads this release's messages (a new version is a new variant, the old
//! one stays), and a worker meeting a type it does not know refuses it
//! clearly instead of guessing ([`Unreadable::NewerType`]). Messages of the
//! release before the tag (no `"type"`) are read as `SubmissionV1`: they
//! have exactly its fields. Fields added to a version later must carry
//! `#[serde(default)]` so messages already queued still read.

use serde::{Deserialize, Serialize};

/// Every message the queue carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Message {
    SubmissionV1(SubmissionV1),
    ReprocessV1(ReprocessV1),
}

/// Re-read a stored submission with today's parser (`fazhi reprocess`):
/// the submission as it was accepted, and the job whose generation the
/// new parse is stamped with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReprocessV1 {
    pub job: i64,
    pub submission: SubmissionV1,
}

impl ReprocessV1 {
    /// Its own message id: the submission's id is taken by the submission
    /// itself (the embedded queue takes a message id once).
    pub fn message_id(&self) -> String {
        format!("{}:reprocess:{}", self.submission.submission_id, self.job)
    }
}

/// An accepted submission: everything the worker needs, so that a message
/// alone is enough even if the service crashed right after the publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionV1 {
    pub submission_id: String,
    pub agency_code: String,
    pub district: String,
    pub reporting_year: i32,
    pub file_name: String,
    pub media_type: String,
    /// The document, base64 — empty from the release that keeps files by
    /// hash (`content_sha256`) in the database; messages of older releases
    /// still carry it and are still read.
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

/// Why a payload is not a message this release can process; either way it
/// is dead-lettered at once (retrying cannot change the bytes).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("not a submission message: {0}")]
    Malformed(String),
    /// Written by a newer release (or by something else entirely).
    #[error("not a submission message: type {0:?} is unknown to this release")]
    NewerType(String),
}

impl Unreadable {
    /// For the clerk, in Chinese.
    pub fn reason(&self) -> &'static str {
        match self {
            Unreadable::Malformed(_) => MALFORMED,
            Unreadable::NewerType(_) => NEWER,
        }
    }
}

/// The clerk's reason for a message that cannot be read at all.
pub const MALFORMED: &str = "报送消息已损坏，无法处理，请重新报送";
/// The clerk's reason for a message of a type this release does not know.
pub const NEWER: &str = "报送消息来自更新版本的系统，当前处理程序无法识别，已转交运维人员处理";

/// The prefix every [`Unreadable`] cause starts with, as kept in a dead
/// letter's reason: how a dead letter found later is told apart.
pub const UNREADABLE_PREFIX: &str = "not a submission message";

impl Message {
    pub fn encode(&self) -> Vec<u8> {
        // Plain strings and numbers: serializing cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn decode(bytes: &[u8]) -> Result<Message, Unreadable> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| Unreadable::Malformed(e.to_string()))?;
        let tag = match value.get("type") {
            None => None,
            Some(serde_json::Value::String(tag)) => Some(tag.clone()),
            Some(other) => return Err(Unreadable::Malformed(format!("type is {other}"))),
        };
        match tag.as_deref() {
            // The release before the tag wrote the submission itself.
            None => serde_json::from_value(value)
                .map(Message::SubmissionV1)
                .map_err(|e| Unreadable::Malformed(e.to_string())),
            Some("SubmissionV1" | "ReprocessV1") => {
                serde_json::from_value(value).map_err(|e| Unreadable::Malformed(e.to_string()))
            }
            Some(other) => Err(Unreadable::NewerType(other.to_owned())),
        }
    }
}

impl From<SubmissionV1> for Message {
    fn from(s: SubmissionV1) -> Message {
        Message::SubmissionV1(s)
    }
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

    fn submission() -> SubmissionV1 {
        SubmissionV1 {
            submission_id: "s".into(),
            agency_code: "a".into(),
            district: "d".into(),
            reporting_year: 2023,
            file_name: "报告.txt".into(),
            media_type: "text/plain".into(),
            content: vec![0, 159, 146, 150, 255],
            content_sha256: "x".into(),
            size_bytes: 5,
            idempotency_key: None,
            submitted_at: 1,
        }
    }

    #[test]
    fn a_message_round_trips_and_says_its_type() {
        let m = Message::from(submission());
        let bytes = m.encode();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["type"], "SubmissionV1");
        assert_eq!(Message::decode(&bytes).unwrap(), m);
    }

    #[test]
    fn a_message_of_the_release_before_the_tag_is_read_as_v1() {
        // Exactly what that release published (no "type", no size).
        let old = br#"{"submission_id":"s","agency_code":"a","district":"d","reporting_year":2023,
            "file_name":"r.txt","media_type":"text/plain","content":"AJ+Slv8=",
            "content_sha256":"x","idempotency_key":"k","submitted_at":1}"#;
        let Message::SubmissionV1(s) = Message::decode(old).unwrap() else {
            panic!("read as another type")
        };
        assert_eq!(s.content, vec![0, 159, 146, 150, 255]);
        assert_eq!(s.idempotency_key.as_deref(), Some("k"));
        assert_eq!(s.size_bytes, 0);
    }

    #[test]
    fn a_reprocess_message_round_trips_under_its_own_id() {
        let m = Message::ReprocessV1(ReprocessV1 {
            job: 3,
            submission: submission(),
        });
        let bytes = m.encode();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["type"], "ReprocessV1");
        assert_eq!(Message::decode(&bytes).unwrap(), m);
        let Message::ReprocessV1(r) = m else {
            unreachable!()
        };
        assert_ne!(r.message_id(), r.submission.submission_id);
    }

    #[test]
    fn a_newer_type_is_refused_by_name_with_a_chinese_reason() {
        let mut json = serde_json::to_value(Message::from(submission())).unwrap();
        json["type"] = "SubmissionV2".into();
        let e = Message::decode(&serde_json::to_vec(&json).unwrap()).unwrap_err();
        assert_eq!(e, Unreadable::NewerType("SubmissionV2".into()));
        assert!(e.to_string().starts_with(UNREADABLE_PREFIX), "{e}");
        assert!(e.to_string().contains("SubmissionV2"), "{e}");
        assert_eq!(e.reason(), NEWER);
    }

    #[test]
    fn garbage_and_a_v1_missing_fields_are_malformed() {
        for bytes in [
            &b"{not json"[..],
            br#"{"type":"SubmissionV1","agency_code":"a"}"#,
            br#"{"type":7}"#,
        ] {
            let e = Message::decode(bytes).unwrap_err();
            assert!(matches!(e, Unreadable::Malformed(_)), "{e:?}");
            assert!(e.to_string().starts_with(UNREADABLE_PREFIX), "{e}");
            assert_eq!(e.reason(), MALFORMED);
        }
    }
}
