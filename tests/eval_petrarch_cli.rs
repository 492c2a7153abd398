//! `dragoman eval petrarch` and `dragoman code --input-format petrarch-xml` end to end, on
//! eight records of the PETRARCH unit-test suite (copied from
//! ../shared/data/petrarch-validation/PETR.UnitTest.records.xml, parses left out) coded with
//! the suite's own dictionaries.

mod common;
use common::dragoman;

const DICTS: &str = "../shared/data/petrarch-validation";

const SUITE: &str = r#"<Validation>
<Environment>
    <Verbfile>PETR.Validate.verbs.txt</Verbfile>
    <Actorfile>PETR.Validate.actors.txt</Actorfile>
    <Agentfile>PETR.Validate.agents.txt</Agentfile>
    <Discardfile>PETR.Validate.discards.txt</Discardfile>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<!-- Simple coding -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore full diplomatic ties with Gondor almost
five years after crowds trashed its embassy.
</Text>
</Sentence>
<Sentence date="19950101" id="COMPOUND-10" category="COMPOUND" sentence="true">
<EventCoding sourcecode="FRO" targetcode="ELR" eventcode="064"></EventCoding>
<EventCoding sourcecode="FRO" targetcode="GAL" eventcode="064"></EventCoding>
<EventCoding sourcecode="BIL" targetcode="ELR" eventcode="064"></EventCoding>
<EventCoding sourcecode="BIL" targetcode="GAL" eventcode="064"></EventCoding>
<EventCoding sourcecode="SAM" targetcode="ELR" eventcode="064"></EventCoding>
<EventCoding sourcecode="SAM" targetcode="GAL" eventcode="064"></EventCoding>
<Text>
The Shire is about to restore full diplomatic ties with Lorien almost
five years after crowds burned down its embassy.
</Text>
</Sentence>
<Sentence date="20100109" id="DATE-09" category="DATE" sentence="true">
<EventCoding sourcecode="ORCHOB" targetcode="MRGORC" eventcode="031"></EventCoding>
<EventCoding sourcecode="MRGORC" targetcode="ORCHOB" eventcode="032"></EventCoding>
<Text>
Sam Gamgee met a bunch of Morgul Orcs.
</Text>
</Sentence>
<Sentence date="19950103" id="COMPOUND-39" category="COMPOUND" sentence="true">
<!-- TABARI's % : AGREE's pattern "% * [030:030]" holds for a compound subject -->
<EventCoding sourcecode="PHL" targetcode="FRA" eventcode="030"></EventCoding>
<EventCoding sourcecode="FRA" targetcode="PHL" eventcode="030"></EventCoding>
<Text>
The Philippines and France agree that territorial disputes should be resolved through international arbitration.
</Text>
</Sentence>
<Sentence date="19950106" id="AGENT-14" category="AGENT"  sentence="true">
<EventCoding sourcecode="CALGOV" targetcode="OSGMIL" eventcode="122"></EventCoding>
<Text>
The Calenardhon Ministry of Silly Walks condemned an attack by Osgiliath soldiers
in south Ithilen on Thursday
</Text>
</Sentence>
<Sentence date="19950103" id="DEMO-03" category="DEMO" sentence="true">
<EventCoding sourcecode="ELF" targetcode="GON" eventcode="032"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ELF" eventcode="033"></EventCoding>
<Text>
Caras Galadhon's new mayor left yesterday for Minas Tirith for meetings of
the joint transport committee with Arnor.
</Text>
</Sentence>
<Sentence date = "20080801" id ="AFP080801M008-2" category="PARSING"  sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>
An investigation determined that the amount of radioactivity that seeped from a
valve was less than half a microcurie, or less than what one would find in a
50-pound bag of lawn fertilizer, a senior illiterate university professor said.
</Text>
</Sentence>
<Sentence date = "20080801" id ="ERROR-01"  category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>
CEBU CITY: -- Cordova Mayor Adelino Sitoy and the town's fisherfolk filed on Thursday a
P225-million suit against two shipping firms.
</Text>
</Sentence>
</Sentences>
</Validation>
"#;

fn suite_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("suite.xml");
    std::fs::write(&path, SUITE).unwrap();
    path
}

#[test]
fn pass_rate_of_a_few_suite_records() {
    let dir = tempfile::tempdir().unwrap();
    let suite = suite_file(dir.path());
    let o = dragoman(&[
        "eval",
        "petrarch",
        "--errors",
        "--dictionaries",
        DICTS,
        suite.to_str().unwrap(),
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The tagger reads "left" in DEMO-03 as a noun: that record fails, the others pass.
    assert!(
        out.contains("records: 7 (1 error records excluded); passed 6 = 85.7 %"),
        "{out}"
    );
    assert!(
        out.contains("COMPOUND           2       2  100.0%"),
        "{out}"
    );
    assert!(out.contains("DEMO-03 [DEMO]"), "{out}");
    assert!(
        out.contains("  expected: ELF GON 032; GON ELF 033"),
        "{out}"
    );
    assert!(!out.contains("DEMO-00 [DEMO]"), "{out}");
}

#[test]
fn code_reads_validation_records_with_their_dictionaries() {
    let dir = tempfile::tempdir().unwrap();
    let suite = suite_file(dir.path());
    let o = dragoman(&[
        "code",
        "--dictionaries",
        DICTS,
        "--input-format",
        "petrarch-xml",
        suite.to_str().unwrap(),
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let demo = records
        .iter()
        .find(|r| r["doc_id"] == "DEMO-00")
        .expect("DEMO-00 coded");
    assert_eq!(demo["pub_date"], "1995-01-01");
    assert_eq!(demo["cameo"], "064");
    assert_eq!(demo["actor"][0]["cameo"], "ARN");
    assert_eq!(demo["recipient"][0]["cameo"], "GON");
    // The paired code of MET [031:032]: the Orcs met Sam too.
    let met: Vec<&str> = records
        .iter()
        .filter(|r| r["doc_id"] == "DATE-09")
        .map(|r| r["cameo"].as_str().unwrap())
        .collect();
    assert_eq!(met, ["031", "032"]);
}

#[test]
fn bad_xml_names_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.xml");
    std::fs::write(
        &path,
        SUITE.replace(
            r#"<Sentence date="20100109" id="DATE-09""#,
            r#"<Sentence date="20101309" id="DATE-09""#,
        ),
    )
    .unwrap();
    let o = dragoman(&[
        "code",
        "--dictionaries",
        DICTS,
        "--input-format",
        "petrarch-xml",
        path.to_str().unwrap(),
    ]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("bad.xml:29: record \"DATE-09\": date \"20101309\" is not a calendar day"),
        "{err}"
    );
    // The other records are still coded.
    assert!(String::from_utf8(o.stdout).unwrap().contains("DEMO-00"));
}

/// The whole PETRARCH unit-test suite, coded with its own dictionaries: the pass rate may
/// not fall below what the coder reached (82.3 % when this floor was set).
#[test]
fn suite_pass_rate_floor() {
    let o = dragoman(&["eval", "petrarch", DICTS]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rate: f64 = out
        .split("passed ")
        .nth(1)
        .and_then(|r| r.split(" = ").nth(1))
        .and_then(|r| r.split(' ').next())
        .and_then(|r| r.parse().ok())
        .unwrap_or_else(|| panic!("no pass rate in {out}"));
    assert!(
        out.contains("records: 277 (7 error records excluded)"),
        "{out}"
    );
    assert!(rate >= 82.0, "pass rate {rate} % fell below 82 %:\n{out}");
}

/// Records of the whole suite that each rule of suite mode codes right (they fail without
/// it): none of them may be listed among the failures.
#[test]
fn suite_rules_hold_on_their_records() {
    let rules: &[(&str, &[&str])] = &[
        // Agents join the actor code before or after it, each once ("MSF Arnor" NGOARN).
        ("agents", &["AGENT-02", "AGENT-03", "AGENTS-23"]),
        // "former" makes the agents an elite code (ARNELI, USAGOVELI).
        ("former", &["AGENTS-18", "AGENTS-19"]),
        // The noun phrase before the verb phrase in the record's parse is the verb's
        // subject (", the primary official news agency WFNA said on Thursday": ---GOV).
        (
            "subjects",
            &[
                "COMPOUND-03",
                "COMPOUND-15",
                "COMPOUND-16",
                "COMMA-08",
                "COMMA-10",
            ],
        ),
    ];
    let o = dragoman(&["eval", "petrarch", "--errors", DICTS]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for (rule, ids) in rules {
        for id in *ids {
            let listed = out.lines().any(|l| l.starts_with(&format!("{id} [")));
            assert!(!listed, "{rule}: {id} fails:\n{out}");
        }
    }
}
