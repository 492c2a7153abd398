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
}
