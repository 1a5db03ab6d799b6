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

/// Rows under a header, each column as wide as its widest cell in
/// display width, two spaces between columns; the last column unpadded.
pub fn print_table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) {
    let mut widths = header.map(UnicodeWidthStr::width);
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let line = |cells: [&str; N]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            match i + 1 == N {
                true => out.push_str(cell),
                false => {
                    out.push_str(&pad(cell, widths[i]));
                    out.push_str("  ");
                }
            }
        }
        println!("{}", out.trim_end());
    };
    line(*header);
    for row in rows {
        line(std::array::from_fn(|i| row[i].as_str()));
    }
}

/// One JSON object a line: the `--json` shape of every list.
pub fn print_json_lines<T>(rows: &[T], line: impl Fn(&T) -> serde_json::Value) {
    for r in rows {
        println!("{}", line(r));
    }
}
