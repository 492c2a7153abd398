//! Day arithmetic on [`Ymd`] beyond its own day numbers: weekdays, shifting by days and
//! months.

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

/// `d` moved by `n` days; `None` outside years 1–9999 (the day numbers are [`Ymd::days`]).
pub fn add_days(d: Ymd, n: i64) -> Option<Ymd> {
    Ymd::from_days(d.days() + n)
}

pub fn weekday(d: Ymd) -> Weekday {
    // 1970-01-01 was a Thursday.
    (d.days() + 3).rem_euclid(7) as Weekday
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
            assert_eq!(Ymd::from_days(ymd(s).days()), Some(ymd(s)), "{s}");
        }
        assert_eq!(ymd("1970-01-02").days(), 1);
        // 2025-04-10 was a Thursday, 2019-10-15 a Tuesday.
        assert_eq!(weekday(ymd("2025-04-10")), 3);
        assert_eq!(weekday(ymd("2019-10-15")), 1);
        assert_eq!(add_days(ymd("2025-03-01"), -1), Some(ymd("2025-02-28")));
        assert_eq!(add_months(ymd("2025-01-20"), -1), Some(ymd("2024-12-01")));
        assert_eq!(add_months(ymd("2025-12-05"), 3), Some(ymd("2026-03-01")));
    }
}
