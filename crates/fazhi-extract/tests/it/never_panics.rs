//! `detect` and `extract` never panic, whatever the bytes: arbitrary bytes,
//! and fixtures with random bytes overwritten or cut short.

use proptest::prelude::*;

use crate::common::fixture;
use fazhi_extract::{Format, Limits, detect, extract};

fn all(bytes: &[u8]) {
    let _ = detect(bytes, None, None);
    for f in Format::ALL {
        if let Ok(x) = extract(bytes, f, &Limits::default()) {
            // Whatever was read, heading ranges lie inside the text.
            let chars = x.text.chars().count();
            assert!(x.headings.iter().all(|h| h.start < h.end && h.end <= chars));
        }
    }
}

proptest! {
    // 64 cases by default keeps CI quick; PROPTEST_CASES=5000 for a long run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        all(&bytes);
    }

    #[test]
    fn damaged_fixtures(which in 0usize..6, cut in any::<prop::sample::Index>(), edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..16)) {
        let names = ["word_001.docx", "wps_002.docx", "tracked_003.docx", "gov_004.html", "word_001.pdf", "seed_000.ofd"];
        let mut bytes = fixture(names[which]);
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let keep = cut.index(bytes.len() + 1).max(bytes.len() / 2);
        bytes.truncate(keep);
        all(&bytes);
    }
}
