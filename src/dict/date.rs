//! Calendar dates as the actor dictionaries write them (YYMMDD or YYYYMMDD) and as documents
//! carry them (YYYY-MM-DD), compared as one `u32` YYYYMMDD.

use std::fmt;

/// A day, ordered by its YYYYMMDD number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd(pub u32);

/// Two-digit years below this are 20YY, the rest 19YY. The shipped files use two-digit
/// years from 1931 (`[AFGELI 320101-331108]`) to 2014 (`[EGYGOV > 140608]`), so any pivot
/// between 15 and 31 reads them all as meant; 30 leaves room for entries written since.
pub const TWO_DIGIT_YEAR_PIVOT: u32 = 30;

impl Ymd {
    pub fn new(year: u32, month: u32, day: u32) -> Option<Ymd> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => return None,
        };
        if !(1..=9999).contains(&year) || day == 0 || day > days {
            return None;
        }
        Some(Ymd(year * 10000 + month * 100 + day))
    }

    /// `YYMMDD` or `YYYYMMDD`, digits only (see [`TWO_DIGIT_YEAR_PIVOT`]).
    pub fn parse_compact(s: &str) -> Option<Ymd> {
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = s.parse().ok()?;
        let (year, md) = match s.len() {
            6 => {
                let yy = n / 10000;
                let century = if yy < TWO_DIGIT_YEAR_PIVOT {
                    2000
                } else {
                    1900
                };
                (century + yy, n % 10000)
            }
            8 => (n / 10000, n % 10000),
            _ => return None,
        };
        Ymd::new(year, md / 100, md % 100)
    }

    /// Days since 1970-01-01 (negative before), for distances and day arithmetic.
    pub fn days(self) -> i64 {
        let (y, m, d) = (
            (self.0 / 10000) as i64,
            (self.0 / 100 % 100) as i64,
            (self.0 % 100) as i64,
        );
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `n` days after 1970-01-01; `None` outside years 1..=9999.
    pub fn from_days(n: i64) -> Option<Ymd> {
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Ymd::new(u32::try_from(y).ok()?, m as u32, d as u32)
    }

    /// This day moved by `n` days (unchanged if that leaves the calendar's range).
    pub fn add_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n).unwrap_or(self)
    }

    /// `YYYY-MM-DD`, the document date format.
    pub fn parse_iso(s: &str) -> Option<Ymd> {
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Ymd::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        write!(f, "{:04}-{:02}-{:02}", n / 10000, n / 100 % 100, n % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_dates_and_the_century_rule() {
        assert_eq!(Ymd::parse_compact("090120"), Ymd::new(2009, 1, 20));
        assert_eq!(Ymd::parse_compact("320101"), Ymd::new(1932, 1, 1));
        assert_eq!(Ymd::parse_compact("290101"), Ymd::new(2029, 1, 1));
        assert_eq!(Ymd::parse_compact("18970101"), Ymd::new(1897, 1, 1));
        for bad in [
            "",
            "2004017",
            "1920030320",
            "091320",
            "090230",
            "09012a",
            "+90120",
        ] {
            assert_eq!(Ymd::parse_compact(bad), None, "{bad}");
        }
        assert_eq!(
            Ymd::parse_iso("2024-02-29")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(Ymd::parse_iso("2023-02-29"), None);
        assert_eq!(Ymd::parse_iso("20230101"), None);
    }

    #[test]
    fn day_arithmetic_crosses_months_years_and_leap_days() {
        let d = |s: &str| Ymd::parse_iso(s).unwrap();
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2025-01-20").add_days(-1), d("2025-01-19"));
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2023-12-31").add_days(1), d("2024-01-01"));
        assert_eq!(d("2025-03-01").days() - d("2024-03-01").days(), 365);
        for s in ["1899-12-31", "2000-02-29", "2038-01-19"] {
            assert_eq!(Ymd::from_days(d(s).days()), Some(d(s)));
        }
    }
}
