//! Finding temporal expressions in a sentence's tokens and pinning them to the calendar.
//!
//! The scanner reads token forms only (no tags), so it works on any segmented text; the
//! parse matters later, to decide which clause an expression belongs to ([`super::attach`]).
//! Words that are dates only sometimes ("May", "March", a bare "2020") are taken only with a
//! cue beside them ("in May", "May 5", "the 2020 election").

use super::calendar::{add_days, add_months, month_index, weekday, year, Weekday};
use crate::dict::Ymd;
use crate::doc::Token;

/// How much of a date the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Month,
    Year,
    /// No expression of its own: the publication date.
    Document,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Document => "document",
        }
    }

    /// The record's spelling back; anything else is `Document`.
    pub fn parse(s: &str) -> Precision {
        match s {
            "day" => Precision::Day,
            "month" => Precision::Month,
            "year" => Precision::Year,
            _ => Precision::Document,
        }
    }
}

/// The tense of the clause an expression dates, which decides the year of "February 18"
/// and the week of "on Tuesday".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// Present or unmarked (news summaries report past events in the present).
    Unknown,
}

/// "last Tuesday", "this March", "next Friday".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    None,
    Last,
    This,
    Next,
}

/// What an expression says, before it is pinned to the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    /// A full date: "5 March 2019", "April 10, 2025".
    Date(Ymd),
    /// A day without its year: "February 18"; "Thursday, April 10" keeps the weekday.
    MonthDay {
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
    },
    /// "March 2019".
    MonthOfYear {
        year: u32,
        month: u32,
    },
    /// A month without its year: "in March", "last March".
    Month {
        month: u32,
        shift: Shift,
    },
    Year(u32),
    Weekday {
        weekday: Weekday,
        shift: Shift,
    },
    /// Counted from the publication date: "yesterday" is `Days(-1)`, "two weeks ago"
    /// `Weeks(-2)`, "next month" `Months(1)`, "this year" `Years(0)`.
    Days(i32),
    Weeks(i32),
    Months(i32),
    Years(i32),
    /// Counted from the time the narrative has reached: "that day" and "the same day" are
    /// `LaterDays(0)`, "the next day" `LaterDays(1)`, "three years later" `LaterYears(3)`.
    LaterDays(i32),
    LaterYears(i32),
}

/// A temporal expression found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpr {
    /// Token range `[first, end)` within the sentence.
    pub first: usize,
    pub end: usize,
    pub spec: Spec,
    /// A limit, not the time of the event: "until April 5", "by 2030", "before 2020".
    pub bound: bool,
}

/// A date with how much of it the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub date: Ymd,
    pub precision: Precision,
}

impl Dated {
    /// Whether two dates can be the same happening: equal, one of them only the publication
    /// date, or the coarser one's month or year holding the finer one.
    pub fn compatible(self, other: Dated) -> bool {
        let (fine, coarse) = if self.precision <= other.precision {
            (self, other)
        } else {
            (other, self)
        };
        match coarse.precision {
            Precision::Document => true,
            Precision::Day => fine.date == coarse.date,
            Precision::Month => month_index(fine.date) == month_index(coarse.date),
            Precision::Year => year(fine.date) == year(coarse.date),
        }
    }
}

/// Whether a lower-cased word names a day of the week or a month ("friday", "may"): other
/// stages must not take such a word for a party or a subject.
pub fn is_day_or_month(lower: &str) -> bool {
    WEEKDAYS.contains(&lower) || MONTHS.iter().any(|(m, _)| *m == lower)
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// Abbreviations, taken only with their period ("Feb.") or before a day ("Feb 27").
const MONTH_ABBREVS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words before a weekday that make it a name, not a day: "Good Friday", "Super Tuesday".
const WEEKDAY_NAMES: &[&str] = &[
    "good", "black", "bloody", "super", "holy", "palm", "ash", "cyber", "easter",
];

/// Words before a bare month or year that make it a date: "in March", "the 2015 attack".
const CUES: &[&str] = &[
    "in",
    "since",
    "during",
    "from",
    "until",
    "till",
    "by",
    "before",
    "after",
    "through",
    "throughout",
    "of",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "the",
    "a",
    "an",
    "'s",
    "’s",
];

/// Words a limit phrase does not reach across ("until it resumes, and on Monday ...").
const LIMIT_PHRASE_ENDS: &[&str] = &[
    "and", "but", "or", "which", "who", "that", "when", "while", "after", "before", "since",
];

/// Prepositions that make an expression a limit of the event, not its date.
const BOUNDS: &[&str] = &["until", "till", "by", "before", "after", "through"];

/// Words before "since" that make it the start of a record, not a date of the event:
/// "the first time since 1993", "its lowest level since 2018".
const RECORDS: &[&str] = &[
    "first",
    "lowest",
    "highest",
    "largest",
    "biggest",
    "worst",
    "best",
    "deadliest",
    "most",
    "least",
    "longest",
];

/// Parts of a day that keep the day ("this morning", "Sunday night").
const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night", "overnight"];

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

fn is(form: &str, word: &str) -> bool {
    form.eq_ignore_ascii_case(word)
}

fn is_any(form: &str, words: &[&str]) -> bool {
    words.iter().any(|w| is(form, w))
}

/// "mid-June", "early-2020" → "June", "2020".
fn strip_period_prefix(form: &str) -> &str {
    for p in ["mid-", "early-", "late-"] {
        if form.len() > p.len() && form.is_char_boundary(p.len()) && is(&form[..p.len()], p) {
            return &form[p.len()..];
        }
    }
    form
}

fn capitalised(form: &str) -> bool {
    form.chars().next().is_some_and(char::is_uppercase)
}

fn weekday_of(form: &str) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .position(|w| is(form, w))
        .map(|p| p as Weekday)
}

/// A day of the month: "10", "10th", "1st".
fn day_number(form: &str) -> Option<u32> {
    let digits = form.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &form[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !(suffix.is_empty() || is_any(suffix, &["st", "nd", "rd", "th"]))
    {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year written out in four digits, within the range news talks about.
fn year_number(form: &str) -> Option<u32> {
    if form.len() != 4 || !form.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    form.parse().ok().filter(|y| (1800..=2100).contains(y))
}

/// A count: "two", "3", "a".
fn count(form: &str) -> Option<i32> {
    if is(form, "a") || is(form, "an") {
        return Some(1);
    }
    if let Some(p) = NUMBER_WORDS.iter().position(|w| is(form, w)) {
        return Some(p as i32 + 1);
    }
    if form.len() <= 3 && form.bytes().all(|b| b.is_ascii_digit()) {
        return form.parse().ok();
    }
    None
}

/// `n` weeks, months or years from now.
fn unit(word: &str, n: i32) -> Option<Spec> {
    if is(word, "day") {
        Some(Spec::Days(n))
    } else if is(word, "week") {
        Some(Spec::Weeks(n))
    } else if is(word, "month") {
        Some(Spec::Months(n))
    } else if is(word, "year") {
        Some(Spec::Years(n))
    } else {
        None
    }
}

/// An ISO date written as one token: "2025-04-10".
fn iso_date(form: &str) -> Option<Ymd> {
    if form.len() == 10 && form.as_bytes()[4] == b'-' {
        Ymd::parse_iso(form)
    } else {
        None
    }
}

/// Finds the temporal expressions of one sentence.
struct Scanner<'a> {
    toks: &'a [Token],
}

impl<'a> Scanner<'a> {
    fn form(&self, i: usize) -> &'a str {
        self.toks.get(i).map(|t| t.form.as_str()).unwrap_or("")
    }

    fn prev(&self, i: usize) -> &'a str {
        if i == 0 {
            ""
        } else {
            self.form(i - 1)
        }
    }

    /// A month name at `i`: (month, needs no cue because it is written as a name not
    /// shared with other words).
    fn month(&self, i: usize) -> Option<u32> {
        let raw = self.form(i);
        let f = strip_period_prefix(raw);
        if let Some(&(_, m)) = MONTHS.iter().find(|(w, _)| is(f, w)) {
            return capitalised(f).then_some(m);
        }
        let (stem, period) = match f.strip_suffix('.') {
            Some(s) => (s, true),
            None => (f, false),
        };
        let &(_, m) = MONTH_ABBREVS.iter().find(|(w, _)| is(stem, w))?;
        (capitalised(stem) && (period || day_number(self.form(i + 1)).is_some())).then_some(m)
    }

    /// Whether the expression `[first, end)` is a limit ("until April 5", "prior to 2020")
    /// rather than a date; "after Sunday's attack" dates the attack.
    fn bound(&self, first: usize, end: usize) -> bool {
        if is_any(self.form(end), &["'s", "’s"]) {
            return false;
        }
        let p = self.prev(first);
        let pp = if first >= 2 { self.form(first - 2) } else { "" };
        is_any(p, BOUNDS)
            || (is(p, "to") && is_any(pp, &["prior", "up"]))
            // "the first time since March", "its lowest level since 2018".
            || (is(p, "since")
                && (first.saturating_sub(8)..first).any(|k| is_any(self.form(k), RECORDS)))
            || (is(p, "of") && is(pp, "ahead"))
            || self.in_limit_phrase(first)
    }

    /// Whether the expression at `first` closes a limit phrase: "remain in custody until
    /// his next court appearance on April 5" dates the appearance, not the order. The
    /// phrase is a few words, ended by punctuation or a word that starts a new clause.
    fn in_limit_phrase(&self, first: usize) -> bool {
        for k in (first.saturating_sub(7)..first.saturating_sub(1)).rev() {
            let f = self.form(k);
            if is_any(f, &["until", "till"]) {
                return true;
            }
            if is_any(f, LIMIT_PHRASE_ENDS) || !f.chars().any(char::is_alphanumeric) {
                return false;
            }
        }
        false
    }

    /// A bare month or year needs a cue: a preposition or determiner before it, a
    /// "mid-" prefix, or a possessive after it.
    fn cued(&self, i: usize) -> bool {
        let f = self.form(i);
        // "May's", "March's" are more often a name's than the month's.
        let possessive = is_any(self.form(i + 1), &["'s", "’s"])
            && !is_any(strip_period_prefix(f), &["may", "march"]);
        strip_period_prefix(f).len() != f.len() || is_any(self.prev(i), CUES) || possessive
    }

    /// ", 2025" or " 2025" after a day: the year, and where the expression then ends.
    fn year_after(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(y) = year_number(self.form(i)) {
            return Some((y, i + 1));
        }
        if self.form(i) == "," {
            if let Some(y) = year_number(self.form(i + 1)) {
                return Some((y, i + 2));
            }
        }
        None
    }

    /// Month-first dates: "April 10", "April 10, 2025", "March 2019", "in March".
    fn month_first(&self, i: usize) -> Option<(Spec, usize)> {
        let m = self.month(i)?;
        if let Some(d) = day_number(self.form(i + 1)) {
            // A day the month never has ("February 30") is no date.
            Ymd::new(2000, m, d)?;
            return self.day_of_month(m, d, i + 2);
        }
        // "March 2019", "March, 2018", "March of 2019".
        let year = year_number(self.form(i + 1))
            .map(|y| (y, i + 2))
            .or_else(|| {
                (is(self.form(i + 1), "of") || self.form(i + 1) == ",")
                    .then(|| year_number(self.form(i + 2)).map(|y| (y, i + 3)))
                    .flatten()
            });
        if let Some((y, end)) = year {
            return Some((Spec::MonthOfYear { year: y, month: m }, end));
        }
        if !self.cued(i) {
            return None;
        }
        let shift = match self.prev(i).to_ascii_lowercase().as_str() {
            "last" => Shift::Last,
            "next" => Shift::Next,
            "this" => Shift::This,
            _ => Shift::None,
        };
        Some((Spec::Month { month: m, shift }, i + 1))
    }

    /// Day `d` of month `m`, with the year that may follow at `next` ("10 April 2025"), else
    /// a day of a month the document's date places.
    fn day_of_month(&self, m: u32, d: u32, next: usize) -> Option<(Spec, usize)> {
        Some(match self.year_after(next) {
            Some((y, end)) => (Spec::Date(Ymd::new(y, m, d)?), end),
            None => (
                Spec::MonthDay {
                    month: m,
                    day: d,
                    weekday: None,
                },
                next,
            ),
        })
    }

    /// Day-first dates: "5 March 2019", "10th of April".
    fn day_first(&self, i: usize) -> Option<(Spec, usize)> {
        let d = day_number(self.form(i))?;
        let mi = if is(self.form(i + 1), "of") {
            i + 2
        } else {
            i + 1
        };
        let m = self.month(mi)?;
        Ymd::new(2000, m, d)?;
        self.day_of_month(m, d, mi + 1)
    }

    /// "Tuesday", "last Tuesday", "Thursday, April 10", "Sunday night".
    fn weekday(&self, i: usize) -> Option<(usize, Spec, usize)> {
        let wd = weekday_of(self.form(i))?;
        if !capitalised(self.form(i)) || is_any(self.prev(i), WEEKDAY_NAMES) {
            return None;
        }
        // "Thursday, April 10": the date says more than the weekday, which still tells
        // the year.
        let after = if self.form(i + 1) == "," {
            i + 2
        } else {
            i + 1
        };
        if let Some((spec, end)) = self
            .month_first(after)
            .or_else(|| self.day_first(after))
            .filter(|(s, _)| matches!(s, Spec::Date(_) | Spec::MonthDay { .. }))
        {
            let spec = match spec {
                Spec::MonthDay { month, day, .. } => Spec::MonthDay {
                    month,
                    day,
                    weekday: Some(wd),
                },
                other => other,
            };
            return Some((i, spec, end));
        }
        let p = self.prev(i);
        let pp = if i >= 2 { self.form(i - 2) } else { "" };
        let (first, shift) = if is(p, "past") && is(pp, "this") {
            (i - 2, Shift::Last)
        } else if is(p, "coming") && is(pp, "this") {
            (i - 2, Shift::Next)
        } else if is_any(p, &["last", "past", "previous"]) {
            (i - 1, Shift::Last)
        } else if is_any(p, &["next", "coming"]) {
            (i - 1, Shift::Next)
        } else if is(p, "this") {
            (i - 1, Shift::This)
        } else {
            (i, Shift::None)
        };
        let end = if is_any(self.form(i + 1), DAY_PARTS) {
            i + 2
        } else {
            i + 1
        };
        Some((first, Spec::Weekday { weekday: wd, shift }, end))
    }

    /// A bare year: "in 2022", "since 2022", "the 2015 attack", "mid-2022".
    fn year(&self, i: usize) -> Option<(Spec, usize)> {
        let y = year_number(strip_period_prefix(self.form(i)))?;
        // "2018-19", "2015–2019": a span of years, not a date.
        if matches!(self.form(i + 1), "-" | "–" | "—") {
            return None;
        }
        self.cued(i).then_some((Spec::Year(y), i + 1))
    }

    /// Expressions counted from the publication date.
    fn relative(&self, i: usize) -> Option<(usize, Spec, usize)> {
        let f = self.form(i);
        let next = self.form(i + 1);
        let day = [
            ("yesterday", -1),
            ("today", 0),
            ("tonight", 0),
            ("tomorrow", 1),
        ]
        .iter()
        .find(|(w, _)| is(f, w))
        .map(|&(_, n)| n);
        if let Some(n) = day {
            // "the day before yesterday", "the day after tomorrow".
            if i >= 3 && is(self.form(i - 3), "the") && is(self.form(i - 2), "day") {
                if is(self.form(i - 1), "before") && n == -1 {
                    return Some((i - 3, Spec::Days(-2), i + 1));
                }
                if is(self.form(i - 1), "after") && n == 1 {
                    return Some((i - 3, Spec::Days(2), i + 1));
                }
            }
            return Some((i, Spec::Days(n), i + 1));
        }
        if is(f, "last") && is(next, "night") {
            return Some((i, Spec::Days(-1), i + 2));
        }
        if is(f, "this") && is_any(next, &["morning", "afternoon", "evening"]) {
            return Some((i, Spec::Days(0), i + 2));
        }
        let shift = [("last", -1), ("this", 0), ("next", 1)]
            .iter()
            .find(|(w, _)| is(f, w))
            .map(|&(_, n)| n);
        if let Some(n) = shift {
            // "the last day of ..." is no date.
            if is(next, "day") {
                return None;
            }
            let spec = unit(next, n)?;
            return Some((i, spec, i + 2));
        }
        // "that day", "the same day", "the next day".
        let day_after = |w: &str| {
            if is(w, "same") {
                Some(0)
            } else if is_any(w, &["next", "following"]) {
                Some(1)
            } else {
                None
            }
        };
        if is(f, "that") && is_any(next, &["day", "night"]) {
            return Some((i, Spec::LaterDays(0), i + 2));
        }
        if is(f, "the") && is_any(self.form(i + 2), &["day", "night"]) {
            if let Some(n) = day_after(next) {
                return Some((i, Spec::LaterDays(n), i + 3));
            }
        }
        // "two days ago", "a year ago"; "three years later".
        let n = count(f)?;
        let unit_word = next.strip_suffix('s').unwrap_or(next);
        if is(self.form(i + 2), "ago") {
            return Some((i, unit(unit_word, -n)?, i + 3));
        }
        if is(self.form(i + 2), "later") {
            return match unit(unit_word, n)? {
                Spec::Days(n) => Some((i, Spec::LaterDays(n), i + 3)),
                Spec::Years(n) => Some((i, Spec::LaterYears(n), i + 3)),
                _ => None,
            };
        }
        None
    }

    fn at(&self, i: usize) -> Option<(usize, Spec, usize)> {
        if let Some(d) = iso_date(self.form(i)) {
            return Some((i, Spec::Date(d), i + 1));
        }
        self.weekday(i)
            .or_else(|| self.relative(i))
            .or_else(|| self.month_first(i).map(|(s, e)| (i, s, e)))
            .or_else(|| self.day_first(i).map(|(s, e)| (i, s, e)))
            .or_else(|| self.year(i).map(|(s, e)| (i, s, e)))
    }
}

/// The temporal expressions of one sentence, in order, not overlapping.
pub fn find(toks: &[Token]) -> Vec<TimeExpr> {
    let sc = Scanner { toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match sc.at(i) {
            Some((first, spec, end)) if end > i => {
                let first = first.max(out.last().map_or(0, |e: &TimeExpr| e.end));
                // "early June", "late 2019": the qualifier belongs to the expression.
                let first = if first > 0 && is_any(sc.prev(first), &["early", "late", "mid"]) {
                    first - 1
                } else {
                    first
                };
                let bound = sc.bound(first, end);
                out.push(TimeExpr {
                    first,
                    end,
                    spec,
                    bound,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The day standing for a month: the publication date when it lies in that month (so
/// "this month" agrees with both the day and the month), else the month's first day.
fn month_day(first: Ymd, pub_date: Option<Ymd>) -> Ymd {
    match pub_date {
        Some(p) if month_index(p) == month_index(first) => p,
        _ => first,
    }
}

fn year_day(y: u32, pub_date: Option<Ymd>) -> Option<Ymd> {
    match pub_date {
        Some(p) if year(p) == y => Some(p),
        _ => Ymd::new(y, 1, 1),
    }
}

/// Among candidate dates of a year-less expression, the one the tense points to: the
/// latest not after `now` for the past, the earliest not before it for the future, the
/// nearest otherwise (the past on a tie). `key` measures a candidate on the same scale as
/// `now` (days, or months).
fn choose<T: Copy>(cands: &[T], now: i64, key: impl Fn(T) -> i64, tense: Tense) -> Option<T> {
    let past = cands.iter().copied().filter(|&c| key(c) <= now);
    let future = cands.iter().copied().filter(|&c| key(c) >= now);
    match tense {
        Tense::Past => past.max_by_key(|&c| key(c)),
        Tense::Future => future.min_by_key(|&c| key(c)),
        Tense::Unknown => cands
            .iter()
            .copied()
            .min_by_key(|&c| ((key(c) - now).abs(), key(c) > now)),
    }
}

impl Spec {
    /// The date this expression gives, read against the publication date; `None` when it
    /// needs a publication date the document lacks, or falls outside the calendar.
    pub fn resolve(self, pub_date: Option<Ymd>, tense: Tense) -> Option<Dated> {
        let dated = |date, precision| Some(Dated { date, precision });
        match self {
            Spec::Date(d) => dated(d, Precision::Day),
            Spec::MonthOfYear { year, month } => dated(
                month_day(Ymd::new(year, month, 1)?, pub_date),
                Precision::Month,
            ),
            Spec::Year(y) => dated(year_day(y, pub_date)?, Precision::Year),
            Spec::MonthDay {
                month: m,
                day: d,
                weekday: wd,
            } => {
                let p = pub_date?;
                let cands: Vec<Ymd> = (year(p).saturating_sub(1)..=year(p) + 1)
                    .filter_map(|y| Ymd::new(y, m, d))
                    .collect();
                // The weekday the text gives picks the year when it can.
                let matching: Vec<Ymd> = cands
                    .iter()
                    .copied()
                    .filter(|&c| wd.is_some_and(|w| weekday(c) == w))
                    .collect();
                let pool = if matching.is_empty() {
                    &cands
                } else {
                    &matching
                };
                let tense = if matching.len() == 1 {
                    Tense::Unknown
                } else {
                    tense
                };
                dated(choose(pool, p.days(), Ymd::days, tense)?, Precision::Day)
            }
            Spec::Month { month: m, shift } => {
                let p = pub_date?;
                let now = month_index(p);
                let cands: Vec<Ymd> = (year(p).saturating_sub(1)..=year(p) + 1)
                    .filter_map(|y| Ymd::new(y, m, 1))
                    .collect();
                let pick = match shift {
                    Shift::Last => cands
                        .iter()
                        .copied()
                        .filter(|&c| month_index(c) < now)
                        .max(),
                    Shift::Next => cands
                        .iter()
                        .copied()
                        .filter(|&c| month_index(c) > now)
                        .min(),
                    Shift::This => Ymd::new(year(p), m, 1),
                    Shift::None => choose(&cands, now, month_index, tense),
                }?;
                dated(month_day(pick, pub_date), Precision::Month)
            }
            Spec::Weekday { weekday: w, shift } => {
                let p = pub_date?;
                let back = (i64::from(weekday(p)) - i64::from(w)).rem_euclid(7);
                let ahead = (i64::from(w) - i64::from(weekday(p))).rem_euclid(7);
                let offset = match (shift, tense) {
                    (Shift::Last, _) => -(if back == 0 { 7 } else { back }),
                    (Shift::Next, _) => {
                        if ahead == 0 {
                            7
                        } else {
                            ahead
                        }
                    }
                    (_, Tense::Future) => ahead,
                    _ => -back,
                };
                dated(add_days(p, offset)?, Precision::Day)
            }
            Spec::Days(n) => dated(add_days(pub_date?, n.into())?, Precision::Day),
            // A week is no calendar unit of the record: its day stands for it, with the
            // precision of the month it (mostly) lies in.
            Spec::Weeks(n) => dated(add_days(pub_date?, 7 * i64::from(n))?, Precision::Month),
            Spec::Months(n) => {
                let p = pub_date?;
                dated(
                    month_day(add_months(p, n.into())?, pub_date),
                    Precision::Month,
                )
            }
            Spec::Years(n) => {
                let p = pub_date?;
                let y = u32::try_from(i64::from(year(p)) + i64::from(n)).ok()?;
                dated(year_day(y, pub_date)?, Precision::Year)
            }
            Spec::LaterDays(_) | Spec::LaterYears(_) => None,
        }
    }

    /// Whether the expression counts from the narrative's time, not the publication date.
    pub fn is_anaphoric(self) -> bool {
        matches!(self, Spec::LaterDays(_) | Spec::LaterYears(_))
    }

    /// An anaphoric expression read against the time the narrative has reached: the day
    /// after a day, the year after a year; `None` when the reference is too coarse.
    pub fn resolve_from(self, reference: Dated, pub_date: Option<Ymd>) -> Option<Dated> {
        match self {
            Spec::LaterDays(n) if reference.precision == Precision::Day => Some(Dated {
                date: add_days(reference.date, n.into())?,
                precision: Precision::Day,
            }),
            Spec::LaterDays(0) => Some(reference),
            Spec::LaterYears(n) if reference.precision != Precision::Document => {
                let y = u32::try_from(i64::from(year(reference.date)) + i64::from(n)).ok()?;
                Some(Dated {
                    date: year_day(y, pub_date)?,
                    precision: Precision::Year,
                })
            }
            _ => None,
        }
    }
}
