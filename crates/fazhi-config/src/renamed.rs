//! Keys that were integers in milliseconds (`lease_ms`) are durations with
//! a unit now (`lease = "60s"`). The loader ignores unknown keys, so an old
//! file or variable would silently fall back to the default: say so instead.

use figment::Figment;

/// (section, old key) of every key renamed when durations got units.
const RENAMED: [(&str, &str); 14] = [
    ("database", "acquire_timeout_ms"),
    ("database", "statement_timeout_ms"),
    ("database", "idle_in_transaction_timeout_ms"),
    ("queue", "confirm_timeout_ms"),
    ("queue", "connect_timeout_ms"),
    ("queue", "poll_interval_ms"),
    ("queue", "lease_ms"),
    ("queue", "heartbeat_s"),
    ("queue", "operation_timeout_ms"),
    ("worker", "retry_delay_ms"),
    ("worker", "pause_ms"),
    ("worker", "transaction_timeout_ms"),
    ("worker", "outage_backoff_max_ms"),
    ("worker", "outage_hold_ms"),
];

/// One sentence per old key still set (in the file or as `FAZHI_*`).
pub(crate) fn old_keys(figment: &Figment) -> Vec<String> {
    RENAMED
        .iter()
        .filter(|(section, old)| figment.find_value(&format!("{section}.{old}")).is_ok())
        .map(|(section, old)| {
            let new = old.trim_end_matches("_ms").trim_end_matches("_s");
            format!(
                "{section}.{old} 已改名为 {section}.{new}，值须带单位（如 \"500ms\"、\"30s\"、\"10m\"）；环境变量同样改为 FAZHI_{}__{}",
                section.to_uppercase(),
                new.to_uppercase()
            )
        })
        .collect()
}
