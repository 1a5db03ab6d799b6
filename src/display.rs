//! How the CLI shows things to a clerk: columns that line up with Chinese
//! text, and times in Beijing time.

use unicode_width::UnicodeWidthStr;

/// Pad to a display width: a Chinese character takes two terminal columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Unix ms as `2024-02-28 09:30` Beijing time, `-` when absent.
pub fn beijing_time(ms: Option<i64>) -> String {
    ms.and_then(chrono::DateTime::from_timestamp_millis)
        .and_then(|t| {
            chrono::FixedOffset::east_opt(8 * 3600)
                .map(|tz| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        })
        .unwrap_or_else(|| "-".into())
}
