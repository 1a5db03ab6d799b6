//! Word lists kept as data (`data/*.txt`, one entry a line, `#` comments),
//! read once into static slices.

/// The entries of a word list: trimmed, blank lines and `#` comments left out.
pub(crate) fn words(data: &'static str) -> Vec<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}
