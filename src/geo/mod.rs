//! Where events happen: a gazetteer built from GeoNames ([`gazetteer`], [`build`]), place
//! names resolved in context ([`resolve`]), and the place of each event's own clause found
//! through the dependency tree (here).
//!
//! An event takes a place only when its clause says where it happened: a place phrase ("in
//! Istanbul, Türkiye", "at a park in Aschaffenburg", "across the Gaza Strip", "south of
//! Sanaa") on the trigger, on the verb an event noun belongs to ("talks were held in
//! Riyadh"), or on the subject ("a court in Prague sentences"); for attacks, raids and
//! seizures also the place attacked ("strikes on Kharkiv", "captured the city of Goma").
//! Material events (attacks, arrests, protests...) also take the place of the clause they
//! hang on ("raid the Seoul residence to arrest him"); statements and accusations do not.
//! Actors are never places: "Washington said" places nothing.
//!
//! Architecture invariant: no I/O beyond [`Gazetteer::load`]; lookups never panic.

pub mod build;
pub mod gazetteer;
pub mod resolve;

pub use gazetteer::Gazetteer;

use crate::code::tree::Tree;
use crate::doc::Upos;
use crate::event::{Location, PloverType};
use gazetteer::Kind;
use resolve::{facility_city, location, name_run, resolve_at, resolve_run, Context, Resolved};

/// The gazetteer's file name in the models folder.
pub const GAZETTEER_FILE: &str = "gazetteer.bin";

/// Prepositions that put an event somewhere.
const PLACE_CASES: &[&str] = &[
    "in",
    "at",
    "near",
    "across",
    "outside",
    "inside",
    "throughout",
    "around",
    "within",
    "along",
    "off",
    "nearby",
];

/// Prepositions that put a physical act somewhere ("on the streets of Tehran", "flew over
/// Warsaw", "advance into Sheikh Radwan"), though "sanctions on Iran" or "talks over
/// Ukraine" are about a place, not in it.
const MOTION_CASES: &[&str] = &["on", "over", "into", "onto", "via"];

/// Prepositions whose phrase is no place itself but may hold one ("killed by gunmen in
/// Benue State", "a shooting during a gathering at a hall in Stockton").
const INNER_CASES: &[&str] = &["of", "by", "via", "during", "amid", "amidst", "with"];

/// Common nouns whose "of" phrase names a place ("the village of Sakoira", "the streets of
/// Tehran"), unlike "the navies of China".
const PLACE_NOUNS: &[&str] = &[
    "village",
    "town",
    "city",
    "area",
    "region",
    "province",
    "district",
    "state",
    "county",
    "governorate",
    "oblast",
    "suburb",
    "outskirts",
    "street",
    "coast",
    "border",
    "part",
    "capital",
    "center",
    "centre",
    "territory",
    "municipality",
    "neighborhood",
    "neighbourhood",
    "island",
    "port",
];

/// Nouns of taking or striking a place, whose "of" phrase is where it happens ("seize
/// control of Kavumu Airport", "the siege of Mariupol"), unlike "the navies of China".
const OF_PLACE_ACTS: &[&str] = &[
    "control",
    "capture",
    "seizure",
    "siege",
    "fall",
    "occupation",
    "invasion",
    "bombing",
    "shelling",
    "blockade",
    "encirclement",
    "liberation",
    "evacuation",
];

fn place_noun(word: &str) -> bool {
    PLACE_NOUNS.contains(&word)
        || word
            .strip_suffix('s')
            .is_some_and(|w| PLACE_NOUNS.contains(&w))
}

/// Prepositions that name what an attack hits, and so where it happens.
const TARGET_CASES: &[&str] = &["against", "upon", "toward", "towards"];

/// Words that point away from a place ("south of Sanaa", "outskirts of Kyiv").
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "outskirts",
    "outside",
];

/// Events that happen physically somewhere, and so share the place of the clause they
/// depend on; statements (accuse, request, agree...) do not.
fn material(event: PloverType) -> bool {
    event.quad_class() == 2 || event.quad_class() == 4
}

/// Events whose object, when a place, is where they happen ("captured Goma").
fn takes_object_place(event: PloverType) -> bool {
    matches!(
        event,
        PloverType::Assault
            | PloverType::Coerce
            | PloverType::Mobilize
            | PloverType::Retreat
            | PloverType::Protest
    )
}

/// Events whose object's place is theirs ("sign an agreement in Doha"): not statements about
/// other events ("condemned the attack in Kabul").
fn takes_object_setting(event: PloverType) -> bool {
    takes_object_place(event)
        || matches!(
            event,
            PloverType::Agree | PloverType::Consult | PloverType::Cooperate | PloverType::Aid
        )
}

struct Search<'a, 'g> {
    g: &'g Gazetteer,
    t: &'a Tree<'a>,
    event: PloverType,
    /// The trigger's token, or `usize::MAX` when the search is for a whole sentence.
    trigger: usize,
}

impl Search<'_, '_> {
    /// What the sentence (but the name's own words) and the document's lead say.
    fn context(&self, own: std::ops::Range<usize>) -> Context {
        let t = self.t;
        let mut ctx = Context::default();
        ctx.add_sentence(self.g, t, own);
        if let Some(lead) = t.doc.sentences.first().filter(|s| *s != t.sent) {
            ctx.add_sentence(self.g, &Tree::new(t.doc, lead), 0..0);
        }
        ctx
    }

    /// "across the country", "in the capital": the country the sentence and the lead are
    /// clearly about, if they are ("... workers in Portugal, launch a general strike across
    /// the country").
    fn the_country(&self, n: usize) -> Option<Resolved> {
        let t = self.t;
        let word = &t.toks[n].form;
        if !(word == "country" || word == "capital") {
            return None;
        }
        let det = t.kids(n, &["det"]).find(|&d| t.lower(d) == "the")?;
        // "the country's east", "the Kurdish capital" are other places.
        if t.children[n]
            .iter()
            .any(|&c| c < n && !matches!(t.rel(c), "det" | "case"))
        {
            return None;
        }
        // A country named only by nationality words may be the actors' ("80 French
        // servicemembers will remain in the country to train the Ivorian army").
        let ctx = self.context(n..n + 1);
        let country = ctx.main_country().filter(|c| ctx.named.contains(c))?;
        Some(Resolved {
            start: det,
            end: n + 1,
            entry: (word == "country")
                .then(|| self.g.country_entry(&country))
                .flatten(),
            country,
            admin1: None,
        })
    }

    fn resolve(&self, n: usize) -> Option<Resolved> {
        resolve_at(self.g, self.t, n, &mut |own| self.context(own))
    }

    /// The place a nominal names, or the place inside it: "a park in Aschaffenburg", "the
    /// city of Goma", "an attack on Bourbon Street in New Orleans".
    fn place_in(&self, n: usize, depth: usize, compounds: bool) -> Option<Resolved> {
        if let Some(r) = self.resolve(n) {
            return Some(r);
        }
        // "the Catatumbo region", "the Sihan area": the name is the place noun's modifier.
        if place_noun(&self.t.lower(n)) {
            // "the Lower Shabelle region": the words before the noun, as one name.
            let t = self.t;
            let mut s = n;
            while s > 0
                && t.head(s - 1) == Some(n)
                && matches!(t.rel(s - 1), "compound" | "amod" | "flat")
                && t.toks[s - 1]
                    .form
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                s -= 1;
            }
            if s + 1 < n {
                let run = resolve_run(self.g, t, n - 1, (s, n), &mut |own| self.context(own));
                if run.is_some() {
                    return run;
                }
            }
            let named = self.t.children[n]
                .iter()
                .filter(|&&c| matches!(self.t.rel(c), "compound" | "amod" | "flat"))
                .find_map(|&c| self.resolve(c));
            if named.is_some() {
                return named;
            }
        }
        self.place_within(n, depth, compounds)
            .or_else(|| self.the_country(n))
    }

    /// A place among a nominal's modifiers (not the nominal itself): "gunmen in Benue State",
    /// "a research center in Al-Safira"; with `compounds`, a city or division in front of
    /// it ("the central Seoul residence").
    fn place_within(&self, n: usize, depth: usize, compounds: bool) -> Option<Resolved> {
        if depth >= 4 {
            return None;
        }
        let t = self.t;
        for &c in &t.children[n] {
            match t.rel(c) {
                // "factories and a research center in Al-Safira": what the other item holds
                // (the item itself is another place, or another party).
                "conj" => {
                    if let Some(r) = self.place_within(c, depth + 1, compounds) {
                        return Some(r);
                    }
                }
                "nmod" | "nmod:unmarked" | "appos" => {
                    let inner = t.case_of(c).is_none_or(|p| match p.as_str() {
                        "of" => {
                            let head = t.lower(n);
                            place_noun(&head)
                                || place_noun(&t.lower(c))
                                || OF_PLACE_ACTS.contains(&head.as_str())
                        }
                        p => {
                            PLACE_CASES.contains(&p)
                                || (physical(self.event) && MOTION_CASES.contains(&p))
                                || INNER_CASES.contains(&p)
                                || DIRECTIONS.contains(&p)
                        }
                    });
                    if inner {
                        if let Some(r) = self.place_in(c, depth + 1, compounds) {
                            return Some(r);
                        }
                    }
                }
                // "the central Seoul residence", but not "Manhattan District Attorney": a
                // title's compounds are its office's, not a place of the event.
                "compound"
                    if compounds
                        && t.toks[n]
                            .form
                            .chars()
                            .next()
                            .is_some_and(char::is_lowercase) =>
                {
                    let local = self.resolve(c).filter(|r| {
                        r.entry
                            .and_then(|i| self.g.entries.get(i as usize))
                            .is_some_and(|e| {
                                e.kind == Kind::Admin1
                                    || (e.kind == Kind::City && e.population >= 100_000)
                            })
                    });
                    if local.is_some() {
                        return local;
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The place a predicate (verb or event noun) itself states. `inherited`: the event
    /// depends on this predicate's clause, so only where it happened counts, not what it
    /// acted on ("expelling diplomats" under "measures targeting Pakistan").
    fn own_place(&self, v: usize, inherited: bool) -> Option<Resolved> {
        let t = self.t;
        let attack = self.event == PloverType::Assault;
        let physical = physical(self.event);
        let objects = takes_object_place(self.event);
        let obliques: Vec<(usize, Option<String>)> = t.children[v]
            .iter()
            .filter(|&&c| {
                let rel = t.rel(c);
                rel.starts_with("obl") || (rel.starts_with("nmod") && rel != "nmod:poss")
            })
            .map(|&c| (c, t.case_of(c)))
            .collect();
        // Place phrases first: "a ground offensive against Hamas in Gaza City".
        for (c, case) in &obliques {
            let placed = case
                .as_deref()
                .is_some_and(|p| PLACE_CASES.contains(&p) || DIRECTIONS.contains(&p));
            if t.rel(*c) != "obl:agent" && placed {
                if let Some(r) = self.place_in(*c, 0, objects) {
                    return Some(r);
                }
            }
        }
        for &c in &t.children[v] {
            // "south of Sanaa"
            if DIRECTIONS.contains(&t.lower(c).as_str()) {
                for o in t.kids(c, &["nmod", "obl"]) {
                    if t.case_of(o).as_deref() == Some("of") {
                        if let Some(r) = self.place_in(o, 0, false) {
                            return Some(r);
                        }
                    }
                }
            }
        }
        for (c, case) in &obliques {
            let p = case.as_deref().unwrap_or("");
            // "send more troops to Saudi Arabia", "a visit to Ireland": where they go.
            let destination = p == "to"
                && (self.event == PloverType::Mobilize
                    || [
                        "visit",
                        "visits",
                        "trip",
                        "tour",
                        "travel",
                        "travels",
                        "traveled",
                        "travelled",
                    ]
                    .contains(&t.lower(v).as_str()));
            let found = if destination {
                self.place_in(*c, 0, false)
            } else if t.rel(*c) == "obl:agent" || INNER_CASES.contains(&p) {
                self.place_within(*c, 0, false)
            } else if (physical && MOTION_CASES.contains(&p))
                || (attack && TARGET_CASES.contains(&p))
            {
                self.place_in(*c, 0, objects)
            } else {
                None
            };
            if found.is_some() {
                return found;
            }
        }
        // "a court in Prague sentences": where the subject is.
        for s in t.kids(v, &["nsubj", "nsubj:pass"]) {
            // "The Seoul Central District Court issues a warrant, placing him in custody":
            // a deed done by a court or a prison named after its city is done there.
            if material(self.event)
                && (v == self.trigger || inherited)
                && name_run(t, s)
                    .is_some_and(|(a, b)| !facility_city(self.g, t.text(a, b - 1)).is_empty())
            {
                if let Some(r) = self.resolve(s) {
                    return Some(r);
                }
            }
            if objects && !inherited && t.rel(s) == "nsubj:pass" {
                if let Some(r) = self.place_in(s, 0, true) {
                    return Some(r);
                }
            }
            for m in t.kids(s, &["nmod"]) {
                if matches!(t.case_of(m).as_deref(), Some("in") | Some("at")) {
                    if let Some(r) = self.place_in(m, 0, false) {
                        return Some(r);
                    }
                }
            }
        }
        if !objects && takes_object_setting(self.event) {
            for o in t.kids(v, &["obj"]) {
                for m in t.kids(o, &["nmod"]) {
                    if matches!(t.case_of(m).as_deref(), Some("in") | Some("at")) {
                        if let Some(r) = self.place_in(m, 0, false) {
                            return Some(r);
                        }
                    }
                }
            }
        }
        if objects {
            for o in t.kids(v, &["obj"]) {
                let found = if inherited {
                    self.place_within(o, 0, true)
                } else {
                    self.place_in(o, 0, true)
                };
                if found.is_some() {
                    return found;
                }
            }
        }
        None
    }
}

/// Relations along which a material event shares the place of the clause it depends on.
const SHARED_CLAUSE: &[&str] = &["conj", "xcomp", "advcl"];

/// Where the event with trigger head `trigger` (sentence index) happens, if its clause says:
/// `clause` is the verb an event noun belongs to (the trigger itself for a verb).
pub fn event_place(
    g: &Gazetteer,
    t: &Tree,
    trigger: usize,
    clause: usize,
    event: PloverType,
) -> Option<Location> {
    if trigger >= t.len() || clause >= t.len() {
        return None;
    }
    let search = Search {
        g,
        t,
        event,
        trigger,
    };
    let mut found = search.own_place(trigger, false);
    if found.is_none() && clause != trigger {
        found = search.own_place(clause, false);
    }
    // "gunfire and airstrikes kill 41 Palestinians across Gaza": an event noun's own
    // clause may hang on it.
    if found.is_none() && material(event) {
        // "gunfire and airstrikes kill": the first conjunct holds the clause.
        let first = t.head(trigger).filter(|_| t.rel(trigger) == "conj");
        found = std::iter::once(trigger)
            .chain(first)
            .flat_map(|n| t.kids(n, &["acl", "acl:relcl"]))
            .find_map(|a| search.own_place(a, false));
    }
    if found.is_none() && material(event) {
        let mut cur = clause;
        for _ in 0..3 {
            let Some(h) = t.head(cur).filter(|_| SHARED_CLAUSE.contains(&t.rel(cur))) else {
                break;
            };
            found = search.own_place(h, true);
            if found.is_some() {
                break;
            }
            cur = h;
        }
    }
    if found.is_none() && physical(event) {
        found = search.nearest_place_below(clause);
    }
    if let Some(r) = found {
        return Some(location(g, t, &r));
    }
    if physical(event) {
        return previous_scene(g, t, event);
    }
    None
}

/// Events done to bodies and things on the spot (attacks, arrests, protests, deployments):
/// where the story happens, they happen. A sentence, a sanction or a release is decided
/// somewhere else than the deeds it answers for.
fn physical(event: PloverType) -> bool {
    matches!(
        event,
        PloverType::Assault | PloverType::Coerce | PloverType::Mobilize | PloverType::Protest
    )
}

/// Prepositions of reasons and topics, not of settings: the clause below "arrested on
/// suspicion of ...", "convicted of war crimes in Darfur" tells of other deeds elsewhere.
const REASON_CASES: &[&str] = &[
    "for",
    "following",
    "of",
    "regarding",
    "from",
    "about",
    "despite",
    "concerning",
];

/// Nouns whose "of" phrase is a reason ("on suspicion of ...", "on charges of ...").
const REASON_NOUNS: &[&str] = &[
    "suspicion",
    "charge",
    "charges",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "count",
    "counts",
    "conviction",
];

/// Subordinators of clauses that give a reason, not a setting: "sentenced to 50 years for
/// fatally stabbing a student at a school in Zagreb".
const REASON_MARKS: &[&str] = &["for", "of", "despite", "because"];

impl Search<'_, '_> {
    /// The nearest place phrase anywhere in the clause below `top`, breadth first: "arrested
    /// after planning attacks at a concert in Rio de Janeiro", "bans them from owning land in
    /// Texas". Reported speech and asides are other statements, and are not entered.
    fn nearest_place_below(&self, top: usize) -> Option<Resolved> {
        let t = self.t;
        let mut queue = std::collections::VecDeque::from([top]);
        let mut visited = 0;
        while let Some(n) = queue.pop_front() {
            visited += 1;
            if visited > 80 {
                break;
            }
            if n != top
                && t.case_of(n)
                    .is_some_and(|p| PLACE_CASES.contains(&p.as_str()))
            {
                // "hiding in the Cal Miskaad mountains of the Bari Region": a place phrase
                // may name its place inside.
                if let Some(r) = self.place_in(n, 0, false) {
                    return Some(r);
                }
            }
            for &c in &t.children[n] {
                let reason = t.case_of(c).is_some_and(|p| match p.as_str() {
                    // "convicted of", "on suspicion of", but not "militants of Manipur in
                    // Bishnupur" or "the village of Sakoira".
                    "of" => {
                        matches!(t.upos(n), Upos::Verb | Upos::Adj | Upos::Aux)
                            || REASON_NOUNS.contains(&t.lower(n).as_str())
                    }
                    p => REASON_CASES.contains(&p),
                }) || t
                    .kids(c, &["mark"])
                    .any(|m| REASON_MARKS.contains(&t.lower(m).as_str()));
                // Relative clauses tell about a party, not the event: "bans companies from
                // dealing with Hanwha Ocean, which has shipyards in the United States".
                let aside = matches!(
                    t.rel(c),
                    "ccomp" | "parataxis" | "nmod:poss" | "punct" | "acl:relcl"
                );
                if !reason && !aside {
                    queue.push_back(c);
                }
            }
        }
        None
    }
}

/// A material event whose sentence names no place at all happened, as news tells a story,
/// where the sentence before it (in the same paragraph) set the scene: "... in a mass
/// stabbing at a park in Aschaffenburg, Germany. The perpetrator is arrested."
fn previous_scene(g: &Gazetteer, t: &Tree, event: PloverType) -> Option<Location> {
    let doc = t.doc;
    let si = doc.sentences.partition_point(|s| s.start < t.sent.start);
    let prev = doc.sentences.get(si.checked_sub(1)?)?;
    if doc.slice(prev.end, t.sent.start).contains('\n') {
        return None;
    }
    // "Congolese and Rwandan forces exchange fire along the border": the sentence says
    // where, in words the gazetteer does not know; the scene before is not that place.
    let own_setting = (0..t.len()).any(|n| {
        t.case_of(n)
            .is_some_and(|p| PLACE_CASES.contains(&p.as_str()))
            && place_noun(&t.lower(n))
    });
    if own_setting
        || (Search {
            g,
            t,
            event,
            trigger: usize::MAX,
        })
        .first_place_phrase()
        .is_some()
    {
        return None;
    }
    let pt = Tree::new(doc, prev);
    let r = (Search {
        g,
        t: &pt,
        event,
        trigger: usize::MAX,
    })
    .first_place_phrase()?;
    Some(location(g, &pt, &r))
}

impl Search<'_, '_> {
    /// The first place phrase ("in X", "at X", "near X") of the sentence.
    fn first_place_phrase(&self) -> Option<Resolved> {
        let t = self.t;
        (0..t.len())
            .filter(|&n| {
                t.case_of(n)
                    .is_some_and(|p| PLACE_CASES.contains(&p.as_str()))
            })
            .find_map(|n| self.resolve(n))
    }
}

#[cfg(test)]
mod tests;
