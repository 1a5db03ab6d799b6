//! Document metadata (web-page tables, OFD DocInfo) and the date forms
//! Chinese pages use (`2023-03-24`, `2023/3/24`, `2023年3月24日`, `2023.03.24`).

use std::fmt;

/// A calendar date as the page states it (no time zone: pages give none).
/// Serialized as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// First date found at the start of `s` (after spaces), if any.
    pub fn parse_prefix(s: &str) -> Option<Date> {
        let mut nums = [0u32; 3];
        let mut idx = 0;
        let mut digits = 0;
        let mut started = false;
        for c in s.trim_start().chars() {
            if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
                if digits >= 4 {
                    return None;
                }
                nums[idx] = nums[idx] * 10 + d;
                digits += 1;
                started = true;
                continue;
            }
            if !started {
                return None;
            }
            let sep = matches!(c, '-' | '/' | '.' | '年' | '月' | '日');
            if digits == 0 || !sep {
                break;
            }
            idx += 1;
            digits = 0;
            if idx == 3 {
                break;
            }
        }
        if idx < 2 || (idx == 2 && digits == 0) {
            return None;
        }
        let (y, m, d) = (nums[0], nums[1], nums[2]);
        let valid = (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
        valid.then_some(Date {
            year: y as i32,
            month: m as u8,
            day: d as u8,
        })
    }
}

/// What a page or file says about the document (absent fields are `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageMeta {
    /// 发布机构 (or 来源 when no 发布机构 is given).
    pub publisher: Option<String>,
    /// 发布日期: the workflow's publication date.
    pub published_on: Option<Date>,
    /// 成文日期.
    pub written_on: Option<Date>,
    /// 索引号.
    pub index_no: Option<String>,
    pub title: Option<String>,
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_prefix(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_pages_use() {
        let d = Date {
            year: 2023,
            month: 3,
            day: 24,
        };
        for s in [
            "2023-03-24 11:26",
            "2023/3/24",
            "2023年3月24日",
            " 2023.03.24",
        ] {
            assert_eq!(Date::parse_prefix(s), Some(d), "{s}");
        }
        for s in ["", "浏览量:1", "2023-13-01", "12345-01-01", "2023年"] {
            assert_eq!(Date::parse_prefix(s), None, "{s}");
        }
    }

    #[test]
    fn dates_serialize_as_iso_and_back() {
        let d = Date {
            year: 2023,
            month: 3,
            day: 4,
        };
        let json = serde_json::to_string(&d).unwrap_or_default();
        assert_eq!(json, "\"2023-03-04\"");
        assert_eq!(serde_json::from_str::<Date>(&json).ok(), Some(d));
    }
}
