//! Whole-set tests: the shipped dictionaries, the PETRARCH validation folder, garbage.

use super::*;

fn day(s: &str) -> Ymd {
    Ymd::parse_iso(s).unwrap()
}

fn validation_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/petrarch-validation")
}

#[test]
fn builtin_set_loads_with_plausible_counts() {
    let d = Dictionaries::builtin().unwrap();
    let s = d.summary();
    assert_eq!(s.verb_format, VerbFormat::Petrarch2);
    assert!((380..420).contains(&s.verb_blocks), "{s}");
    assert!((4500..5500).contains(&s.patterns), "{s}");
    assert!((30..50).contains(&s.synsets), "{s}");
    assert!((5..15).contains(&s.transformations), "{s}");
    assert!((8_000..40_000).contains(&s.actors), "{s}");
    assert!(s.actor_names > 30_000 && s.dated_codes > 20_000, "{s}");
    assert!((1500..3000).contains(&s.agents), "{s}");
    assert!(s.discards > 200 && s.issues > 500, "{s}");
    assert!(s.cameo_labels > 250 && s.plover_codes > 200, "{s}");
    // The shipped files have a few known slips (7- and 10-digit dates, entries with no
    // code); anything beyond a handful means the parser misreads the format.
    assert!(s.warnings < 40, "{:#?}", d.warnings);
}

#[test]
fn builtin_actors_resolve_by_date_and_longest_match() {
    let d = Dictionaries::builtin().unwrap();
    let s = d.encode(&[
        "President",
        "Barack",
        "Obama",
        "met",
        "the",
        "United",
        "States",
        "Congress",
        "and",
        "the",
        "US",
        "Senate",
    ]);
    let (end, obama) = d.actor_at(&s, 0).unwrap();
    assert_eq!(end, 3);
    assert_eq!(obama.code_on(day("1999-06-01")), Some("USAELI"));
    assert_eq!(
        obama.code_on(day("2008-06-01")),
        None,
        "the file gives no role 2000-2009"
    );
    assert_eq!(obama.code_on(day("2010-06-01")), Some("USAGOV"));
    let (end, us) = d.actor_at(&s, 5).unwrap();
    assert_eq!(us.code_on(day("2010-01-01")).map(|c| &c[..3]), Some("USA"));
    // "UNITED STATES CONGRESS" and "US SENATE" are listed in their own right: the longer
    // phrase wins over the country.
    assert_eq!(end, 8, "{:?}", us.names.first());
    assert_eq!(us.code_on(day("2010-01-01")), Some("USAGOVLEG"));
    let (end, senate) = d.actor_at(&s, 10).unwrap();
    assert_eq!(
        (end, senate.code_on(day("2010-01-01"))),
        (12, Some("USAGOVLEG"))
    );
    let s = d.encode(&["United", "States", "officials"]);
    let (end, us) = d.actor_at(&s, 0).unwrap();
    assert_eq!((end, us.code_on(day("2010-01-01"))), (2, Some("USA")));
    let s = d.encode(&["Russia", "'s", "foreign", "minister"]);
    let (end, ru) = d.actor_at(&s, 0).unwrap();
    assert_eq!((end, ru.code_on(day("2020-01-01"))), (1, Some("RUS")));
    let (end, agent) = d.agent_at(&s, 2).unwrap();
    assert_eq!(end, 4);
    assert!(agent.code.code().starts_with("GOV"), "{:?}", agent.code);
    let s = d.encode(&["the", "ministers", "spoke"]);
    assert_eq!(d.agent_at(&s, 1).map(|(e, _)| e), Some(2));
    let s = d.encode(&["He", "watched", "the", "World", "Cup", "final"]);
    assert!(d.discard_in(&s).is_some());
    let s = d.encode(&["They", "condemned", "the", "genocide"]);
    assert_eq!(d.issues_in(&s).len(), 1);
    let s = d.encode(&["They", "accused", "Russia"]);
    let (_, hit) = d.verb_at(&s, 1).unwrap();
    assert_eq!(
        d.verbs.blocks[hit.block as usize].verbs[hit.entry as usize].words,
        ["ACCUSE"]
    );
    assert_eq!(
        d.plover.lookup("042").unwrap().mode.as_deref(),
        Some("visit")
    );
    assert_eq!(
        d.labels.label("190"),
        Some("Use conventional military force")
    );
}

#[test]
fn validation_folder_loads() {
    let d = Dictionaries::load_dir(&validation_dir()).unwrap();
    let s = d.summary();
    assert_eq!(s.verb_format, VerbFormat::Tabari);
    assert!(s.verb_blocks > 20 && s.patterns > 100, "{s}");
    assert!(s.actors > 50 && s.agents > 30 && s.discards > 3, "{s}");
    assert_eq!(s.issues, 0);
    assert!(s.plover_codes > 200, "built-in PLOVER table stands in");
    assert!(d
        .files
        .iter()
        .any(|f| f.ends_with("PETR.Validate.verbs.txt")));
    let enc = d.encode(&["Argentina", "attacked"]);
    let (_, arg) = d.actor_at(&enc, 0).unwrap();
    assert_eq!(arg.code_undated(), Some("ARG"), "ARGENTIN is a stem");
}

#[test]
fn named_files_of_a_folder_load() {
    let names = ["PETR.Validate.verbs.txt", "PETR.Validate.actors.txt"];
    let d = Dictionaries::load_named(&validation_dir(), &names).unwrap();
    assert_eq!(d.files.len(), 4, "{:?}", d.files);
    assert!(d.actors.actors.len() > 50 && d.agents.agents.is_empty());
    let e = Dictionaries::load_named(&validation_dir(), &["PETR.UnitTest.records.xml"]);
    assert!(e.unwrap_err().contains("not a dictionary file name"));
    let e = Dictionaries::load_named(&validation_dir(), &["missing.verbs.txt"]);
    assert!(e.unwrap_err().contains("missing.verbs.txt"));
}

#[test]
fn folder_errors_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert!(Dictionaries::load_dir(&dir.path().join("missing")).is_err());
    let e = Dictionaries::load_dir(dir.path()).unwrap_err();
    assert!(e.contains("no verb or actor dictionary"), "{e}");
    std::fs::write(
        dir.path().join("my.actors.txt"),
        b"A_B [XYZ]\n\xff\xfe junk\nC [\n",
    )
    .unwrap();
    let d = Dictionaries::load_dir(dir.path()).unwrap();
    assert_eq!(d.actors.actors.len(), 2);
    let lines: Vec<String> = d.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        lines[0].ends_with("my.actors.txt:2: not UTF-8; undecodable bytes replaced"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("my.actors.txt:3:")),
        "{lines:?}"
    );
}

/// Deterministic pseudo-random bytes biased toward the formats' special characters.
fn garbage(seed: u64, len: usize) -> String {
    const ALPHABET: &[u8] = b"[]{}()<>!~+-_*$^%&#=:;,. \t\n\nAZaz09'\"-->|/";
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x.is_multiple_of(17) {
                char::from_u32((x >> 20) as u32 % 0x3000).unwrap_or('?')
            } else {
                ALPHABET[(x >> 8) as usize % ALPHABET.len()] as char
            }
        })
        .collect()
}

#[test]
fn garbage_gives_warnings_not_panics() {
    let mut warned = 0;
    for seed in 0..200 {
        let g = garbage(seed, 600);
        warned += VerbDictionary::parse(&g, "g").1.len();
        warned += ActorDictionary::parse(&g, "g").1.len();
        warned += AgentDictionary::parse(&g, "g").1.len();
        warned += DiscardList::parse(&g, "g").1.len();
        warned += IssueDictionary::parse(&g, "g").1.len();
        warned += CameoLabels::parse(&g, "g").1.len();
        warned += CameoToPlover::parse(&g, "g").1.len();
    }
    assert!(
        warned > 1000,
        "garbage should be reported, got {warned} warnings"
    );
    let dir = tempfile::tempdir().unwrap();
    for (name, seed) in [
        ("x.verbs.txt", 1),
        ("x.actors.txt", 2),
        ("x.agents.txt", 3),
        ("x.discards.txt", 4),
    ] {
        std::fs::write(dir.path().join(name), garbage(seed, 5000)).unwrap();
    }
    let d = Dictionaries::load_dir(dir.path()).unwrap();
    assert!(!d.warnings.is_empty());
    let enc = d.encode(&["[", "*", "'s", "", "A"]);
    for i in 0..enc.ids.len() {
        let _ = (d.actor_at(&enc, i), d.agent_at(&enc, i), d.verb_at(&enc, i));
    }
}
