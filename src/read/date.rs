//! Calendar dates as documents carry them: `YYYY-MM-DD`, checked to be a real day.

/// Whether `s` is exactly a real calendar date `YYYY-MM-DD` (Gregorian, years 0001–9999).
pub fn is_valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    y >= 1 && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// A date given on the command line (`--date`): checked, or a message saying what is wrong.
pub fn date_arg(s: &str) -> Result<String, String> {
    let s = s.trim();
    if is_valid_date(s) {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a calendar date YYYY-MM-DD"))
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// The date of a field that is a date or an ISO 8601 date-time (`2025-04-10T08:30:00Z`,
/// `2025-04-10 08:30`): feeds often stamp times, and the day is what documents need.
pub fn date_of(s: &str) -> Option<&str> {
    let s = s.trim();
    let day = s.get(..10)?;
    if !is_valid_date(day) {
        return None;
    }
    match s.as_bytes().get(10) {
        None => Some(day),
        Some(b'T' | b't' | b' ') if s.len() > 11 => Some(day),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_days_only() {
        assert!(is_valid_date("2025-04-10"));
        assert!(is_valid_date("2024-02-29"));
        assert!(is_valid_date("2000-02-29"));
        assert!(!is_valid_date("1900-02-29"));
        assert!(!is_valid_date("2025-02-29"));
        assert!(!is_valid_date("2025-04-31"));
        assert!(!is_valid_date("2025-13-01"));
        assert!(!is_valid_date("2025-00-10"));
        assert!(!is_valid_date("2025-04-00"));
        assert!(!is_valid_date("0000-01-01"));
        assert!(!is_valid_date("2025-4-10"));
        assert!(!is_valid_date("2025/04/10"));
        assert!(!is_valid_date("２０２５-04-10"));
        assert!(!is_valid_date(""));
    }

    #[test]
    fn command_line_dates_are_checked() {
        assert_eq!(date_arg(" 2025-04-10 "), Ok("2025-04-10".to_string()));
        assert!(date_arg("2025-04-31").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn takes_the_day_of_a_timestamp() {
        assert_eq!(date_of("2025-04-10"), Some("2025-04-10"));
        assert_eq!(date_of(" 2025-04-10T08:30:00Z"), Some("2025-04-10"));
        assert_eq!(date_of("2025-04-10 08:30"), Some("2025-04-10"));
        assert_eq!(date_of("2025-04-10x"), None);
        assert_eq!(date_of("2025-04-10T"), None);
        assert_eq!(date_of("April 10, 2025"), None);
        assert_eq!(date_of("2025-04-1é"), None);
    }
}
