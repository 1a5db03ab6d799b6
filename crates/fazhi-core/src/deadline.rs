//! The statutory deadline of a year's report (see `shared/domain.md`): the
//! report on year N is due by 1 March of N+1, Beijing time. Here until the
//! season crate (which owns the reporting calendar) takes it.

/// 1 March of `year + 1`, 00:00 Beijing time (UTC+8), as Unix ms.
pub fn deadline_ms(year: i32) -> i64 {
    let days = days_from_civil(i64::from(year) + 1, 3, 1);
    days * 86_400_000 - 8 * 3_600_000
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm: exact for every i32 year, no calendar crate needed).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_is_first_of_march_beijing_time() {
        // 2024-03-01T00:00+08:00 = 2024-02-29T16:00Z (a leap year).
        assert_eq!(deadline_ms(2023), 1_709_222_400_000);
        // 2023-03-01T00:00+08:00 = 2023-02-28T16:00Z.
        assert_eq!(deadline_ms(2022), 1_677_600_000_000);
    }

    #[test]
    fn the_epoch_is_day_zero() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
