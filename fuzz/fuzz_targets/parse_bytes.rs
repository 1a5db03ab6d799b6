//! Fuzz `fazhi_core::parse_bytes`: it must never panic, and every span it
//! reports must lie inside the decoded text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = fazhi_core::ParseOptions { expected_year: Some(2023), ..Default::default() };
    if let Ok((text, report)) = fazhi_core::parse_bytes(data, &options) {
        let chars = text.chars().count();
        assert_eq!(report.chars, chars);
        for s in &report.sections {
            assert!(s.start <= s.end && s.end <= chars);
            for it in &s.items {
                assert!(it.start <= it.end && it.end <= chars);
            }
        }
        for q in &report.quantities {
            assert!(q.start <= q.end && q.end <= chars);
        }
    }
});
