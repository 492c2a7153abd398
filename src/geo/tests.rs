//! Real place expressions from the seed, the 2025 current-events items and Wikinews, parsed
//! by the shipped models and resolved with the shipped gazetteer.

use super::resolve::{location, resolve_at, Context};
use super::*;
use crate::doc::{Doc, DocMeta, Upos};
use crate::pipeline::{default_models_dir, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::load(&default_models_dir()).expect("shipped models"))
}

fn gazetteer() -> &'static Gazetteer {
    &pipeline().places
}

fn annotated(text: &str) -> Doc {
    let meta = DocMeta {
        id: "t".into(),
        date: Some("2025-04-10".into()),
        ..DocMeta::default()
    };
    let mut doc = Doc::new(meta, text.to_string());
    pipeline().annotate(&mut doc);
    doc
}

/// The token of the last sentence whose form is `word`.
fn token(t: &Tree, word: &str) -> usize {
    (0..t.len())
        .find(|&i| t.toks[i].form == word)
        .unwrap_or_else(|| panic!("no token {word:?}"))
}

/// Where the name at `word` resolves: (country, name, admin1).
fn place(text: &str, word: &str) -> Option<(String, String, Option<String>)> {
    let doc = annotated(text);
    let sent = doc.sentences.last().expect("a sentence");
    let t = Tree::new(&doc, sent);
    let g = gazetteer();
    let r = resolve_at(g, &t, token(&t, word), &mut |own| {
        let mut c = Context::default();
        c.add_sentence(g, &t, own);
        c
    })?;
    let l = location(g, &t, &r);
    Some((l.country_code, l.name, l.admin1))
}

fn country(text: &str, word: &str) -> Option<String> {
    place(text, word).map(|p| p.0)
}

/// The place of an event whose trigger is `word` in the last sentence, with the clause an
/// event noun belongs to found as the coder finds it (its nearest verb above).
fn event_country(text: &str, word: &str, event: PloverType) -> Option<String> {
    let doc = annotated(text);
    let sent = doc.sentences.last().expect("a sentence");
    let t = Tree::new(&doc, sent);
    let trigger = token(&t, word);
    let mut clause = trigger;
    if t.upos(trigger) != Upos::Verb {
        let mut cur = trigger;
        for _ in 0..5 {
            let Some(h) = t.head(cur) else { break };
            if t.upos(h) == Upos::Verb {
                clause = h;
                break;
            }
            cur = h;
        }
    }
    event_place(gazetteer(), &t, trigger, clause, event).map(|l| l.country_code)
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn the_seed_talks_are_in_istanbul_turkiye() {
    let text = "The U.S. State Department has officially confirmed that the next round of discussions with Russia will take place in Istanbul, Türkiye, on Thursday, April 10.";
    let (c, name, admin1) = place(text, "Istanbul").expect("Istanbul");
    assert_eq!((c.as_str(), name.as_str()), ("TUR", "Istanbul"));
    assert_eq!(admin1.as_deref(), Some("Istanbul"));
    assert_eq!(
        event_country(text, "discussions", PloverType::Consult),
        some("TUR")
    );
    let riyadh = "Previous talks between the two nations were held in Riyadh on February 18, focusing on restoring embassy operations.";
    assert_eq!(
        event_country(riyadh, "talks", PloverType::Consult),
        some("SAU")
    );
    let meeting = "Previous talks were held in Riyadh, followed by a February 27 meeting in Istanbul that addressed diplomatic funding.";
    assert_eq!(
        event_country(meeting, "meeting", PloverType::Consult),
        some("TUR")
    );
}

#[test]
fn same_names_are_told_apart_by_qualifiers_and_context() {
    assert_eq!(
        place("The festival was held in Paris, Texas, last week.", "Paris").map(|p| (p.0, p.2)),
        Some(("USA".to_string(), Some("Texas".to_string())))
    );
    assert_eq!(
        country("Thousands marched in Paris on Saturday.", "Paris"),
        some("FRA")
    );
    assert_eq!(
        country("Russian troops entered Georgia in 2008.", "Georgia"),
        some("GEO")
    );
    assert_eq!(
        country("Storms hit Atlanta and other parts of Georgia.", "Georgia"),
        some("USA")
    );
    assert_eq!(
        country("Tornadoes struck Alabama and Georgia on Sunday.", "Georgia"),
        some("USA")
    );
    // The Somali division, not the Italian city.
    assert_eq!(
        country(
            "An airstrike hit the Sihan area in Puntland's Bari region, Somalia.",
            "Bari"
        ),
        some("SOM")
    );
    assert_eq!(
        country(
            "Militants captured the Adan Yabal District in Middle Shabelle, Somalia.",
            "District"
        ),
        some("SOM")
    );
}

#[test]
fn names_resolve_to_geonames_places() {
    let cases = [
        (
            "Six soldiers are killed during a shootout in Borno State, Nigeria.",
            "Borno",
            "NGA",
        ),
        (
            "A Russian drone strikes a building in Sumy, Ukraine.",
            "Sumy",
            "UKR",
        ),
        (
            "Netanyahu sends Mossad director David Barnea to ceasefire talks in Doha, Qatar.",
            "Doha",
            "QAT",
        ),
        ("Israeli tanks advance in Khan Yunis.", "Yunis", "PSE"),
        (
            "Two people are arrested at a concert in Rio de Janeiro, Brazil.",
            "Rio",
            "BRA",
        ),
        (
            "Fighting continues in the Democratic Republic of the Congo.",
            "Republic",
            "COD",
        ),
        (
            "At least 91 Palestinians are killed in Israeli attacks across the Gaza Strip.",
            "Strip",
            "PSE",
        ),
        (
            "A fire is reported at an oil refinery in Sochi, Russia.",
            "Sochi",
            "RUS",
        ),
        (
            "Eighteen troops are killed in clashes in Balochistan, Pakistan.",
            "Balochistan",
            "PAK",
        ),
        (
            "Protesters clash with police in Kathmandu, Nepal.",
            "Kathmandu",
            "NPL",
        ),
        (
            "Four people are injured near a shopping mall in Tampere, Finland.",
            "Tampere",
            "FIN",
        ),
        (
            "A court in Aachen, North Rhine-Westphalia, Germany, sentences a nurse.",
            "Aachen",
            "DEU",
        ),
        (
            "Protests also took place in Tabriz in northwestern Iran.",
            "Tabriz",
            "IRN",
        ),
        (
            "Hands Off protests occur across the United States.",
            "States",
            "USA",
        ),
    ];
    for (text, word, want) in cases {
        assert_eq!(country(text, word), some(want), "{word} in {text:?}");
    }
}

#[test]
fn countries_resolve_to_the_country_without_coordinates() {
    let doc = annotated("Protests were held across the United States.");
    let t = Tree::new(&doc, &doc.sentences[0]);
    let g = gazetteer();
    let r = resolve_at(g, &t, token(&t, "States"), &mut |_| Context::default()).expect("a place");
    let l = location(g, &t, &r);
    assert_eq!(l.country_code, "USA");
    assert_eq!(l.geonameid, Some(6252001));
    assert_eq!((l.lat, l.lon), (None, None));
    assert_eq!(l.text, "United States");
}

#[test]
fn cities_carry_id_and_coordinates() {
    let doc = annotated("Talks were held in Riyadh.");
    let t = Tree::new(&doc, &doc.sentences[0]);
    let g = gazetteer();
    let r = resolve_at(g, &t, token(&t, "Riyadh"), &mut |_| Context::default()).expect("Riyadh");
    let l = location(g, &t, &r);
    assert_eq!(l.geonameid, Some(108410));
    assert!((l.lat.unwrap() - 24.68773).abs() < 1e-3, "{l:?}");
    assert!((l.lon.unwrap() - 46.72185).abs() < 1e-3, "{l:?}");
}

#[test]
fn unknown_places_take_the_country_their_address_gives() {
    let text = "M23 rebels and Rwandan troops seize control of Kavumu Airport in South Kivu, Democratic Republic of the Congo.";
    let (c, name, admin1) = place(text, "Airport").expect("Kavumu Airport");
    assert_eq!((c.as_str(), name.as_str()), ("COD", "Kavumu Airport"));
    assert_eq!(admin1.as_deref(), Some("South Kivu"));
    assert_eq!(
        event_country("Twelve soldiers are killed in clashes with militants near the village of Sakoira, Niger.", "clashes", PloverType::Assault),
        some("NER")
    );
}

#[test]
fn names_that_are_not_places_stay_unplaced() {
    // Organisations and acronyms that towns' alternate names collide with.
    assert_eq!(
        country(
            "The Israeli military launches a ground offensive against Hamas.",
            "Hamas"
        ),
        None
    );
    assert_eq!(
        country("The Houthis detain eleven UN personnel.", "UN"),
        None
    );
    // An actor standing for its government is no place of the event.
    let text = "Washington accused Moscow of interfering in the election.";
    assert_eq!(event_country(text, "accused", PloverType::Accuse), None);
    assert_eq!(
        event_country(
            "Both sides have expelled diplomatic staff.",
            "expelled",
            PloverType::Sanction
        ),
        None
    );
    // A statement about an attack is not where the attack was.
    assert_eq!(
        event_country(
            "Russia condemned the attack in Kabul.",
            "condemned",
            PloverType::Accuse
        ),
        None
    );
    // Sanctions on a country are not in it.
    assert_eq!(
        event_country(
            "The European Union imposed sanctions on Iran.",
            "sanctions",
            PloverType::Sanction
        ),
        None
    );
}

#[test]
fn events_take_the_place_of_their_own_clause() {
    let cases = [
        ("Israeli warplanes carry out airstrikes on defense factories and a research center in Al-Safira, Aleppo Governorate, Syria.", "airstrikes", PloverType::Assault, "SYR"),
        ("A court in Prague, Czech Republic, sentences a Colombian national to eight years in prison.", "sentences", PloverType::Sanction, "CZE"),
        ("Russia launches drone attacks on Kharkiv, Ukraine, damaging buildings.", "attacks", PloverType::Assault, "UKR"),
        ("Israeli gunfire and airstrikes kill at least 41 Palestinians across Gaza.", "airstrikes", PloverType::Assault, "PSE"),
        ("The Royal Air Force launches airstrikes on buildings south of Sanaa, Yemen.", "airstrikes", PloverType::Assault, "YEM"),
        ("M23 rebels claim to have captured the city of Goma in North Kivu Province.", "captured", PloverType::Assault, "COD"),
        ("The Houthis raid United Nations offices in Sanaa, Yemen, and detain at least eleven UN personnel.", "detain", PloverType::Coerce, "YEM"),
        ("The Democratic Republic of the Congo and the M23 rebels sign a framework agreement in Doha, Qatar.", "sign", PloverType::Agree, "QAT"),
        ("Four people are killed in a mass shooting during a family gathering at a banquet hall in Stockton, California, United States.", "shooting", PloverType::Assault, "USA"),
        ("At least 11 police officers are killed in an ambush by armed assailants in Benue State, Nigeria.", "ambush", PloverType::Assault, "NGA"),
        // A place phrase below names its place inside: "mountains of the Bari Region".
        ("At least three IS–Somalia fighters are killed in a joint Puntland armed forces–U.S. Africa Command airstrike targeting IS militants hiding in the Cal Miskaad mountains of the Bari Region of Puntland, Somalia.", "airstrike", PloverType::Assault, "SOM"),
    ];
    for (text, word, event, want) in cases {
        assert_eq!(
            event_country(text, word, event),
            some(want),
            "{word} in {text:?}"
        );
    }
}

#[test]
fn places_taken_and_courts_named_for_their_city_place_the_event() {
    let cases = [
        // "control of X", like "the city of X", is where the seizure happens.
        ("M23 rebels and Rwandan troops seize control of Kavumu Airport in South Kivu, Democratic Republic of the Congo.", "seize", PloverType::Assault, "COD"),
        // A court is an organisation, but it stands in the city it is named after.
        ("Following Yoon's arrest, pro-Yoon protesters raid the Seoul Western District Court, resulting in 41 injuries and property damage.", "raid", PloverType::Protest, "KOR"),
        // "militants of Manipur" is no reason phrase: the place below it still counts.
        ("Two Assam Rifles personnel are killed and five Assam Rifles personnel are injured in an ambush by People's Liberation Army of Manipur militants in Bishnupur, Manipur.", "ambush", PloverType::Assault, "IND"),
        // An address ending in its country is in that country, not in Cameroon's South-West.
        ("At least 100 al-Shabaab militant fighters are killed in a Somali Air Force airstrike in the Lower Shabelle region of the South West State, Somalia.", "airstrike", PloverType::Assault, "SOM"),
        // A nationality word before the target is no place (the Somali Region of Ethiopia).
        ("Al-Shabaab launches a coordinated attack on four Somali military bases in Middle Shabelle, Somalia, killing and wounding dozens of soldiers.", "attack", PloverType::Assault, "SOM"),
    ];
    for (text, word, event, want) in cases {
        assert_eq!(
            event_country(text, word, event),
            some(want),
            "{word} in {text:?}"
        );
    }
    // The court is not where the deed it judges happened, nor where a statement is made.
    let text = "The Seoul Central District Court lifts the arrest warrant for South Korean President Yoon Suk Yeol.";
    assert_eq!(event_country(text, "lifts", PloverType::Concede), None);
}

#[test]
fn reasons_are_not_settings() {
    // The stabbing at a school in Zagreb is what he is sentenced for, not where.
    let text = "A Croatian man is sentenced to 50 years in prison for fatally stabbing a 7-year-old student at a school in Zagreb in December 2024.";
    assert_eq!(event_country(text, "sentenced", PloverType::Coerce), None);
    // A place of its own that the gazetteer does not know keeps the scene before out.
    let text = "M23 rebels claim to have captured the city of Goma in North Kivu Province, Democratic Republic of the Congo. Congolese and Rwandan forces exchange fire along the border.";
    assert_eq!(event_country(text, "exchange", PloverType::Assault), None);
    // A relative clause tells about a party: the shipyards are in the United States.
    let text = "The Chinese commerce ministry bans Chinese companies from dealing with five subsidiaries of South Korean shipbuilding company Hanwha Ocean, which has shipyards and investments in the United States.";
    assert_eq!(event_country(text, "bans", PloverType::Coerce), None);
}

#[test]
fn the_country_is_the_one_the_sentence_names() {
    let text = "The General Confederation of the Portuguese Workers and the General Union of Workers, which together represent nearly 1 million workers in Portugal, launch a general strike across the country to protest against the government's planned changes to labour laws.";
    assert_eq!(
        event_country(text, "strike", PloverType::Protest),
        some("PRT")
    );
    // Nationality words alone may name the actors' country, not the one they are in.
    let text = "French armed forces minister Sébastien Lecornu says that 80 French servicemembers will remain in the country to advise and train the Ivorian army.";
    assert_eq!(event_country(text, "remain", PloverType::Mobilize), None);
}

#[test]
fn deployments_and_visits_happen_where_they_go() {
    let text = "The United States committed to send more troops to Saudi Arabia.";
    assert_eq!(
        event_country(text, "send", PloverType::Mobilize),
        some("SAU")
    );
    let text = "Johnson said in a statement released in conjunction with a visit to Ireland.";
    assert_eq!(
        event_country(text, "visit", PloverType::Consult),
        some("IRL")
    );
    // Other events do not happen where something is sent.
    let text = "The State Department notifies Congress of a planned arms sale to Israel.";
    assert_eq!(event_country(text, "sale", PloverType::Agree), None);
}

#[test]
fn nationality_words_are_no_places() {
    assert_eq!(
        country("Talks must preserve Syrian sovereignty.", "Syrian"),
        None
    );
    assert_eq!(
        country(
            "The Iranian government detains two French nationals.",
            "Iranian"
        ),
        None
    );
    // Nor are days: "On Friday, Youssef Chahed, the Prime Minister of Tunisia, ..."
    let text = "On Friday, Youssef Chahed, the Prime Minister of Tunisia, signed a decree.";
    assert_eq!(country(text, "Friday"), None);
    // Nor months, common words or continents, whatever towns' names say (March in
    // Cambridgeshire, Police in Poland, Area for Mundelein, Africa for Mahdia).
    assert_eq!(
        country("Authorities seized the site in March 2018.", "March"),
        None
    );
    assert_eq!(
        country("Police arrested him near the border.", "Police"),
        None
    );
    let text = "Millions of people were to storm Area 51, a classified facility.";
    assert_eq!(country(text, "Area"), None);
    let text = "He taught and studied in various sub-Saharan countries in Africa.";
    assert_eq!(country(text, "Africa"), None);
}

#[test]
fn a_follow_up_deed_happens_where_the_story_is() {
    let text = "Two people are killed in a mass stabbing at a park in Aschaffenburg, Bavaria, Germany. The perpetrator is arrested.";
    assert_eq!(
        event_country(text, "arrested", PloverType::Coerce),
        some("DEU")
    );
    // A statement is not placed by the scene before it.
    let text = "Two people are killed in a mass stabbing at a park in Aschaffenburg, Bavaria, Germany. The chancellor condemned the attack.";
    assert_eq!(event_country(text, "condemned", PloverType::Accuse), None);
}

#[test]
fn folding_meets_spellings() {
    assert_eq!(gazetteer::fold("Türkiye"), "turkiye");
    assert_eq!(gazetteer::fold("Khan-Yunis"), gazetteer::fold("Khan Yunis"));
    assert_eq!(gazetteer::fold("Bogotá"), "bogota");
}

#[test]
fn the_file_round_trips_and_refuses_garbage() {
    let g = gazetteer();
    let mut bytes = Vec::new();
    g.write_to(&mut bytes).unwrap();
    let back = Gazetteer::from_bytes(&bytes).unwrap();
    assert_eq!(back.len(), g.len());
    assert_eq!(back.n_names(), g.n_names());
    assert!(Gazetteer::from_bytes(b"not a gazetteer").is_err());
    assert!(Gazetteer::from_bytes(&bytes[..bytes.len() / 2]).is_err());
}

/// The shipped file is what `dragoman train gazetteer` builds from the shared data, byte for
/// byte.
#[test]
fn the_shipped_gazetteer_is_rebuilt_exactly() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let (g, _) = build::build(&data).expect("build from the shared data");
    let mut built = Vec::new();
    g.write_to(&mut built).unwrap();
    let shipped = std::fs::read(default_models_dir().join(GAZETTEER_FILE)).unwrap();
    assert!(
        built == shipped,
        "models/gazetteer.bin is stale: run `dragoman train gazetteer`"
    );
}
