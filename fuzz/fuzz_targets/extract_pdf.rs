#![no_main]
//! The PDF decoder on any bytes: never panics, stays within the limits.
//! Seed the corpus with `crates/fazhi-extract/tests/fixtures/*.pdf*`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = fazhi_extract::Limits {
        max_uncompressed_bytes: 16 << 20,
        ..fazhi_extract::Limits::default()
    };
    let result = fazhi_extract::extract(data, fazhi_extract::Format::Pdf, &limits);
    if let Ok(x) = result {
        // Heading ranges are char offsets into the text the parser reads.
        let chars = x.text.chars().count();
        assert!(chars <= limits.max_output_chars);
        for h in &x.headings {
            assert!(h.start <= h.end && h.end <= chars);
        }
    }
});
