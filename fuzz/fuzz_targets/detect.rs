#![no_main]
//! `detect` on any bytes, with and without a claimed name: never panics.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = fazhi_extract::detect(data, None, None);
    let _ = fazhi_extract::detect(data, Some("application/pdf"), Some("report.docx"));
});
