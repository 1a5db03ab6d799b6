//! Bounds on what one untrusted file may cost. Extraction is linear in the
//! bytes it reads, so bounding bytes, entries, depth and pages bounds time.

/// Every bound is configurable; [`Limits::default`] suits annual reports
/// (tens of pages, a few MB of XML) with a wide margin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The submitted file itself.
    pub max_input_bytes: u64,
    /// Sum of decompressed bytes actually read from a ZIP (DOCX, OFD) or
    /// from PDF streams. Images are never decompressed, so they do not count.
    pub max_uncompressed_bytes: u64,
    /// Decompressed / compressed size of one entry or stream, checked once
    /// the entry passes [`Limits::ratio_floor_bytes`] (small XML parts
    /// legitimately compress 50×).
    pub max_ratio: u32,
    pub ratio_floor_bytes: u64,
    /// Entries in a ZIP's central directory.
    pub max_entries: usize,
    /// Nested elements in one XML part or HTML page.
    pub max_xml_depth: usize,
    /// Pages of a PDF or OFD.
    pub max_pages: usize,
    /// Characters of extracted text (the parser reads all of them).
    pub max_output_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 * 1024 * 1024,
            max_uncompressed_bytes: 256 * 1024 * 1024,
            max_ratio: 200,
            ratio_floor_bytes: 1024 * 1024,
            max_entries: 10_000,
            max_xml_depth: 256,
            max_pages: 2_000,
            max_output_chars: 4_000_000,
        }
    }
}
