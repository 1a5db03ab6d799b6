//! Deadlines and timeliness. A deadline is a date: "by 1 March" means
//! received before 1 March 00:00 Beijing time (the 督察 rule says 每年3月1日前).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

const BEIJING_OFFSET_S: i32 = 8 * 3600;

/// A district's two deadlines for the reports on one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    /// Reports must reach the office before this date.
    pub submit_by: NaiveDate,
    /// Reports must be published before this date.
    pub publish_by: NaiveDate,
}

impl Deadlines {
    /// The regulation's defaults for reports on `year`: 1 March and 1 April
    /// of the following year. `None` only for years chrono cannot hold.
    pub fn default_for(year: i32) -> Option<Deadlines> {
        let next = year.checked_add(1)?;
        Some(Deadlines {
            submit_by: NaiveDate::from_ymd_opt(next, 3, 1)?,
            publish_by: NaiveDate::from_ymd_opt(next, 4, 1)?,
        })
    }

    /// Checked constructor: the publication deadline may not come before
    /// the submission deadline, and both must fall after the reported year.
    pub fn new(
        year: i32,
        submit_by: NaiveDate,
        publish_by: NaiveDate,
    ) -> Result<Deadlines, String> {
        if submit_by.year() <= year || publish_by.year() <= year {
            return Err(format!(
                "{year}年度报告的截止日期应在{}年或以后",
                year.saturating_add(1)
            ));
        }
        if publish_by < submit_by {
            return Err(format!(
                "公开截止日期（{publish_by}）不能早于报送截止日期（{submit_by}）"
            ));
        }
        Ok(Deadlines {
            submit_by,
            publish_by,
        })
    }

    pub fn submission_timeliness(&self, received_at_ms: i64) -> Timeliness {
        Timeliness::of_ms(received_at_ms, self.submit_by)
    }

    pub fn publication_timeliness(&self, published_on: NaiveDate) -> Timeliness {
        Timeliness::of_date(published_on, self.publish_by)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    OnTime,
    Late,
}

impl Timeliness {
    /// A moment against a deadline date (Beijing time).
    pub fn of_ms(at_ms: i64, deadline: NaiveDate) -> Timeliness {
        if at_ms < beijing_midnight_ms(deadline) {
            Timeliness::OnTime
        } else {
            Timeliness::Late
        }
    }

    /// A calendar date against a deadline date: on time when before it.
    pub fn of_date(on: NaiveDate, deadline: NaiveDate) -> Timeliness {
        if on < deadline {
            Timeliness::OnTime
        } else {
            Timeliness::Late
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Timeliness::OnTime => "按时",
            Timeliness::Late => "逾期",
        }
    }
}

/// 00:00 Beijing time of `date`, as Unix ms (how a date the office enters
/// is stored, and where a deadline falls).
pub fn beijing_midnight_ms(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0)
        .map(|dt| dt.and_utc().timestamp_millis() - i64::from(BEIJING_OFFSET_S) * 1000)
        .unwrap_or(i64::MAX)
}

/// The Beijing calendar date of a moment.
pub fn beijing_date(at_ms: i64) -> Option<NaiveDate> {
    // Shift by the fixed offset (China has no daylight saving time).
    chrono::DateTime::from_timestamp_millis(at_ms.checked_add(i64::from(BEIJING_OFFSET_S) * 1000)?)
        .map(|t| t.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn defaults_are_first_of_march_and_april_of_the_next_year() {
        let dl = Deadlines::default_for(2025).unwrap();
        assert_eq!(dl.submit_by, d(2026, 3, 1));
        assert_eq!(dl.publish_by, d(2026, 4, 1));
    }

    #[test]
    fn the_last_minute_of_february_beijing_time_is_on_time() {
        let dl = Deadlines::default_for(2025).unwrap();
        let deadline = beijing_midnight_ms(d(2026, 3, 1));
        // 2026-02-28 23:59 Beijing = 15:59 UTC.
        assert_eq!(
            dl.submission_timeliness(deadline - 60_000),
            Timeliness::OnTime
        );
        assert_eq!(dl.submission_timeliness(deadline), Timeliness::Late);
        assert_eq!(beijing_date(deadline - 1), Some(d(2026, 2, 28)));
        assert_eq!(beijing_date(deadline), Some(d(2026, 3, 1)));
    }

    #[test]
    fn publication_on_the_deadline_day_is_late() {
        let dl = Deadlines::default_for(2025).unwrap();
        assert_eq!(
            dl.publication_timeliness(d(2026, 3, 31)),
            Timeliness::OnTime
        );
        assert_eq!(dl.publication_timeliness(d(2026, 4, 1)), Timeliness::Late);
    }

    #[test]
    fn deadlines_out_of_order_or_in_the_reported_year_are_refused_in_chinese() {
        let err = Deadlines::new(2025, d(2026, 4, 1), d(2026, 3, 1)).unwrap_err();
        assert!(err.contains("不能早于"), "{err}");
        let err = Deadlines::new(2025, d(2025, 12, 1), d(2026, 3, 1)).unwrap_err();
        assert!(err.contains("2026年或以后"), "{err}");
        assert!(Deadlines::new(2025, d(2026, 3, 15), d(2026, 4, 15)).is_ok());
    }
}
