//! Durations in the file and the environment are written with their unit
//! (`500ms`, `30s`, `10m`, `1h 30m`: humantime's syntax); a bare number is
//! refused, since nobody can tell whether `30` meant seconds or
//! milliseconds. Only `0` needs no unit.

use std::time::Duration;

use serde::{Deserializer, Serializer, de};

pub fn serialize<S: Serializer>(value: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&humantime::format_duration(*value).to_string())
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    deserializer.deserialize_any(DurationVisitor)
}

struct DurationVisitor;

const EXPECTED: &str = "带单位的时长，如 500ms、30s、10m、1h";

impl de::Visitor<'_> for DurationVisitor {
    type Value = Duration;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Duration, E> {
        let text = text.trim();
        if text == "0" {
            return Ok(Duration::ZERO);
        }
        humantime::parse_duration(text)
            .map_err(|_| E::custom(format!("时长“{text}”无法识别：请写成{EXPECTED}")))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Duration, E> {
        match n {
            0 => Ok(Duration::ZERO),
            _ => Err(E::custom(format!(
                "时长 {n} 没有单位：请写成{EXPECTED}（如 {n}ms 或 {n}s）"
            ))),
        }
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Duration, E> {
        match u64::try_from(n) {
            Ok(n) => self.visit_u64(n),
            Err(_) => Err(E::custom(format!("时长不能为负数（{n}）"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct T {
        #[serde(with = "super")]
        d: Duration,
    }

    fn parse(toml_value: &str) -> Result<Duration, String> {
        use figment::providers::{Format, Toml};
        figment::Figment::from(Toml::string(&format!("d = {toml_value}")))
            .extract::<T>()
            .map(|t| t.d)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn units_are_read_and_written_back_the_same() {
        assert_eq!(parse("\"500ms\""), Ok(Duration::from_millis(500)));
        assert_eq!(parse("\"30s\""), Ok(Duration::from_secs(30)));
        assert_eq!(parse("\"1h 30m\""), Ok(Duration::from_secs(5400)));
        assert_eq!(parse("0"), Ok(Duration::ZERO));
        // The defaults go through figment serialized: they must come back.
        let d = Duration::from_millis(1500);
        let back: T = figment::Figment::from(figment::providers::Serialized::defaults(T { d }))
            .extract()
            .unwrap();
        assert_eq!(back.d, d);
    }

    #[test]
    fn a_bare_number_or_an_unknown_unit_is_refused_in_chinese() {
        let err = parse("30").unwrap_err();
        assert!(err.contains("没有单位") && err.contains("30ms"), "{err}");
        let err = parse("\"30 秒\"").unwrap_err();
        assert!(err.contains("无法识别") && err.contains("30s"), "{err}");
    }
}
