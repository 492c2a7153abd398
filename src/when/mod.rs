//! When events happen: temporal expressions found in a sentence ("Thursday, April 10",
//! "on Tuesday", "two days ago", "last year", "a February 27 meeting") and normalised against
//! the document's date, and each event given the date of the expression that governs its
//! own clause. Pure: no I/O, no models; it reads the tokens and the dependency tree.
//!
//! [`expr`] finds expressions and pins them to the calendar, [`attach`] decides which one
//! dates an event, [`calendar`] does the day arithmetic.

pub mod attach;
pub mod calendar;
pub mod expr;

pub use expr::{find, is_day_or_month, Dated, Precision, Spec, Tense, TimeExpr};

use crate::code::tree::Tree;
use crate::dict::Ymd;

/// An event's date as the record writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    /// `YYYY-MM-DD`: a day within what the text says (see [`expr::Spec::resolve`]).
    pub date: String,
    pub precision: Precision,
}

/// The date of the event whose trigger is token `trigger` of sentence `t`, with `future`
/// as the coder judged the event: the date of the expression governing its clause, else
/// the publication date `pub_date` (`YYYY-MM-DD`) with precision `document`.
pub fn event_date(t: &Tree, trigger: usize, future: bool, pub_date: &str) -> EventDate {
    let fallback = || EventDate {
        date: pub_date.to_string(),
        precision: Precision::Document,
    };
    match dated(t, trigger, future, Ymd::parse_iso(pub_date)) {
        Some(d) => EventDate {
            date: d.date.to_string(),
            precision: d.precision,
        },
        None => fallback(),
    }
}

/// The date the governing expression gives, if there is one that resolves; for a past
/// event with none, the time the paragraph's narrative has reached.
pub fn dated(t: &Tree, trigger: usize, future: bool, pub_date: Option<Ymd>) -> Option<Dated> {
    let exprs = find(t.toks);
    if let Some((e, clause)) = attach::governing(t, &exprs, trigger) {
        // The tense of the clause the expression belongs to ("On Friday, X announced new
        // restrictions": the announcement's, though the restrictions are to come), else
        // the event's own.
        let tense = match attach::tense(t, clause) {
            Tense::Unknown if future || attach::planned(t, trigger) => Tense::Future,
            tense => tense,
        };
        return resolve(t, &exprs, e, tense, pub_date);
    }
    // "Police arrested him on Friday. He did not resist.": a past event in a sentence
    // with no time of its own happened when the story's last dated sentence did.
    // Only a finite clause tells the story on: not "alleged hush money", "a man killed".
    let past = attach::clause_of(t, trigger).is_some_and(|c| {
        attach::tense(t, c) == Tense::Past && !matches!(t.rel(c), "amod" | "acl" | "xcomp")
    });
    if future || !past || exprs.iter().any(|e| !e.bound) {
        return None;
    }
    narrative(t, pub_date)
}

/// What `e` says, counted from the publication date or, for "that day" and "three years
/// later", from the expression before it in the sentence or the narrative's time.
fn resolve(
    t: &Tree,
    exprs: &[TimeExpr],
    e: &TimeExpr,
    tense: Tense,
    pub_date: Option<Ymd>,
) -> Option<Dated> {
    if !e.spec.is_anaphoric() {
        return e.spec.resolve(pub_date, tense);
    }
    let before = exprs
        .iter()
        .rev()
        .filter(|o| o.end <= e.first && !o.spec.is_anaphoric() && !o.bound)
        .find_map(|o| o.spec.resolve(pub_date, tense));
    let reference = before.or_else(|| narrative(t, pub_date))?;
    e.spec.resolve_from(reference, pub_date)
}

/// How many sentences back a paragraph's narrative time carries: a paragraph of news
/// tells one day's events with a sentence or two of explanation between them ("On Monday,
/// the judge ruled ... Such payments could be bribery ... The president's team appealed").
const NARRATIVE_REACH: usize = 5;

/// The time the narrative has reached before sentence `t`: the date of the main clause of
/// the nearest earlier sentence of the same paragraph that has one (a paragraph ends at a
/// line break), looking back up to [`NARRATIVE_REACH`] sentences.
fn narrative(t: &Tree, pub_date: Option<Ymd>) -> Option<Dated> {
    let doc = t.doc;
    let mut j = doc.sentences.partition_point(|s| s.start < t.sent.start);
    let mut start = t.sent.start;
    for _ in 0..NARRATIVE_REACH {
        let prev = doc.sentences.get(j.checked_sub(1)?)?;
        if doc
            .text
            .get(prev.end..start)
            .is_none_or(|gap| gap.contains('\n'))
        {
            return None;
        }
        let exprs = find(doc.sentence_tokens(prev));
        if exprs.iter().all(|e| e.bound) {
            j -= 1;
            start = prev.start;
            continue;
        }
        let pt = Tree::new(doc, prev);
        let main = attach::root(&pt).and_then(|r| attach::governing(&pt, &exprs, r));
        if let Some((e, clause)) = main.filter(|(e, _)| !e.spec.is_anaphoric()) {
            // A story moves on by days; a month or a year is background ("In 2018 he
            // became chairman. In that role he oversaw ...").
            return e
                .spec
                .resolve(pub_date, attach::tense(&pt, clause))
                .filter(|d| d.precision == Precision::Day);
        }
        j -= 1;
        start = prev.start;
    }
    None
}

/// Whether a mention dated `date_b` (`precision_b`) can report the event a record dates
/// `date_a` (`precision_a`): the mention has no date of its own, or the record has one and
/// the two agree (equal days, or the coarser one's month or year holds the finer one). A
/// date that does not parse is treated as no date.
pub fn same_time(date_a: &str, precision_a: &str, date_b: &str, precision_b: &str) -> bool {
    let parse = |d: &str, p: &str| {
        let precision = Precision::parse(p);
        (precision != Precision::Document).then_some(Dated {
            date: Ymd::parse_iso(d)?,
            precision,
        })
    };
    match (parse(date_a, precision_a), parse(date_b, precision_b)) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => a.compatible(b),
    }
}

/// Days before the publication date within which a dated mention tells of the story's own
/// news: an article leads with its event undated ("X has attacked Y") and gives the day
/// further down ("the attack on Tuesday").
const NEWS_WEEK: i64 = 7;

/// Whether a record with no date of its own (`precision_a` is `document`) can be the event
/// a later mention dates `date_b` (`precision_b`): only when that is a day of the week
/// before publication (`pub_date`), the story's own news, not background from months or
/// years back.
pub fn dates_undated(precision_a: &str, date_b: &str, precision_b: &str, pub_date: &str) -> bool {
    let (Some(b), Some(p)) = (Ymd::parse_iso(date_b), Ymd::parse_iso(pub_date)) else {
        return false;
    };
    Precision::parse(precision_a) == Precision::Document
        && Precision::parse(precision_b) == Precision::Day
        && (0..=NEWS_WEEK).any(|n| calendar::add_days(b, n) == Some(p))
}

#[cfg(test)]
mod tests;
