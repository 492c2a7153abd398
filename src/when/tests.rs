//! Real date expressions (the seed, the shared 2025 current events, Wikinews 2019) with
//! their normalisation against the publication date; then events dated through the
//! trained parser, as the coder dates them.

use super::*;
use crate::doc::{Doc, DocMeta};
use crate::pipeline::{default_models_dir, Pipeline};
use std::sync::OnceLock;

fn ymd(s: &str) -> Ymd {
    Ymd::parse_iso(s).expect("date")
}

/// Every date expression of `text` (segmented only) that is not a limit, as (words, date,
/// precision) read against `pub_date` in `tense`; "-" when it needs the narrative.
fn norm(text: &str, pub_date: &str, tense: Tense) -> Vec<(String, String, &'static str)> {
    let mut doc = Doc::new(DocMeta::default(), text.to_string());
    crate::text::segment(&mut doc);
    let mut out = Vec::new();
    for s in &doc.sentences {
        let toks = doc.sentence_tokens(s);
        for e in find(toks).into_iter().filter(|e| !e.bound) {
            let words = doc
                .slice(toks[e.first].start, toks[e.end - 1].end)
                .to_string();
            let (date, precision) = match e.spec.resolve(Some(ymd(pub_date)), tense) {
                Some(d) => (d.date.to_string(), d.precision.as_str()),
                None => ("-".to_string(), "-"),
            };
            out.push((words, date, precision));
        }
    }
    out
}

fn check(text: &str, pub_date: &str, tense: Tense, want: &[(&str, &str, &str)]) {
    let got = norm(text, pub_date, tense);
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(w, d, p)| (w.as_str(), d.as_str(), *p))
        .collect();
    assert_eq!(got, want, "{text}");
}

#[test]
fn the_seed_dates() {
    let past = Tense::Past;
    check(
        "The U.S. State Department has officially confirmed that the next round of discussions with Russia will take place in Istanbul, Türkiye, on Thursday, April 10.",
        "2025-04-10",
        Tense::Future,
        &[("Thursday, April 10", "2025-04-10", "day")],
    );
    check(
        "Earlier on Tuesday, the Russian Foreign Ministry had also announced that new negotiations were expected in the coming days.",
        "2025-04-10",
        past,
        &[("Tuesday", "2025-04-08", "day")],
    );
    check(
        "Tensions between Washington and Moscow have intensified in recent years, especially following the Ukraine conflict in 2022.",
        "2025-04-10",
        Tense::Unknown,
        &[("2022", "2022-01-01", "year")],
    );
    check(
        "Previous talks between the two nations were held in Riyadh on February 18, focusing on restoring embassy operations, followed by a February 27 meeting in Istanbul that addressed diplomatic funding.",
        "2025-04-10",
        past,
        &[
            ("February 18", "2025-02-18", "day"),
            ("February 27", "2025-02-27", "day"),
        ],
    );
    check(
        "According to the Russian Foreign Ministry, the structure of this week’s talks will mirror the previous sessions.",
        "2025-04-10",
        Tense::Future,
        &[("this week", "2025-04-10", "month")],
    );
}

#[test]
fn current_events_2025() {
    let unknown = Tense::Unknown;
    // A year-less month in a January item is last year's, whatever the tense says.
    check(
        "Noboa already appointed Moya to replace Abad in November 2024, but a constitutional judge reversed the decree in December.",
        "2025-01-02",
        Tense::Past,
        &[
            ("November 2024", "2024-11-01", "month"),
            ("December", "2024-12-01", "month"),
        ],
    );
    check(
        "Two of the suspects are also accused of being involved in an arson attack on a Ministry of Internal Affairs vehicle in December.",
        "2025-01-04",
        unknown,
        &[("December", "2024-12-01", "month")],
    );
    check(
        "Another 75 Guatemalan Army troops arrive in Haiti, joining 75 that arrived yesterday, to combat escalating gang violence.",
        "2025-01-04",
        unknown,
        &[("yesterday", "2025-01-03", "day")],
    );
    check(
        "A wave of attacks since two days ago against police in Mindanao, Philippines, results in the killing of two people.",
        "2025-01-02",
        unknown,
        &[("two days ago", "2024-12-31", "day")],
    );
    // Limits, not dates.
    check(
        "Argentina's country risk index briefly drops to 444 points, its lowest level since 2018, before closing at 561 points.",
        "2025-01-07",
        unknown,
        &[],
    );
    check(
        "His retirement leaves sumo without a yokozuna for the first time since 1993.",
        "2025-01-16",
        unknown,
        &[],
    );
    check(
        "The ICC could arrest Netanyahu if he chooses to attend a ceremony at Auschwitz concentration camp later this month.",
        "2025-01-09",
        Tense::Future,
        &[("this month", "2025-01-09", "month")],
    );
    check(
        "The Security Cabinet of Israel approves the proposed Gaza ceasefire agreement, which is expected to take effect on Sunday.",
        "2025-01-17",
        Tense::Future,
        &[("Sunday", "2025-01-19", "day")],
    );
    check(
        "Astronomers say it has a 1-in-77 (1.3%) chance of impacting Earth on 22 December 2032. Follow up observations in 2028 will provide a more refined estimate.",
        "2025-01-30",
        unknown,
        &[
            ("22 December 2032", "2032-12-22", "day"),
            ("2028", "2028-01-01", "year"),
        ],
    );
    check(
        "The abducted chiefs were part of the preparation team for President William Ruto's visit to the region next week.",
        "2025-02-03",
        Tense::Future,
        &[("next week", "2025-02-10", "month")],
    );
    check(
        "Starmer also presents a letter from King Charles III inviting Trump to visit London later this year.",
        "2025-02-27",
        Tense::Future,
        &[("this year", "2025-02-27", "year")],
    );
    check(
        "A Russian-American citizen arrested in Yekaterinburg in early 2024 and a dual German-Russian citizen arrested in Cyprus in 2023 are released.",
        "2025-04-10",
        unknown,
        &[
            ("early 2024", "2024-01-01", "year"),
            ("2023", "2023-01-01", "year"),
        ],
    );
    check(
        "Hamas says an Israeli airstrike killed Ismail Barhoum, who was injured in an air strike targeting his home in Khan Yunis last Tuesday.",
        "2025-03-23",
        unknown,
        &[("last Tuesday", "2025-03-18", "day")],
    );
    // A year-less date of something still to come is next year's.
    check(
        "Colombia and the Clan del Golfo agree that the group's combatants will begin assembling in three designated zones starting March 1.",
        "2025-12-05",
        Tense::Future,
        &[("March 1", "2026-03-01", "day")],
    );
    check(
        "The Russian State Duma introduces new legislation. The legislation is passed on July 22.",
        "2025-07-16",
        unknown,
        &[("July 22", "2025-07-22", "day")],
    );
}

#[test]
fn wikinews_2019() {
    let past = Tense::Past;
    check(
        "Friday, January 4, 2019",
        "2019-01-04",
        Tense::Unknown,
        &[("Friday, January 4, 2019", "2019-01-04", "day")],
    );
    check(
        "Late on Sunday, the Kurdish-led Syrian Democratic Forces (SDF) announced it had entered into an agreement with the government of Syria after Turkey began a military offensive into north-eastern Syria on Wednesday.",
        "2019-10-15",
        past,
        &[("Sunday", "2019-10-13", "day"), ("Wednesday", "2019-10-09", "day")],
    );
    check(
        "In late June, the United States Supreme Court ruled against its initial attempt. A few days later, on July 2, Trump announced he would drop his bid.",
        "2019-07-20",
        past,
        &[("late June", "2019-06-01", "month"), ("July 2", "2019-07-02", "day")],
    );
    check(
        "Attorney General Eric Holder was held in contempt in 2012 for refusing to turn over documents.",
        "2019-07-20",
        past,
        &[("2012", "2012-01-01", "year")],
    );
    check(
        "Jong was arrested in March, 2018, but South Korea's National Police Agency when announcing the arrest in May, 2018 identified him only as \"Mr. A\".",
        "2019-10-17",
        past,
        &[
            ("March, 2018", "2018-03-01", "month"),
            ("May, 2018", "2018-05-01", "month"),
        ],
    );
    check(
        "Sirhan, 75, is serving a life sentence for the 1968 assassination of United States senator Robert F. Kennedy.",
        "2019-09-03",
        Tense::Unknown,
        &[("1968", "1968-01-01", "year")],
    );
    check(
        "U.S. troops left Iraq in 2011, then at the Iraqi government's request returned three years later.",
        "2019-11-10",
        past,
        &[("2011", "2011-01-01", "year"), ("three years later", "-", "-")],
    );
    check(
        "This decision comes after a couple of suicide bombings took place in the country's capital, Tunis, last month.",
        "2019-07-08",
        past,
        &[("last month", "2019-06-01", "month")],
    );
    // The date closes a limit ("until ... on April 5"): the appearance's, not the order's.
    check(
        "Judge Paul Kellar ordered the accused remain in custody until his next court appearance on April 5.",
        "2019-03-17",
        past,
        &[],
    );
    check(
        "The court kept him in custody until Friday, and on Monday he was released.",
        "2019-03-17",
        past,
        &[("Monday", "2019-03-11", "day")],
    );
    check(
        "Members of the House of Commons protested during Monday's final session.",
        "2019-09-11",
        past,
        &[("Monday", "2019-09-09", "day")],
    );
}

#[test]
fn names_and_numbers_that_are_not_dates() {
    let unknown = Tense::Unknown;
    check(
        "Theresa May said on Good Friday that 2000 soldiers would march in March 2019.",
        "2019-01-10",
        unknown,
        &[("March 2019", "2019-03-01", "month")],
    );
    check(
        "May's cabinet met in May, on the last day of the session, two decades ago.",
        "2019-06-10",
        unknown,
        &[("May", "2019-05-01", "month")],
    );
    check(
        "The talks, held the day before yesterday, will resume on 5 March 2019 and until April 5.",
        "2019-03-01",
        unknown,
        &[
            ("the day before yesterday", "2019-02-27", "day"),
            ("5 March 2019", "2019-03-05", "day"),
        ],
    );
}

#[test]
fn weekdays_and_year_less_dates_follow_the_tense() {
    let pub_date = Some(ymd("2025-04-10")); // a Thursday
    let tuesday = Spec::Weekday {
        weekday: 1,
        shift: expr::Shift::None,
    };
    let day = |spec: Spec, tense| spec.resolve(pub_date, tense).map(|d| d.date.to_string());
    assert_eq!(day(tuesday, Tense::Past).as_deref(), Some("2025-04-08"));
    assert_eq!(day(tuesday, Tense::Future).as_deref(), Some("2025-04-15"));
    let thursday = Spec::Weekday {
        weekday: 3,
        shift: expr::Shift::None,
    };
    assert_eq!(day(thursday, Tense::Past).as_deref(), Some("2025-04-10"));
    let last_thursday = Spec::Weekday {
        weekday: 3,
        shift: expr::Shift::Last,
    };
    assert_eq!(
        day(last_thursday, Tense::Past).as_deref(),
        Some("2025-04-03")
    );
    let dec31 = Spec::MonthDay {
        month: 12,
        day: 31,
        weekday: None,
    };
    let jan = Some(ymd("2020-01-03"));
    let in_jan = |tense| dec31.resolve(jan, tense).map(|d| d.date.to_string());
    assert_eq!(in_jan(Tense::Past).as_deref(), Some("2019-12-31"));
    assert_eq!(in_jan(Tense::Unknown).as_deref(), Some("2019-12-31"));
    assert_eq!(in_jan(Tense::Future).as_deref(), Some("2020-12-31"));
    // "Thursday, April 10" names its year by the weekday.
    let thu_apr10 = Spec::MonthDay {
        month: 4,
        day: 10,
        weekday: Some(3),
    };
    let far = Some(ymd("2025-10-01"));
    assert_eq!(
        thu_apr10
            .resolve(far, Tense::Future)
            .map(|d| d.date.to_string()),
        Some("2025-04-10".to_string())
    );
    // No publication date: only what names its own year.
    assert_eq!(tuesday.resolve(None, Tense::Past), None);
    assert!(Spec::Year(2022).resolve(None, Tense::Past).is_some());
}

#[test]
fn repeats_merge_only_at_compatible_dates() {
    assert!(same_time("2025-04-10", "day", "2025-04-10", "document"));
    assert!(!same_time("2025-04-10", "day", "2025-02-18", "day"));
    assert!(!same_time("2025-04-10", "document", "2025-02-27", "day"));
    assert!(same_time("2025-02-01", "month", "2025-02-18", "day"));
    assert!(same_time("2025-02-18", "day", "2025-01-01", "year"));
    assert!(!same_time("2025-02-18", "day", "2024-01-01", "year"));
    assert!(same_time("2025-02-18", "day", "not a date", "day"));
}

#[test]
fn an_undated_report_takes_a_later_day_of_the_news_week() {
    // "Turkish airstrikes" undated, then "On Wednesday, Turkey began ... with airstrikes".
    assert!(dates_undated("document", "2019-10-09", "day", "2019-10-15"));
    assert!(dates_undated("document", "2019-10-15", "day", "2019-10-15"));
    // Background is another event: a month, a year, a day long before.
    assert!(!dates_undated(
        "document",
        "2019-10-01",
        "month",
        "2019-10-15"
    ));
    assert!(!dates_undated(
        "document",
        "2016-06-23",
        "day",
        "2019-09-11"
    ));
    assert!(!dates_undated(
        "document",
        "2019-10-01",
        "day",
        "2019-10-15"
    ));
    // Only a record without a date of its own takes another's.
    assert!(!dates_undated("day", "2019-10-09", "day", "2019-10-15"));
    assert!(!dates_undated(
        "document",
        "not a date",
        "day",
        "2019-10-15"
    ));
}

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::load(&default_models_dir()).expect("models"))
}

/// The date of the event on `word` (its first occurrence in the sentence holding `marker`)
/// in a document of `text` published on `pub_date`.
fn event(
    text: &str,
    pub_date: &str,
    marker: &str,
    word: &str,
    future: bool,
) -> (String, &'static str) {
    let mut doc = Doc::new(
        DocMeta {
            date: Some(pub_date.to_string()),
            ..DocMeta::default()
        },
        text.to_string(),
    );
    pipeline().annotate(&mut doc);
    let sent = doc
        .sentences
        .iter()
        .find(|s| doc.slice(s.start, s.end).contains(marker))
        .expect("sentence");
    let t = Tree::new(&doc, sent);
    let i = (0..t.len())
        .find(|&i| t.toks[i].form == word)
        .expect("word");
    let d = event_date(&t, i, future, pub_date);
    (d.date, d.precision.as_str())
}

#[test]
fn the_seed_rounds_of_talks_take_their_own_dates() {
    let seed = include_str!("../../examples/seed-2025-04-10.txt");
    let body: String = seed.lines().skip(2).collect::<Vec<_>>().join("\n");
    let on = |marker, word, future| event(&body, "2025-04-10", marker, word, future);
    assert_eq!(
        on("next round", "discussions", true),
        ("2025-04-10".into(), "day")
    );
    assert_eq!(on("Riyadh", "talks", false), ("2025-02-18".into(), "day"));
    assert_eq!(on("Riyadh", "meeting", false), ("2025-02-27".into(), "day"));
    assert_eq!(
        on("expelled", "expelled", false),
        ("2025-04-10".into(), "document")
    );
}

#[test]
fn events_take_the_date_of_their_own_clause() {
    let text = "Late on Sunday, the Kurdish-led Syrian Democratic Forces (SDF) announced it had entered into an agreement with the government of Syria after Turkey began a military offensive into north-eastern Syria on Wednesday.";
    let on = |word| event(text, "2019-10-15", "Sunday", word, false);
    assert_eq!(on("announced"), ("2019-10-13".into(), "day"));
    // Reported speech takes the report's day; a clause "after" has its own.
    assert_eq!(on("agreement"), ("2019-10-13".into(), "day"));
    assert_eq!(on("offensive"), ("2019-10-09".into(), "day"));
    let text = "India announces several measures targeting Pakistan including expelling Pakistani diplomats after the attack on tourists in Indian-administered Kashmir yesterday.";
    let on = |word| event(text, "2025-04-23", "India", word, false);
    assert_eq!(on("attack"), ("2025-04-22".into(), "day"));
    assert_eq!(on("expelling"), ("2025-04-23".into(), "document"));
    // The announcement's past tense, not the restrictions' future, picks the Friday.
    let text = "On Friday, the United States Department of Transportation announced new restrictions on flights to Cuba.";
    assert_eq!(
        event(text, "2019-10-27", "Cuba", "restrictions", true),
        ("2019-10-25".into(), "day")
    );
}

#[test]
fn a_past_event_without_a_date_continues_the_story() {
    let text = "On Thursday at the headquarters of the Paris Police Prefecture, an IT worker went on a stabbing spree, killing four. A fifth person was hospitalized in critical condition. The attacker was shot dead by police.\n\nThe mayor of Paris condemned the attack.";
    assert_eq!(
        event(text, "2019-10-05", "attacker", "shot", false),
        ("2019-10-03".into(), "day")
    );
    // A new paragraph starts afresh.
    assert_eq!(
        event(text, "2019-10-05", "mayor", "condemned", false),
        ("2019-10-05".into(), "document")
    );
    // The story's day carries over a sentence or two of explanation in its paragraph.
    let text = "On Monday, United States District Court Judge Victor Marrero issued a ruling against President Donald Trump finding that New York City prosecutors could view his tax records after a subpoena issued by a grand jury. The Manhattan district attorney's office is investigating Trump over alleged hush money paid to two women with whom he has been alleged to have had affairs. Such payments could be considered bribery. President Trump sued Manhattan District Attorney Cyrus R. Vance, Jr. and his own tax preparer Mazars USA to block the release of eight years of tax returns to the grand jury, but Judge Marrero dismissed the president's lawsuit. The president's legal team appealed the decision to the Second Circuit Court of Appeals, which issued an administrative stay to Marrero's order about an hour and a half after the district court ruling.";
    assert_eq!(
        event(text, "2019-10-10", "legal team", "appealed", false),
        ("2019-10-07".into(), "day")
    );
    // "that day" is the day the sentence or the story has reached.
    let text = "On Friday, the Combined Joint Task Force released a statement saying an attack that day on an Iraqi air base produced no casualties.";
    assert_eq!(
        event(text, "2019-11-10", "air base", "attack", false),
        ("2019-11-08".into(), "day")
    );
}

/// Every expression in the shared 2025 news resolves against its item's date, and, read as
/// the past, none that counts back from the publication date lands after it.
#[test]
fn every_expression_of_the_shared_news_resolves_and_the_past_stays_past() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/news/current-events-2025.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return; // the shared data is beside every checkout that tests; nothing to read here
    };
    let mut seen = 0;
    for line in text.lines() {
        let item: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let (Some(body), Some(pub_date)) = (item["text"].as_str(), item["date"].as_str()) else {
            continue;
        };
        let p = ymd(pub_date);
        let mut doc = Doc::new(DocMeta::default(), body.to_string());
        crate::text::segment(&mut doc);
        for s in &doc.sentences {
            for e in find(doc.sentence_tokens(s)) {
                if e.spec.is_anaphoric() {
                    continue;
                }
                seen += 1;
                let d = e.spec.resolve(Some(p), Tense::Past);
                let d = d.unwrap_or_else(|| panic!("{:?} in {body}", e.spec));
                let counts_back = matches!(
                    e.spec,
                    Spec::Weekday {
                        shift: expr::Shift::None | expr::Shift::Last,
                        ..
                    } | Spec::MonthDay { .. }
                        | Spec::Month {
                            shift: expr::Shift::None | expr::Shift::Last,
                            ..
                        }
                ) || matches!(e.spec, Spec::Days(n) if n <= 0);
                if counts_back {
                    assert!(
                        d.date <= p,
                        "{:?} → {} after {pub_date}: {body}",
                        e.spec,
                        d.date
                    );
                }
            }
        }
    }
    assert!(seen > 800, "{seen} expressions");
}
