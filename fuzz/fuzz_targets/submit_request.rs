#![no_main]
//! Whatever bytes arrive as a SubmitReport request: decoding and parsing
//! never panic, and a parsed submission always has an id.

use libfuzzer_sys::fuzz_target;
use prost::Message;

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = fazhi_proto::v1::SubmitReportRequest::decode(data) {
        if let Ok(new) = fazhi_services::submission::NewSubmission::parse(request, 2026, 1 << 20) {
            assert!(!new.submission_id().is_empty());
        }
    }
});
