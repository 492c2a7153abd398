//! Which sense of an event verb its clause shows, where the dictionary's code alone is
//! wrong for the annotation guideline: "fires the director" is a dismissal, not gunfire;
//! police "raid" a residence to search it; "launch talks" is no attack; "refused to" is a
//! rejection even where the PETRARCH block leaves the verb uncoded. Each rule looks only at
//! the verb's own words and its direct dependents, so it costs nothing per token.

use super::modality::stem_matches;
use super::tree::Tree;
use crate::doc::Upos;
use crate::event::PloverType;

/// A verb's reading: CAMEO code, and the guideline's type and mode where they differ from
/// the CAMEO → PLOVER table.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub cameo: String,
    pub event: Option<PloverType>,
    pub mode: Option<&'static str>,
}

impl Reading {
    fn code(cameo: &str) -> Reading {
        Reading {
            cameo: cameo.to_string(),
            event: None,
            mode: None,
        }
    }

    fn typed(cameo: &str, event: PloverType, mode: Option<&'static str>) -> Reading {
        Reading {
            cameo: cameo.to_string(),
            event: Some(event),
            mode,
        }
    }
}

/// Nouns naming people: those a verb like "fire" or "execute" must have as its object to
/// mean dismissing or putting to death.
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "individuals",
    "man",
    "men",
    "woman",
    "women",
    "prisoners",
    "prisoner",
    "inmates",
    "convicts",
    "civilians",
    "director",
    "directors",
    "minister",
    "ministers",
    "chief",
    "head",
    "commander",
    "commanders",
    "general",
    "generals",
    "official",
    "officials",
    "officer",
    "officers",
    "prosecutor",
    "prosecutors",
    "judge",
    "judges",
    "secretary",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "staff",
    "employees",
    "workers",
    "members",
    "coach",
    "manager",
    "president",
    "governor",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ceo",
    "ambassador",
    "deputy",
    "activists",
    "activist",
    "dissidents",
    "journalists",
    "journalist",
    "nationals",
    "citizens",
    "suspects",
    "suspect",
];

/// Whether the phrase headed by `o` names people ("the director", "102 individuals",
/// "Comey", "him").
pub fn names_people(t: &Tree, o: usize) -> bool {
    match t.upos(o) {
        Upos::Propn => true,
        Upos::Pron => !matches!(t.lower(o).as_str(), "it" | "this" | "that" | "what"),
        _ => PEOPLE.contains(&t.lower(o).as_str()),
    }
}

/// Who the police are in a subject: a raid by them is a search, not an attack.
const POLICE: &[&str] = &[
    "police",
    "policemen",
    "officers",
    "agents",
    "investigators",
    "prosecutors",
    "detectives",
    "authorities",
    "fbi",
    "customs",
];

/// Subjects that make violence a riot (PROTEST), not an attack by an armed party.
const CROWDS: &[&str] = &[
    "protesters",
    "protestors",
    "demonstrators",
    "rioters",
    "mob",
    "mobs",
    "crowd",
    "crowds",
];

/// What is launched or fired in an attack; "launch talks" or "a campaign" is no attack.
const ATTACK_OBJECTS: &[&str] = &[
    "attack",
    "attacks",
    "offensive",
    "counteroffensive",
    "counterattack",
    "assault",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "raid",
    "raids",
    "operation",
    "operations",
    "invasion",
    "incursion",
    "bombardment",
    "barrage",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "drone",
    "drones",
    "bomb",
    "bombs",
    "shell",
    "shells",
    "projectile",
    "projectiles",
    "salvo",
    "grenade",
    "grenades",
    "mortar",
    "mortars",
    "torpedo",
    "torpedoes",
    "shots",
    "rounds",
    "artillery",
    "weapons",
    "munitions",
    "gas",
];

/// Documents and measures a participle may describe ("measures targeting Pakistan", "a
/// resolution calling for a ceasefire"): the participle names what the text says, no event.
const ABSTRACT_HEADS: &[&str] = &[
    "measure",
    "measures",
    "strategy",
    "policy",
    "policies",
    "law",
    "laws",
    "bill",
    "bills",
    "legislation",
    "decree",
    "resolution",
    "resolutions",
    "statement",
    "report",
    "reports",
    "letter",
    "plan",
    "plans",
    "program",
    "programme",
    "reforms",
    "rules",
    "regulations",
    "sanctions",
    "tariffs",
    "restrictions",
    "order",
    "orders",
    "proposal",
    "amendment",
];

/// Heads under which a deed is the charge, not a new event: "convicted of murdering",
/// "sentenced for fighting", "accused of attacking".
const CHARGE_HEADS: &[&str] = &[
    "convict",
    "sentence",
    "accuse",
    "charge",
    "indict",
    "arrest",
    "detain",
    "jail",
    "imprison",
    "prosecute",
    "suspect",
    "acquit",
    "guilty",
    "charges",
    "suspicion",
    "trial",
];

/// Objects of "file", "bring": a legal complaint against someone.
const LAWSUITS: &[&str] = &[
    "lawsuit",
    "suit",
    "complaint",
    "case",
    "lawsuits",
    "complaints",
];

/// What talks conclude in: "conclude negotiations on an agreement" is reaching it.
const SETTLEMENTS: &[&str] = &[
    "negotiations",
    "talks",
    "agreement",
    "deal",
    "treaty",
    "accord",
    "pact",
];

/// Words of branding someone a terrorist or extremist.
const TERROR: &[&str] = &[
    "terrorist",
    "terrorists",
    "terror",
    "extremist",
    "extremists",
    "terrorism",
];

/// Gatherings one joins to consult.
const MEETINGS: &[&str] = &[
    "talks",
    "meeting",
    "meetings",
    "summit",
    "negotiations",
    "conference",
    "discussions",
    "call",
    "consultations",
    "session",
    "delegation",
    "visit",
];

/// What is released without a concession: publications and records.
const PUBLICATIONS: &[&str] = &[
    "statement",
    "statements",
    "video",
    "videos",
    "report",
    "reports",
    "album",
    "albums",
    "data",
    "documents",
    "document",
    "records",
    "photos",
    "photographs",
    "footage",
    "details",
    "figures",
    "results",
    "film",
    "book",
    "song",
    "single",
    "image",
    "images",
    "transcript",
    "transcripts",
    "findings",
    "plan",
    "rules",
    "list",
    "guidelines",
    "memo",
    "letter",
    "audio",
    "recording",
    "trailer",
    "version",
    "update",
    "software",
];

/// Restrictions one lifts or eases.
const LIFTED: &[&str] = &[
    "warrant",
    "warrants",
    "ban",
    "bans",
    "restrictions",
    "restriction",
    "curfew",
    "sanctions",
    "embargo",
    "tariffs",
    "boycott",
    "blockade",
    "siege",
    "moratorium",
    "emergency",
    "lockdown",
    "travel",
];

const TRUCES: &[&str] = &["ceasefire", "cease-fire", "truce", "armistice"];

fn obj_words<'b>(t: &'b Tree<'_>, v: usize) -> impl Iterator<Item = usize> + 'b {
    t.kids(v, &["obj", "nsubj:pass"])
}

fn obj_in(t: &Tree, v: usize, list: &[&str]) -> bool {
    obj_words(t, v).any(|o| list.contains(&t.lower(o).as_str()))
}

fn subject_in(t: &Tree, v: usize, list: &[&str]) -> bool {
    t.kids(v, &["nsubj"]).any(|s| {
        list.contains(&t.lower(s).as_str())
            || t.kids(s, &["compound", "flat"])
                .any(|c| list.contains(&t.lower(c).as_str()))
    })
}

fn is_violence(code: &str) -> bool {
    (code.starts_with("18") || code.starts_with("19"))
        && !code.starts_with("191")
        && !code.starts_with("192")
}

/// Nouns that make what hangs below them the deed charged: "on charges of complicity in
/// the attack that killed ...", "on suspicion of spying", "his trial for the bombing".
const CHARGE_NOUNS: &[&str] = &[
    "charge",
    "charges",
    "suspicion",
    "complicity",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "indictment",
    "conviction",
    "trial",
];

/// Whether word `i` lies in the phrase of a charge ("charges of ... the attack").
pub fn under_charge(t: &Tree, i: usize) -> bool {
    let mut cur = i;
    for _ in 0..4 {
        if !matches!(t.rel(cur), "nmod" | "obl" | "acl" | "acl:relcl" | "advcl") {
            return false;
        }
        let Some(h) = t.head(cur) else { return false };
        let hw = t.lower(h);
        let hw = hw.strip_prefix("re-").unwrap_or(&hw);
        // "sentences X ... over a 2024 arson attack", "arrested for the bombing".
        let reason = t
            .kids(cur, &["case", "mark"])
            .any(|m| matches!(t.lower(m).as_str(), "for" | "of" | "over" | "with"));
        if CHARGE_NOUNS.contains(&hw) || (reason && stem_matches(hw, CHARGE_HEADS)) {
            return true;
        }
        cur = h;
    }
    false
}

/// Whether verb `v` only names the deed someone is charged with or sentenced for.
pub fn is_charge(t: &Tree, v: usize) -> bool {
    let marked = t
        .kids(v, &["mark", "case"])
        .any(|m| matches!(t.lower(m).as_str(), "for" | "of" | "with"));
    if !marked {
        return false;
    }
    let mut cur = v;
    for _ in 0..2 {
        let Some(h) = t.head(cur) else { return false };
        if stem_matches(&t.lower(h), CHARGE_HEADS) {
            return true;
        }
        cur = h;
    }
    false
}

/// The reading of verb `v`, whose dictionary code (after patterns) is `code` (`None`: the
/// dictionary leaves this use uncoded) and whose block's own code is `block_code`.
/// `None` back means no event.
pub fn read_verb(
    t: &Tree,
    v: usize,
    code: Option<String>,
    block_code: Option<&str>,
) -> Option<Reading> {
    let w = t.lower(v);
    let is = |stems: &[&str]| stem_matches(&w, stems);
    // Dictionary blocks that code these verbs only through patterns, though the guideline
    // names them outright: reject, refuse, deny, rule out, veto; sue and file a lawsuit.
    // "declares the Muslim Brotherhood and CAIR terrorist organizations", "designated as
    // a terrorist group": branding an adversary is an accusation.
    if is(&[
        "declare",
        "designate",
        "label",
        "brand",
        "classify",
        "list",
        "name",
    ]) && t.kids(v, &["obl", "xcomp", "obj"]).any(|o| {
        t.noun_phrase(o)
            .iter()
            .any(|&w| TERROR.contains(&t.lower(w).as_str()))
    }) {
        return Some(Reading::typed("112", PloverType::Accuse, Some("allege")));
    }
    // "protest ..., chanting slogans": the chant is the protest's manner, no second event.
    if is(&["chant"]) && matches!(t.rel(v), "acl" | "advcl" | "xcomp") {
        return None;
    }
    if is(&["study"]) {
        // "studied law": learning, not an inquiry into anyone.
        return None;
    }
    if is(&["veto"]) {
        return Some(Reading::code("129"));
    }
    if is(&["sue"]) || (is(&["file", "bring"]) && obj_in(t, v, LAWSUITS)) {
        return Some(Reading::code("115"));
    }
    if is(&["share"]) && obj_in(t, v, &["intelligence", "information", "data"]) {
        return Some(Reading::code("064"));
    }
    if is(&["conclude", "finalize", "finalise"]) && obj_in(t, v, SETTLEMENTS) {
        return Some(Reading::code("057"));
    }
    // "rules out talks": a refusal, whatever the "rule" block makes of "rules".
    if w.starts_with("rule")
        && (t.kids(v, &["compound:prt"]).any(|p| t.lower(p) == "out")
            || (v + 1 < t.len() && t.lower(v + 1) == "out"))
    {
        return Some(Reading::code("120"));
    }
    // "slams the decision": criticism; "slammed into a wall" has no object.
    if is(&["slam", "blast", "lambast"]) && obj_words(t, v).next().is_some() {
        return Some(Reading::code("111"));
    }
    // "leave the EU", "withdraw from NATO": leaving a body reduces relations; leaving a
    // place is travel, which the travel block would code as a consultation.
    let leaves = is(&["leave"]) || matches!(w.as_str(), "left" | "leaves");
    let withdraws = is(&["withdraw", "quit", "exit"]) || w == "withdrew" || w == "withdrawn";
    if leaves || withdraws {
        if super::triggers::body_left(t, v).is_some() {
            return Some(Reading::typed(
                "161",
                PloverType::Sanction,
                Some("withdraw"),
            ));
        }
        // "left for Beijing": a journey, which the travel block codes as a visit.
        let journey = t
            .kids(v, &["obl"])
            .any(|o| t.case_of(o).as_deref() == Some("for"));
        if leaves && !journey {
            return None;
        }
    }
    // "lifts the arrest warrant", "eased sanctions": a restriction ended.
    if is(&["lift", "ease", "relax", "revoke", "rescind"]) {
        if let Some(o) = obj_words(t, v)
            .map(|o| t.lower(o))
            .find(|o| LIFTED.contains(&o.as_str()))
        {
            return Some(match o.as_str() {
                "sanctions" | "embargo" | "tariffs" | "boycott" => {
                    Reading::typed("085", PloverType::Retreat, Some("ease"))
                }
                "blockade" | "siege" => Reading::typed("0872", PloverType::Retreat, None),
                "curfew" | "emergency" => Reading::typed("0813", PloverType::Retreat, None),
                _ => Reading::typed("081", PloverType::Concede, None),
            });
        }
    }
    if (w == "found" || is(&["find"]))
        && t.kids(v, &["xcomp", "obj", "advmod"])
            .any(|x| t.lower(x) == "guilty")
    {
        return Some(Reading::code("116"));
    }
    // "Lavrov and Rubio speak by telephone": a phone call is a consultation.
    let speaks = is(&["speak", "talk", "converse"]) || matches!(w.as_str(), "spoke" | "spoken");
    if speaks
        && t.kids(v, &["obl"]).any(|o| {
            matches!(
                t.lower(o).as_str(),
                "telephone" | "phone" | "videoconference"
            ) && t
                .case_of(o)
                .is_some_and(|c| matches!(c.as_str(), "by" | "over" | "on" | "via"))
        })
    {
        return Some(Reading::typed("041", PloverType::Consult, Some("phone")));
    }
    if is(&["execute"]) && obj_words(t, v).any(|o| names_people(t, o)) {
        return Some(Reading::typed("180", PloverType::Assault, Some("execute")));
    }
    let code = match code {
        // "measures targeting Pakistan", "a resolution calling for a ceasefire": what a
        // document says, no attack or appeal of its own (a law "banning" X still restricts).
        Some(c)
            if (is_violence(&c) || c.starts_with("02") || c.starts_with("10"))
                && t.rel(v) == "acl"
                && t.head(v)
                    .is_some_and(|h| ABSTRACT_HEADS.contains(&t.lower(h).as_str())) =>
        {
            return None
        }
        Some(c) => c,
        None if is(&["refuse", "reject", "deny", "spurn"]) => "120".to_string(),
        None => return None,
    };
    // "Greenland joining the United States", "joined the calls": the assembly block's
    // consultation only where talks are what one joins ("joined the talks").
    if is(&["join"])
        && code.starts_with("04")
        && !t
            .kids(v, &["obj", "obl"])
            .any(|o| MEETINGS.contains(&t.lower(o).as_str()))
    {
        return None;
    }
    // "meets X at Y": a meeting verb reports the meeting; whether it is still to come is
    // for modality to say, not for the "intent to meet" code of a pattern.
    if code.starts_with("03") && block_code.is_some_and(|b| b.starts_with("04")) {
        return Some(Reading::code(block_code.unwrap_or("040")));
    }
    if is(&["release"]) && obj_in(t, v, PUBLICATIONS) {
        // "released a statement", "releasing several albums": a publication.
        return None;
    }
    if is(&["resign"]) {
        // Leaving office, whatever the pattern ("resigns in response to the protests").
        return Some(Reading::typed("0831", PloverType::Retreat, Some("resign")));
    }
    if is_violence(&code) {
        if is_charge(t, v) || under_charge(t, v) {
            return None;
        }
        if is(&["fire"]) && obj_words(t, v).any(|o| names_people(t, o)) {
            // "fires the director": a dismissal.
            return Some(Reading::typed("160", PloverType::Sanction, None));
        }
        let launched = obj_in(t, v, ATTACK_OBJECTS)
            || subject_in(t, v, ATTACK_OBJECTS)
            || (t.rel(v) == "acl"
                && t.head(v)
                    .is_some_and(|h| ATTACK_OBJECTS.contains(&t.lower(h).as_str())));
        if is(&["launch", "fire"]) && !launched {
            return None;
        }
        if subject_in(t, v, CROWDS) {
            return Some(Reading::typed("145", PloverType::Protest, Some("riot")));
        }
        if is(&["raid"]) && subject_in(t, v, POLICE) {
            return Some(Reading::typed("171", PloverType::Coerce, Some("seize")));
        }
        if is(&["aim"]) && obj_words(t, v).next().is_none() {
            return None;
        }
    }
    if code.starts_with("17") && (is(&["take"]) || matches!(w.as_str(), "took" | "taken")) {
        // "takes control", "taking power", "took hostages", "taken into custody"; not "takes
        // down a statue".
        let seized = obj_words(t, v).any(|o| {
            names_people(t, o)
                || matches!(
                    t.lower(o).as_str(),
                    "control"
                        | "power"
                        | "hostage"
                        | "hostages"
                        | "captive"
                        | "captives"
                        | "custody"
                )
        }) || t.kids(v, &["obl"]).any(|o| t.lower(o) == "custody");
        if t.kids(v, &["compound:prt"]).any(|p| t.lower(p) == "over")
            || (v + 1 < t.len() && t.lower(v + 1) == "over")
        {
            // "have taken over the center of Bukavu": a capture.
            return Some(Reading::code("192"));
        }
        if !seized {
            return None;
        }
    }
    let takes = is(&["take", "seize"]) || matches!(w.as_str(), "took" | "taken");
    if takes && obj_in(t, v, &["power"]) {
        // "the military is taking power": a seizure of the state, not a battle won.
        return Some(Reading::typed(&code, PloverType::Coerce, Some("seize")));
    }
    if is(&["end"]) && obj_in(t, v, &["war", "conflict", "fighting", "crisis", "violence"]) {
        // "to end the war": an aim, not a concession made.
        return None;
    }
    // "Hamas agreed to a ceasefire", "Both countries have agreed to an immediate
    // ceasefire", "A ceasefire is agreed between X and Y": a declared ceasefire is a
    // concession, by one side or by both (the guideline's CONCEDE).
    if (code.starts_with("03") || code.starts_with("05")) && agrees_truce(t, v) {
        return Some(Reading::typed(
            &code,
            PloverType::Concede,
            Some("ceasefire"),
        ));
    }
    Some(Reading::code(&code))
}

/// Whether a truce is what verb `v` agrees to: its object, subject of a passive, or a
/// "to"/"on" phrase.
fn agrees_truce(t: &Tree, v: usize) -> bool {
    t.kids(v, &["obj", "nsubj:pass", "obl"])
        .any(|o| TRUCES.contains(&t.lower(o).as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charge_heads_match_inflections() {
        assert!(stem_matches("convicted", CHARGE_HEADS));
        assert!(stem_matches("sentenced", CHARGE_HEADS));
        assert!(stem_matches("accused", CHARGE_HEADS));
        assert!(!stem_matches("said", CHARGE_HEADS));
    }
}
