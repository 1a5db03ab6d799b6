//! The request fields every service reads (district, year, dates, ids),
//! checked one way: the same refusal, in Chinese and naming the field, from
//! every RPC.

use chrono::NaiveDate;
use fazhi_store::Principal;

use crate::error::ServiceError;
use crate::policy::{Action, authorize};

fn invalid(m: impl Into<String>) -> ServiceError {
    ServiceError::InvalidArgument(m.into())
}

/// A short text field, trimmed; refused (never stored) with a NUL or other
/// control character (PostgreSQL cannot store NUL in text at all) or when
/// longer than `max_chars`.
pub fn text_field<'a>(
    what: &str,
    value: &'a str,
    max_chars: usize,
) -> Result<&'a str, ServiceError> {
    let value = value.trim();
    if value.chars().any(char::is_control) {
        return Err(ServiceError::InvalidArgument(format!(
            "{what}含有控制字符（如空字符），请删除后重试"
        )));
    }
    if value.chars().count() > max_chars {
        return Err(ServiceError::InvalidArgument(format!(
            "{what}过长：不能超过{max_chars}个字符"
        )));
    }
    Ok(value)
}

/// A reporting year: four digits, the year reported on.
pub fn year(year: i32) -> Result<i32, ServiceError> {
    if !(2000..=9999).contains(&year) {
        return Err(invalid(format!(
            "年度 {year} 不合理，应为所报告的年份，如 2025"
        )));
    }
    Ok(year)
}

/// A district's name, required.
pub fn district(d: &str) -> Result<&str, ServiceError> {
    match text_field("区名（district）", d, 64)? {
        "" => Err(invalid("缺少区名（district）")),
        d => Ok(d),
    }
}

/// A district and year the caller may read (`Action::ReadDistrict`).
pub fn readable_district<'a>(
    who: &Principal,
    d: &'a str,
    y: i32,
) -> Result<(&'a str, i32), ServiceError> {
    let (d, y) = (district(d)?, year(y)?);
    authorize(who, Action::ReadDistrict { district: d })?;
    Ok((d, y))
}

/// A `YYYY-MM-DD` date, or `None` when empty.
pub fn date(what: &str, s: &str) -> Result<Option<NaiveDate>, ServiceError> {
    let s = text_field(what, s, 20)?;
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            invalid(format!(
                "{what}“{s}”格式不正确，应为 YYYY-MM-DD，如 2026-02-27"
            ))
        })
}

/// A submission id (a UUID), trimmed.
pub fn submission_id(id: &str) -> Result<&str, ServiceError> {
    let id = id.trim();
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(invalid(format!("报送编号“{id}”格式不正确")));
    }
    Ok(id)
}
