//! Day arithmetic on [`Ymd`]: days since an epoch, weekdays, shifting by days and months.

use crate::dict::Ymd;

/// Monday = 0 … Sunday = 6.
pub type Weekday = u8;

pub fn year(d: Ymd) -> u32 {
    d.0 / 10000
}

pub fn month(d: Ymd) -> u32 {
    d.0 / 100 % 100
}

pub fn day(d: Ymd) -> u32 {
    d.0 % 100
}

/// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's `days_from_civil`).
pub fn days(d: Ymd) -> i64 {
    let (y, m, dd) = (year(d) as i64, month(d) as i64, day(d) as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The day `n` days after 1970-01-01; `None` outside years 1–9999.
pub fn from_days(n: i64) -> Option<Ymd> {
    let z = n + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Ymd::new(
        u32::try_from(y).ok()?,
        u32::try_from(m).ok()?,
        u32::try_from(d).ok()?,
    )
}

pub fn add_days(d: Ymd, n: i64) -> Option<Ymd> {
    from_days(days(d) + n)
}

pub fn weekday(d: Ymd) -> Weekday {
    // 1970-01-01 was a Thursday.
    (days(d) + 3).rem_euclid(7) as Weekday
}

/// The first day of the month `n` months after `d`'s month.
pub fn add_months(d: Ymd, n: i64) -> Option<Ymd> {
    let index = year(d) as i64 * 12 + month(d) as i64 - 1 + n;
    Ymd::new(
        u32::try_from(index.div_euclid(12)).ok()?,
        index.rem_euclid(12) as u32 + 1,
        1,
    )
}

/// A month as one number (year × 12 + month − 1), so that months subtract.
pub fn month_index(d: Ymd) -> i64 {
    year(d) as i64 * 12 + month(d) as i64 - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> Ymd {
        Ymd::parse_iso(s).unwrap()
    }

    #[test]
    fn days_round_trip_and_weekdays() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "2025-04-10",
            "1944-02-26",
        ] {
            assert_eq!(from_days(days(ymd(s))), Some(ymd(s)), "{s}");
        }
        assert_eq!(days(ymd("1970-01-02")), 1);
        // 2025-04-10 was a Thursday, 2019-10-15 a Tuesday.
        assert_eq!(weekday(ymd("2025-04-10")), 3);
        assert_eq!(weekday(ymd("2019-10-15")), 1);
        assert_eq!(add_days(ymd("2025-03-01"), -1), Some(ymd("2025-02-28")));
        assert_eq!(add_months(ymd("2025-01-20"), -1), Some(ymd("2024-12-01")));
        assert_eq!(add_months(ymd("2025-12-05"), 3), Some(ymd("2026-03-01")));
    }
}
