//! Store tests on real news sentences with hand-made event records (the coder is tested on
//! its own; here what matters is what the store keeps, merges and finds).

use super::*;
use crate::code::CodedEvent;
use crate::doc::{Doc, DocMeta};
use crate::event::{ActorRef, EventRecord, Location, PloverType, TextInfo};

fn doc(id: &str, date: &str, text: &str) -> Doc {
    let mut d = Doc::new(
        DocMeta {
            id: id.into(),
            date: Some(date.into()),
            ..DocMeta::default()
        },
        text.into(),
    );
    crate::text::segment(&mut d);
    d
}

fn actor(code: &str, sector: &str) -> ActorRef {
    ActorRef::coded(
        code.into(),
        code.into(),
        Some(sector.into()),
        format!("{code}{sector}"),
    )
}

fn place(name: &str, country: &str, id: i64) -> Location {
    Location {
        text: name.into(),
        name: name.into(),
        country_code: country.into(),
        admin1: None,
        geonameid: Some(id),
        lat: None,
        lon: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn event(
    d: &Doc,
    n: usize,
    sentence: usize,
    t: PloverType,
    a: &str,
    r: &str,
    trigger: &str,
    loc: Option<Location>,
) -> CodedEvent {
    let s = d.sentences[sentence];
    CodedEvent {
        record: EventRecord {
            id: format!("{}-{n}", d.meta.id),
            doc_id: d.meta.id.clone(),
            date: d.meta.date.clone().unwrap(),
            date_precision: "document".into(),
            pub_date: d.meta.date.clone().unwrap(),
            event: t,
            mode: None,
            cameo: "190".into(),
            quad_code: t.quad_class(),
            goldstein: -10.0,
            actor: vec![actor(a, "MIL")],
            recipient: if r.is_empty() {
                vec![]
            } else {
                vec![actor(r, "CVL")]
            },
            negated: false,
            future: false,
            event_text: trigger.into(),
            event_loc: loc,
            topics: vec![],
            excluded_topics: vec![],
            text_info: TextInfo {
                sentence,
                start: d.char_offset(s.start),
                end: d.char_offset(s.end),
                text: d.slice(s.start, s.end).into(),
            },
        },
        mentions: vec![],
    }
}

const KHARKIV_A: &str = "Russian drones strike Kharkiv overnight, killing four civilians. \
                         Ukrainian officials say a residential block was hit.";
const KHARKIV_B: &str =
    "A Russian drone attack on Kharkiv kills four people, the regional governor says.";
const ODESA: &str = "Russia strikes the port of Odesa with missiles, damaging grain silos.";

/// Three reports: two of one strike on Kharkiv, one of another strike the same day on Odesa.
fn three_reports() -> Vec<(Doc, Vec<CodedEvent>)> {
    let a = doc("a", "2025-04-10", KHARKIV_A);
    let b = doc("b", "2025-04-10", KHARKIV_B);
    let c = doc("c", "2025-04-10", ODESA);
    let kharkiv = || Some(place("Kharkiv", "UKR", 706483));
    let ea = vec![event(
        &a,
        0,
        0,
        PloverType::Assault,
        "RUS",
        "UKR",
        "strike",
        kharkiv(),
    )];
    let eb = vec![event(
        &b,
        0,
        0,
        PloverType::Assault,
        "RUS",
        "UKR",
        "attack",
        kharkiv(),
    )];
    let ec = vec![event(
        &c,
        0,
        0,
        PloverType::Assault,
        "RUS",
        "UKR",
        "strikes",
        Some(place("Odesa", "UKR", 698740)),
    )];
    vec![(a, ea), (b, eb), (c, ec)]
}

#[test]
fn same_strike_merges_and_the_other_city_stays_apart() {
    let mut s = Store::in_memory().unwrap();
    let report = s.ingest_batch(&three_reports()).unwrap();
    assert_eq!(
        report,
        [
            DocumentOutcome::Stored {
                new_events: 1,
                merged: 0
            },
            DocumentOutcome::Stored {
                new_events: 0,
                merged: 1
            },
            DocumentOutcome::Stored {
                new_events: 1,
                merged: 0
            },
        ]
    );
    let c = s.counts().unwrap();
    assert_eq!((c.documents, c.events, c.mentions), (3, 2, 3));
    let all = s.query(&EventQuery::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].record.id, "a-0");
    assert_eq!(all[0].mentions, 2);
    assert_eq!(all[1].record.id, "c-0");
    assert_eq!(all[1].mentions, 1);
    assert_eq!(s.sources(all[0].key).unwrap(), 2);
    let m = s.mentions(all[0].key).unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!((m[0].doc_id.as_str(), m[1].doc_id.as_str()), ("a", "b"));
    // The trigger's span is found inside its sentence, in scalar offsets.
    let (from, to) = (m[1].trigger_start.unwrap(), m[1].trigger_end.unwrap());
    let text: String = KHARKIV_B.chars().skip(from).take(to - from).collect();
    assert_eq!(text, "attack");
}

#[test]
fn reingesting_changes_nothing_and_other_content_is_refused() {
    let mut s = Store::in_memory().unwrap();
    s.ingest_batch(&three_reports()).unwrap();
    let before = s.counts().unwrap();
    let again = s.ingest_batch(&three_reports()).unwrap();
    assert!(again.iter().all(|o| *o == DocumentOutcome::Unchanged));
    assert_eq!(s.counts().unwrap(), before);
    let changed = doc("a", "2025-04-10", ODESA);
    let out = s.ingest_batch(&[(changed, vec![])]).unwrap();
    assert!(matches!(&out[0], DocumentOutcome::Conflict(why) if why.contains("\"a\"")));
    assert_eq!(s.counts().unwrap(), before);
}

#[test]
fn filters_find_what_they_say() {
    let mut s = Store::in_memory().unwrap();
    let mut docs = three_reports();
    let d = doc(
        "d",
        "2025-04-12",
        "Ukraine accuses Russia of striking civilians in Kharkiv.",
    );
    let e = event(&d, 0, 0, PloverType::Accuse, "UKR", "RUS", "accuses", None);
    docs.push((d, vec![e]));
    s.ingest_batch(&docs).unwrap();
    let ids = |q: EventQuery| -> Vec<String> {
        s.query(&q)
            .unwrap()
            .into_iter()
            .map(|e| e.record.id)
            .collect()
    };
    let q = EventQuery::default;
    assert_eq!(ids(q()), ["a-0", "c-0", "d-0"]);
    assert_eq!(
        ids(EventQuery {
            actor: Some("RUS".into()),
            ..q()
        }),
        ["a-0", "c-0"]
    );
    assert_eq!(
        ids(EventQuery {
            actor: Some("UKRMIL".into()),
            ..q()
        }),
        ["d-0"]
    );
    assert_eq!(
        ids(EventQuery {
            recipient: Some("RUS".into()),
            ..q()
        }),
        ["d-0"]
    );
    assert_eq!(
        ids(EventQuery {
            actor: Some("RUS".into()),
            recipient: Some("UKR".into()),
            ..q()
        }),
        ["a-0", "c-0"]
    );
    assert_eq!(
        ids(EventQuery {
            event: Some(PloverType::Accuse),
            ..q()
        }),
        ["d-0"]
    );
    assert_eq!(
        ids(EventQuery {
            date_from: Some("2025-04-11".into()),
            ..q()
        }),
        ["d-0"]
    );
    assert_eq!(
        ids(EventQuery {
            date_to: Some("2025-04-10".into()),
            ..q()
        })
        .len(),
        2
    );
    assert_eq!(
        ids(EventQuery {
            country: Some("UKR".into()),
            ..q()
        })
        .len(),
        2
    );
    // Full text over every sentence that reports the event, the merged one included.
    assert_eq!(
        ids(EventQuery {
            text: Some("governor".into()),
            ..q()
        }),
        ["a-0"]
    );
    assert_eq!(
        ids(EventQuery {
            text: Some("grain AND silos".into()),
            ..q()
        }),
        ["c-0"]
    );
    assert_eq!(
        ids(EventQuery {
            text: Some("Kharkiv".into()),
            ..q()
        }),
        ["a-0", "d-0"]
    );
    assert!(s
        .query(&EventQuery {
            text: Some("\"unclosed".into()),
            ..q()
        })
        .unwrap_err()
        .contains("full-text"));
    assert_eq!(
        ids(EventQuery {
            limit: Some(1),
            offset: 1,
            ..q()
        }),
        ["c-0"]
    );
    assert_eq!(
        s.count(&EventQuery {
            actor: Some("RUS".into()),
            limit: Some(1),
            ..q()
        })
        .unwrap(),
        2
    );
    // A value that looks like SQL is only a value.
    assert!(ids(EventQuery {
        actor: Some("RUS' OR 1=1 --".into()),
        ..q()
    })
    .is_empty());
    // The pair in either direction, in date order.
    let t = s
        .timeline(&Timeline::Actors("RUS".into(), "UKR".into()), None, 0)
        .unwrap();
    let t: Vec<&str> = t.iter().map(|e| e.record.id.as_str()).collect();
    assert_eq!(t, ["a-0", "c-0", "d-0"]);
    assert!(s
        .timeline(&Timeline::Storyline(1), None, 0)
        .unwrap()
        .is_empty());
}

#[test]
fn documents_read_back_with_their_spans_and_storylines_attach() {
    let mut s = Store::in_memory().unwrap();
    s.ingest_batch(&three_reports()).unwrap();
    let v = s.document("b").unwrap().unwrap();
    assert_eq!(v.text, KHARKIV_B);
    assert_eq!(v.sentences.len(), 1);
    assert_eq!(v.mentions.len(), 1);
    assert_eq!(v.mentions[0].event_id, "a-0");
    assert!(s.document("zzz").unwrap().is_none());
    let keys: Vec<i64> = s
        .query(&EventQuery::default())
        .unwrap()
        .iter()
        .map(|e| e.key)
        .collect();
    s.set_storylines(
        &[(7, "Russian strikes on Ukraine".into())],
        &[(keys[0], 7), (keys[1], 7)],
    )
    .unwrap();
    let lines = s.storylines(None, 0).unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!((lines[0].id, lines[0].events), (7, 2));
    let t = s.timeline(&Timeline::Storyline(7), None, 0).unwrap();
    assert_eq!(t.len(), 2);
    assert!(t.iter().all(|e| e.storyline == Some(7)));
    let line = serde_json::to_value(&t[0]).unwrap();
    assert_eq!(line["storyline"], 7);
    assert_eq!(line["mentions"], 2);
    assert_eq!(line["event"], "ASSAULT");
    let actors = s.actors(None, 0).unwrap();
    assert_eq!(actors[0].code, "RUS");
    assert_eq!((actors[0].as_actor, actors[0].as_recipient), (2, 0));
}

#[test]
fn read_only_needs_an_existing_store_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    assert!(Store::open_read_only(&path)
        .unwrap_err()
        .contains("no such store"));
    std::fs::write(
        dir.path().join("junk.db"),
        b"not a database at all, just text",
    )
    .unwrap();
    assert!(Store::open_read_only(&dir.path().join("junk.db")).is_err());
    Store::open(&path)
        .unwrap()
        .ingest_batch(&three_reports())
        .unwrap();
    let mut ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.counts().unwrap().events, 2);
    assert!(
        ro.ingest_batch(&three_reports()[..1]).is_err() || {
            // Unchanged documents write nothing, so use one that would be new.
            let d = doc("z", "2025-04-10", ODESA);
            ro.ingest_batch(&[(d, vec![])]).is_err()
        }
    );
}

/// Every event of a store, in the store's event order (date, then key).
fn all_events(s: &Store) -> Vec<StoredEvent> {
    let mut all = Vec::new();
    s.for_each_event(|e| {
        all.push(e.clone());
        Ok(())
    })
    .unwrap();
    all.sort_by(|a, b| (&a.record.date, a.key).cmp(&(&b.record.date, b.key)));
    all
}

fn has_code(list: &[ActorRef], code: &str) -> bool {
    list.iter().any(|a| a.code == code || a.cameo == code)
}

fn keys(v: &[StoredEvent]) -> Vec<i64> {
    v.iter().map(|e| e.key).collect()
}

#[test]
fn pair_and_full_text_indexes_agree_with_a_scan_of_every_event() {
    let mut s = Store::in_memory().unwrap();
    synth::generate(&mut s, 3000, 5).unwrap();
    let all = all_events(&s);
    let page = |v: Vec<&StoredEvent>, offset: usize| -> Vec<i64> {
        v.into_iter().skip(offset).take(20).map(|e| e.key).collect()
    };
    let word = |e: &StoredEvent, w: &str| {
        e.record
            .text_info
            .text
            .split(|c: char| !c.is_alphanumeric())
            .any(|t| t == w)
    };
    let mut checked = 0;
    for (a, r) in [
        ("USA", "RUS"),
        ("RUS", "USA"),
        ("USAGOV", "UKR"),
        ("ISR", "ISR"),
    ] {
        for offset in [0, 20] {
            let q = EventQuery {
                actor: Some(a.into()),
                recipient: Some(r.into()),
                limit: Some(20),
                offset: offset as u64,
                ..EventQuery::default()
            };
            let want: Vec<&StoredEvent> = all
                .iter()
                .filter(|e| has_code(&e.record.actor, a) && has_code(&e.record.recipient, r))
                .collect();
            checked += want.len().min(20);
            assert_eq!(
                keys(&s.query(&q).unwrap()),
                page(want.clone(), offset),
                "{a}->{r}"
            );
            assert_eq!(s.count(&q).unwrap(), want.len() as u64);
            // With a type, read from the pair index too.
            let t = PloverType::ALL[0];
            let typed = EventQuery {
                event: Some(t),
                ..q.clone()
            };
            let want_t = want
                .iter()
                .copied()
                .filter(|e| e.record.event == t)
                .collect();
            assert_eq!(keys(&s.query(&typed).unwrap()), page(want_t, offset));
            // Either direction, each event once.
            let tl = s
                .timeline(
                    &Timeline::Actors(a.into(), r.into()),
                    Some(20),
                    offset as u64,
                )
                .unwrap();
            let want_tl = all
                .iter()
                .filter(|e| {
                    let (x, y) = (&e.record.actor, &e.record.recipient);
                    (has_code(x, a) && has_code(y, r)) || (has_code(x, r) && has_code(y, a))
                })
                .collect();
            assert_eq!(keys(&tl), page(want_tl, offset), "timeline {a}-{r}");
        }
    }
    for (text, from, to, actor) in [
        ("talks", None, None, None),
        ("talks", Some("2021-09-01"), Some("2024-06-30"), None),
        ("w20", None, Some("2024-12-31"), Some("USA")),
        ("w12", Some("2024-01-01"), None, None),
    ] {
        let q = EventQuery {
            text: Some(text.into()),
            date_from: from.map(String::from),
            date_to: to.map(String::from),
            actor: actor.map(String::from),
            limit: Some(20),
            offset: 5,
            ..EventQuery::default()
        };
        let want: Vec<&StoredEvent> = all
            .iter()
            .filter(|e| word(e, text))
            .filter(|e| from.is_none_or(|d| e.record.date.as_str() >= d))
            .filter(|e| to.is_none_or(|d| e.record.date.as_str() <= d))
            .filter(|e| actor.is_none_or(|a| has_code(&e.record.actor, a)))
            .collect();
        assert!(
            want.len() > 10,
            "{text} {from:?} {to:?}: {} too rare to test paging",
            want.len()
        );
        checked += 20;
        assert_eq!(keys(&s.query(&q).unwrap()), page(want.clone(), 5), "{text}");
        assert_eq!(s.count(&q).unwrap(), want.len() as u64);
        assert_eq!(s.count_up_to(&q, 10).unwrap(), 10);
    }
    assert!(checked > 150);
}

#[test]
fn paged_plans_read_an_index_in_order_and_never_sort() {
    let mut s = Store::in_memory().unwrap();
    synth::generate(&mut s, 500, 5).unwrap();
    let q = |f: fn(&mut EventQuery)| {
        let mut q = EventQuery {
            limit: Some(50),
            ..EventQuery::default()
        };
        f(&mut q);
        q
    };
    let queries = [
        q(|q| q.actor = Some("USA".into())),
        q(|q| {
            q.actor = Some("USA".into());
            q.recipient = Some("RUS".into());
        }),
        q(|q| q.text = Some("talks".into())),
        q(|q| {
            q.text = Some("talks".into());
            q.date_from = Some("2022-01-01".into());
        }),
        q(|q| {
            q.event = Some(PloverType::ALL[1]);
            q.date_from = Some("2022-01-01".into());
        }),
    ];
    for q in &queries {
        let plan = s.query_plan(q).unwrap().join("\n");
        assert!(!plan.contains("TEMP B-TREE"), "{q:?} sorts:\n{plan}");
        // A later page skips in the index; at most its own page is put in order.
        let later = EventQuery {
            offset: 500,
            ..q.clone()
        };
        let plan = s.query_plan(&later).unwrap();
        assert!(
            plan.iter()
                .all(|l| !l.contains("TEMP B-TREE") || !l.starts_with(' ')),
            "{later:?} sorts more than a page:\n{}",
            plan.join("\n")
        );
    }
    let plan = s
        .timeline_plan(&Timeline::Actors("USA".into(), "RUS".into()), Some(50))
        .unwrap()
        .join("\n");
    assert!(!plan.contains("TEMP B-TREE"), "timeline sorts:\n{plan}");
    assert!(plan.contains("event_pairs"), "{plan}");
}

#[test]
fn a_version_1_store_is_upgraded_to_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let queries = [
        EventQuery {
            text: Some("governor".into()),
            ..EventQuery::default()
        },
        EventQuery {
            actor: Some("RUS".into()),
            recipient: Some("UKR".into()),
            ..EventQuery::default()
        },
    ];
    let before: Vec<Vec<StoredEvent>> = {
        let mut s = Store::open(&path).unwrap();
        s.ingest_batch(&three_reports()).unwrap();
        let before = queries.iter().map(|q| s.query(q).unwrap()).collect();
        // Back to version 1's tables: what the upgrade must rebuild.
        s.conn
            .execute_batch(
                "DROP TABLE event_pairs; DROP TABLE actor_counts; DROP TABLE events_fts;
                 CREATE VIRTUAL TABLE sentences_fts USING fts5(
                     text, content = 'sentences', content_rowid = 'id');
                 INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
                 UPDATE meta SET value = '1' WHERE key = 'schema_version';",
            )
            .unwrap();
        before
    };
    assert!(before[0].len() == 1 && before[1].len() == 2);
    let err = Store::open_read_only(&path).unwrap_err();
    assert!(err.contains("upgrade"), "{err}");
    drop(Store::open(&path).unwrap());
    let s = Store::open_read_only(&path).unwrap();
    for (q, want) in queries.iter().zip(&before) {
        assert_eq!(&s.query(q).unwrap(), want);
    }
    let actors = s.actors(None, 0).unwrap();
    assert_eq!(actors[0].code, "RUS");
    assert_eq!((actors[0].as_actor, actors[0].as_recipient), (2, 0));
}

/// A Parquet cell as the CSV export writes it (null as the empty cell).
fn parquet_cell(f: &parquet::record::Field) -> String {
    use parquet::record::Field;
    match f {
        Field::Null => String::new(),
        Field::Str(s) => s.clone(),
        Field::Long(n) => n.to_string(),
        Field::Double(d) => d.to_string(),
        Field::Bool(b) => b.to_string(),
        other => panic!("unexpected Parquet value {other:?}"),
    }
}

/// The rows of a Parquet file, and its column names.
fn read_parquet(path: &std::path::Path) -> (Vec<String>, Vec<Vec<parquet::record::Field>>) {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    let names = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    let rows = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| {
            r.unwrap()
                .get_column_iter()
                .map(|(_, f)| f.clone())
                .collect()
        })
        .collect();
    (names, rows)
}

#[test]
fn parquet_export_holds_the_csv_export_typed() {
    use parquet::record::Field;
    let mut reports = three_reports();
    let odesa = &mut reports[2].1[0].record;
    odesa.mode = Some("aerial".into());
    odesa.goldstein = -9.5;
    if let Some(l) = odesa.event_loc.as_mut() {
        (l.lat, l.lon, l.admin1) = (Some(46.48572), Some(30.74383), Some("Odesa".into()));
    }
    let mut s = Store::in_memory().unwrap();
    s.ingest_batch(&reports).unwrap();
    let keys: Vec<i64> = s
        .query(&EventQuery::default())
        .unwrap()
        .iter()
        .map(|e| e.key)
        .collect();
    s.set_storylines(&[(7, "Russian strikes on Ukraine".into())], &[(keys[0], 7)])
        .unwrap();

    let mut csv_bytes = Vec::new();
    export::write_csv(&s, &mut csv_bytes).unwrap();
    let csv_rows: Vec<Vec<String>> = csv::Reader::from_reader(csv_bytes.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.parquet");
    export_parquet::export_parquet(&s, &path).unwrap();
    let (names, rows) = read_parquet(&path);
    assert_eq!(names, export::CSV_HEADER);
    let as_csv: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(parquet_cell).collect())
        .collect();
    assert_eq!(as_csv, csv_rows);
    assert_eq!(rows.len(), 2, "the two Kharkiv reports merge");

    // Typed, with nulls only where the record has no value.
    let col = |name: &str| export::CSV_HEADER.iter().position(|c| *c == name).unwrap();
    let (kharkiv, odesa) = (&rows[0], &rows[1]);
    assert_eq!(kharkiv[col("place_lat")], Field::Null);
    assert_eq!(odesa[col("place_lat")], Field::Double(46.48572));
    assert_eq!(odesa[col("goldstein")], Field::Double(-9.5));
    assert_eq!(odesa[col("mode")], Field::Str("aerial".into()));
    assert_eq!(kharkiv[col("mode")], Field::Null);
    assert_eq!(kharkiv[col("mentions")], Field::Long(2));
    assert_eq!(kharkiv[col("storyline")], Field::Long(7));
    assert_eq!(odesa[col("storyline")], Field::Null);
    assert_eq!(kharkiv[col("negated")], Field::Bool(false));
    assert_eq!(kharkiv[col("place_geonameid")], Field::Long(706483));
    assert_eq!(kharkiv[col("excluded_topics")], Field::Str(String::new()));
}

#[test]
fn parquet_export_of_an_empty_store_is_a_valid_file_and_errors_name_the_file() {
    let s = Store::in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.parquet");
    export_parquet::export_parquet(&s, &path).unwrap();
    let (names, rows) = read_parquet(&path);
    assert_eq!(names, export::CSV_HEADER);
    assert!(rows.is_empty());

    let missing = dir.path().join("no-such-dir").join("x.parquet");
    let err = export_parquet::export_parquet(&s, &missing).unwrap_err();
    assert!(err.contains(&missing.display().to_string()), "{err}");
    if std::path::Path::new("/dev/full").exists() {
        let err =
            export_parquet::export_parquet(&s, std::path::Path::new("/dev/full")).unwrap_err();
        assert!(err.starts_with("/dev/full: writing:"), "{err}");
    }
}
