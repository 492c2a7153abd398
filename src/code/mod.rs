//! The event coder: from an annotated [`Doc`] (sentences, tags, dependency tree) to the
//! contract's event records, using the PETRARCH/Phoenix dictionaries. No I/O here.
//!
//! Per sentence: skip it when a discard phrase occurs (sports, business...) or it is a
//! question; find actor and agent phrases ([`actors`]); find event triggers, verbs from the
//! verb dictionary and a few event nouns ([`triggers`]); take each trigger's source and
//! target from the dependency tree (subject → actor, object → recipient, passive the other
//! way round, "talks with/between ..." for nouns); decide negation and future
//! ([`modality`]); map the CAMEO code to a PLOVER type and mode; date it by its clause
//! ([`crate::when`]). Within a document an event repeated with the same type and the same
//! actor and recipient countries at a compatible date is one record; the other sentences go
//! to `mentions`.
//!
//! Only `Doc::text` is coded: a title kept in `meta.title` is not.

pub mod actors;
pub mod headline;
pub mod modality;
pub mod pairs;
pub mod senses;
pub mod suite;
pub mod tree;
pub mod triggers;
pub mod types;

use crate::dict::{Dictionaries, Ymd};
use crate::doc::{Doc, Upos};
use crate::event::{cameo, ActorRef, EventRecord, PloverType, TextInfo};
use actors::{
    country_codes, encode_sentence, find_spans, split_code, ActorContext, DocMemory, Found,
    SpanKind,
};
use serde::Serialize;
use std::collections::HashSet;
use tree::Tree;
use triggers::{compile_patterns, noun_triggers, verb_triggers, Trigger, WordPattern};
use types::guideline_type;

/// One output line: the contract record plus the extension `mentions` (the indices of
/// the other sentences that report the same event).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodedEvent {
    #[serde(flatten)]
    pub record: EventRecord,
    pub mentions: Vec<usize>,
}

/// Dictionaries compiled for coding; immutable once built, shareable across documents.
pub struct Coder {
    pub dicts: Dictionaries,
    patterns: Vec<Vec<WordPattern>>,
    countries: HashSet<String>,
    /// The gazetteer for event locations; without it events have none.
    pub places: Option<std::sync::Arc<crate::geo::Gazetteer>>,
    /// Code as PETRARCH does with a test suite's dictionaries ([`Coder::suite_mode`]).
    suite: bool,
}

/// Prepositions that introduce the target of an event verb ("met with", "fired on").
const TARGET_PREPS: &[&str] = &[
    "with", "against", "to", "on", "at", "toward", "towards", "into", "upon",
];

impl Coder {
    pub fn new(dicts: Dictionaries) -> Coder {
        let patterns = compile_patterns(&dicts, false);
        let countries = country_codes(&dicts);
        Coder {
            dicts,
            patterns,
            countries,
            places: None,
            suite: false,
        }
    }

    /// Code what the dictionaries say and nothing else, as PETRARCH does with the test
    /// suite's dictionaries (see [`suite`]): for `dragoman eval petrarch` and petrarch-xml
    /// input coded with `--dictionaries`.
    pub fn suite_mode(mut self) -> Coder {
        self.suite = true;
        self.patterns = compile_patterns(&self.dicts, true);
        self.countries.extend(suite::code_heads(&self.dicts));
        self
    }

    /// Whether this coder codes as PETRARCH does ([`Coder::suite_mode`]).
    pub fn in_suite_mode(&self) -> bool {
        self.suite
    }

    /// Code one annotated document: its events in sentence then trigger order.
    pub fn code(&self, doc: &Doc) -> Vec<CodedEvent> {
        let pub_date = doc.meta.date.clone().unwrap_or_default();
        let day = Ymd::parse_iso(&pub_date);
        let mut seen: Vec<(String, usize)> = Vec::new();
        let mut out: Vec<CodedEvent> = Vec::new();
        let mut memory = DocMemory::default();
        let speech = quoted_speech(doc);
        for (si, sent) in doc.sentences.iter().enumerate() {
            let t = Tree::new(doc, sent);
            if t.is_empty() {
                continue;
            }
            let forms: Vec<&str> = t.toks.iter().map(|x| x.form.as_str()).collect();
            let enc = encode_sentence(&self.dicts, &forms, &self.countries);
            let mut spans = find_spans(&self.dicts, &enc, day);
            let antecedent = memory.antecedent.clone();
            memory.annotate(&t, &enc, &mut spans);
            let sentence_countries: Vec<String> = spans
                .iter()
                .filter_map(|s| match &s.kind {
                    SpanKind::Actor(c) => split_code(c, &self.countries)
                        .filter(|sp| self.countries.contains(&sp.code))
                        .map(|sp| sp.code),
                    SpanKind::Agent(_) => None,
                })
                .collect();
            for c in &sentence_countries {
                match seen.iter_mut().find(|(k, _)| k == c) {
                    Some(slot) => slot.1 += 1,
                    None => seen.push((c.clone(), 1)),
                }
            }
            // News names its protagonists first: a role ("police", "a man") belongs to the
            // document's first-named country, "both sides" to its first two.
            let mut fallback = context_country(&seen);
            let mut pair = match seen.as_slice() {
                [a, b, ..] => Some((a.0.clone(), b.0.clone())),
                _ => None,
            };
            if self.suite {
                fallback = Some(suite::NULL_COUNTRY.to_string());
                pair = None;
            }
            // News is dated event by event (`when`): a year or "years ago" drops nothing.
            let discard = match self.suite {
                true => self.dicts.discard_in(&enc),
                false => self.dicts.discard_where(&enc, |d| !d.is_temporal()),
            };
            if discard.is_some() {
                continue;
            }
            let story: Vec<String> = seen.iter().map(|(c, _)| c.clone()).collect();
            let ctx = ActorContext {
                spans: &spans,
                countries: &self.countries,
                fallback,
                pair,
                sentence: &sentence_countries,
                story: &story,
                antecedent: antecedent.as_deref(),
                suite: self.suite,
            };
            let mut triggers = verb_triggers(&self.dicts, &self.patterns, &t, &enc);
            if !self.suite {
                triggers.extend(noun_triggers(&t));
            }
            triggers.sort_by_key(|tr| tr.start);
            let mut coded: Vec<(&Trigger, EventRecord)> = triggers
                .iter()
                .filter_map(|tr| Some((tr, self.record(doc, si, &t, &ctx, tr, &pub_date)?)))
                .filter(|(tr, rec)| !told_in_quote(&speech, t.toks[tr.start].start, rec))
                .collect();
            let paired: Vec<Trigger> = match self.suite {
                true => {
                    for (tr, rec) in coded.iter_mut() {
                        suite::set_pattern_roles(
                            &self.dicts,
                            &self.patterns,
                            &t,
                            &ctx,
                            &enc,
                            tr,
                            rec,
                        );
                    }
                    (triggers.iter())
                        .filter_map(|tr| suite::reverse_trigger(&self.dicts, &enc, tr))
                        .collect()
                }
                false => Vec::new(),
            };
            for tr in &paired {
                if let Some(mut rec) = self.record(doc, si, &t, &ctx, tr, &pub_date) {
                    std::mem::swap(&mut rec.actor, &mut rec.recipient);
                    coded.push((tr, rec));
                }
            }
            let coded = without_time_parties(&t, coded);
            // "Five people are killed when a bus collides with...": deaths with no one
            // who caused them, in an accident or a disaster told here or just before.
            let accident = types::tells_accident(&forms)
                || (si > 0 && types::tells_accident(&sentence_forms(doc, si - 1)));
            // An event with no party at all ("the summit", "an attack") says too little to
            // count, save a protest: crowds are rarely named.
            let kept = continue_series(fold_passives(&t, coded))
                .into_iter()
                .filter(|r| !(accident && r.event == PloverType::Assault && r.actor.is_empty()))
                .filter(|r| !bare(r) || r.event == PloverType::Protest);
            // The suite counts every source with every target itself.
            let split = |r| match self.suite {
                true => vec![r],
                false => pairs::split(r),
            };
            for rec in kept.flat_map(split) {
                out.push(CodedEvent {
                    record: rec,
                    mentions: Vec::new(),
                });
            }
        }
        let mut events = merge_repeats(out, &doc.meta.id);
        crate::topics::annotate(&self.dicts, doc, &mut events);
        events
    }

    fn record(
        &self,
        doc: &Doc,
        si: usize,
        t: &Tree,
        ctx: &ActorContext,
        tr: &Trigger,
        pub_date: &str,
    ) -> Option<EventRecord> {
        let mapping = self.dicts.plover.lookup(&tr.cameo);
        let trigger_text = t.text(tr.start, tr.end - 1);
        let guideline = guideline_type(&tr.cameo, trigger_text);
        // A suite's own codes (`903`) are kept, typed AGREE as a placeholder, Goldstein 0.
        let event = tr
            .event
            .or(guideline.map(|g| g.0))
            .or_else(|| mapping.as_ref().and_then(|m| PloverType::parse(&m.event)))
            .or(self.suite.then_some(PloverType::Agree))?;
        if self.suite && !triggers::is_event_code(&tr.cameo) {
            return None;
        }
        let goldstein = cameo::goldstein(&tr.cameo).or(self.suite.then_some(0.0))?;
        let quad_code = cameo::quad_class(&tr.cameo).unwrap_or(event.quad_class());
        let mode = tr
            .mode
            .clone()
            .or_else(|| guideline.and_then(|g| g.1).map(str::to_string))
            .or_else(|| mapping.and_then(|m| m.mode))
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty());
        let (actor_heads, recipient_heads, clause) = if tr.noun {
            noun_arguments(t, ctx, tr.head)
        } else {
            let (a, r) = verb_arguments(t, ctx, tr.head, self.suite);
            (a, r, tr.head)
        };
        // "The ban was discussed", "the information contained a mistranslation": a thing
        // does not act.
        let mut actor_heads: Vec<Found> = match self.suite {
            true => actor_heads,
            false => actor_heads.into_iter().filter(|f| !f.thing).collect(),
        };
        let recipient_heads = match tr.target {
            Some(x) => resolve_all(t, ctx, &[x], true),
            None => recipient_heads,
        };
        if !tr.noun
            && actor_heads.is_empty()
            && matches!(event, PloverType::Coerce | PloverType::Sanction)
        {
            actor_heads = authority_speaker(t, ctx, tr.head);
        }
        let mut m = modality::modality(t, clause);
        if m.hypothetical {
            return None;
        }
        let event = match types::refusal(event, m.negated, m.future) {
            Some(refused) => {
                m.negated = false;
                refused
            }
            None => event,
        };
        // A verb says little by itself ("take", "improve"): the dictionaries code it only
        // when the text names a participant.
        if !tr.noun && actor_heads.is_empty() && recipient_heads.is_empty() {
            return None;
        }
        // Cooperation verbs ("serve", "lead", "face", "hear") are mostly not events: code
        // them, as PETRARCH does, only between parties the text names.
        let cooperative = matches!(
            event,
            PloverType::Consult
                | PloverType::Cooperate
                | PloverType::Support
                | PloverType::Concede
                | PloverType::Agree
        );
        // "Congo and Rwanda signed", "the DRC and the M23 rebels sign": a joint subject of
        // named parties (of one country or two) is both sides.
        let named_parties: HashSet<(&str, Option<&str>)> = actor_heads
            .iter()
            .filter(|f| f.named)
            .map(|f| (f.actor.code.as_str(), f.actor.sector.as_deref()))
            .collect();
        let joint = named_parties.len() > 1 && pairs::is_mutual(event);
        let both_named =
            actor_heads.iter().any(|f| f.named) && recipient_heads.iter().any(|f| f.named);
        // "Both countries have agreed to a ceasefire": the two sides the story names.
        let both_sides = actor_heads.iter().filter(|f| f.group).count() > 1;
        if !tr.noun && cooperative && !joint && !both_named && !both_sides {
            return None;
        }
        let reciprocal = actor_heads.iter().filter(|f| f.group).count() > 1
            // PETRARCH: "A and B agree" is A with B and B with A.
            || (self.suite && joint && recipient_heads.is_empty());
        let mut recipient_heads = recipient_heads;
        if joint && self.suite {
            // PETRARCH: the other party is in the subject; "an agreement" is no party.
            if !recipient_heads.iter().any(|f| f.named) && !reciprocal {
                recipient_heads.clear();
            }
        } else if joint {
            // The other party is in the subject; "an agreement", "a framework agreement
            // in Doha, Qatar" is no party: a country that only says where a thing is gives
            // no sector.
            recipient_heads.retain(|f| f.named && f.actor.sector.is_some());
        }
        if reciprocal && !recipient_heads.iter().any(|f| f.named) {
            // "Both sides expelled diplomats": each side did it to the other.
            recipient_heads = actor_heads.iter().rev().cloned().collect();
        }
        let event_loc = (self.places.as_deref())
            .and_then(|g| crate::geo::event_place(g, t, tr.head, clause, event));
        // "Police arrested the gunman", "a judge ordered": police and courts known only by
        // their role are those of the country where it happens, not the story's first-named
        // (the gunman's) country. A place in a country the story never names is too weak a
        // reading ("shot Khan" is no town Haan in Germany); a pronoun stands for its antecedent.
        let place = (event_loc.as_ref().map(|l| &l.country_code))
            .filter(|c| self.countries.contains(*c) && ctx.story.contains(*c));
        // Likewise people hurt in an attack ("Four people are injured in a Ukrainian drone
        // strike on Novorossiysk, Russia") are of the country where it happened.
        if let Some(place) = place {
            let victims = recipient_heads
                .iter_mut()
                .map(|f| (f, event == PloverType::Assault));
            for (f, victim) in actor_heads.iter_mut().map(|f| (f, false)).chain(victims) {
                let local = match f.actor.sector.as_deref() {
                    Some("COP") | Some("JUD") => true,
                    Some("CVL") => victim,
                    _ => false,
                };
                let pronoun = actors::PRONOUNS.contains(&f.actor.text.to_lowercase().as_str());
                if !f.named && !f.group && local && !pronoun && f.actor.code != *place {
                    f.actor.cameo = format!("{place}{}", f.actor.cameo.get(3..).unwrap_or(""));
                    f.actor.code = place.clone();
                }
            }
        }
        if !self.suite && matches!(event, PloverType::Assault | PloverType::Mobilize) {
            for f in actor_heads.iter_mut() {
                actors::as_military(f, &self.countries);
            }
        }
        // A victim known only by its role ("three people") is, failing better knowledge,
        // of the other country the sentence names, not the attacker's.
        let actor_codes: Vec<String> = actor_heads.iter().map(|f| f.actor.code.clone()).collect();
        let other = ctx.sentence.iter().find(|c| !actor_codes.contains(c));
        for f in recipient_heads.iter_mut() {
            let victim = event == PloverType::Assault && f.actor.sector.as_deref() == Some("CVL");
            let placed = victim && place == Some(&f.actor.code);
            if !f.named && !f.group && !placed && actor_codes.contains(&f.actor.code) {
                if let Some(c) = other {
                    f.actor.code = c.clone();
                    f.actor.cameo = c.clone();
                }
            }
        }
        let actor = dedupe(actor_heads);
        let mut recipient = dedupe(recipient_heads);
        if !reciprocal {
            // The same words as actor and recipient are a parsing slip.
            recipient.retain(|r| !actor.iter().any(|a| a.text == r.text && a.code == r.code));
        }
        let sent = t.sent;
        let when = crate::when::event_date(t, tr.head, m.future, pub_date);
        Some(EventRecord {
            id: String::new(),
            doc_id: doc.meta.id.clone(),
            date: when.date,
            date_precision: when.precision.as_str().to_string(),
            pub_date: pub_date.to_string(),
            event,
            mode,
            cameo: tr.cameo.clone(),
            quad_code,
            goldstein,
            actor,
            recipient,
            negated: m.negated,
            future: m.future,
            event_text: t.text(tr.start, tr.end - 1).to_string(),
            event_loc,
            topics: Vec::new(),
            excluded_topics: Vec::new(),
            text_info: TextInfo {
                sentence: si,
                start: doc.char_offset(sent.start),
                end: doc.char_offset(sent.end),
                text: doc.slice(sent.start, sent.end).to_string(),
            },
        })
    }
}

/// The byte ranges of a document's quoted speech: quotations of at least
/// [`crate::quotes::MIN_WORDS`] words (shorter ones are mostly scare quotes around the
/// writer's own words: "taking power"), in text order.
fn quoted_speech(doc: &Doc) -> Vec<std::ops::Range<usize>> {
    crate::quotes::marks::quotations(&doc.text)
        .into_iter()
        .filter(|m| {
            doc.text
                .get(m.start..m.end)
                .is_some_and(|q| q.split_whitespace().count() >= crate::quotes::MIN_WORDS)
        })
        .map(|m| m.start..m.end)
        .collect()
}

/// "Tunisia is facing terrorist attacks", "we will never take your support for granted":
/// what a speaker says inside a quotation is the speaker's opinion, reasons and rhetoric,
/// not the events the article reports (the guideline codes no opinions); the quoting itself
/// is coded from the speech verb outside the marks. Only the speaker's own verbal act in
/// the first person stays ("I strongly reject", "I hope that she will come back").
fn told_in_quote(speech: &[std::ops::Range<usize>], at: usize, rec: &EventRecord) -> bool {
    let i = speech.partition_point(|r| r.end <= at);
    let quoted = speech.get(i).is_some_and(|r| r.contains(&at));
    let own_word = matches!(rec.quad_code, 1 | 3)
        && !rec.actor.is_empty()
        && rec.actor.iter().all(|a| a.text == "I");
    quoted && !own_word
}

/// "sentenced Ohio man James Alex Fields Friday", "killing at least eight people, on the
/// same day": a time the parser took for a noun phrase is no party of the event.
fn without_time_parties<'t>(
    t: &Tree,
    mut coded: Vec<(&'t Trigger, EventRecord)>,
) -> Vec<(&'t Trigger, EventRecord)> {
    if coded.is_empty() {
        return coded;
    }
    let times: Vec<&str> = crate::when::find(t.toks)
        .iter()
        .map(|e| t.text(e.first, e.end - 1))
        .collect();
    let is_time = |a: &ActorRef| {
        let words = ["the ", "that ", "this ", "on "]
            .iter()
            .find_map(|d| a.text.strip_prefix(d))
            .unwrap_or(&a.text);
        times.iter().any(|&x| x == a.text || x == words)
    };
    for (_, rec) in coded.iter_mut() {
        rec.actor.retain(|a| !is_time(a));
        rec.recipient.retain(|a| !is_time(a));
    }
    coded
}

/// The country a role belongs to ("police", "a judge"): the document's first-named country,
/// unless a long story has come to name another clearly more often (the Australian
/// gunman named first, the New Zealand police after).
fn context_country(seen: &[(String, usize)]) -> Option<String> {
    let (first, n) = seen.first()?;
    let most = seen.iter().rev().max_by_key(|(_, k)| *k)?;
    Some(if most.1 >= 3 && most.1 > *n {
        most.0.clone()
    } else {
        first.clone()
    })
}

/// "Two people were killed and three injured in a drone strike": the passive verbs name the
/// victims, the noun the attack. A verb event without an actor that has an event noun in
/// its clause gives that noun its recipients and is dropped; an actor-less verb joined to
/// another actor-less event verb ("killed and injured") is the same event.
fn fold_passives(t: &Tree, coded: Vec<(&Trigger, EventRecord)>) -> Vec<EventRecord> {
    let mut keep = vec![true; coded.len()];
    let mut gifts: Vec<(usize, Vec<ActorRef>)> = Vec::new();
    for (i, (tr, rec)) in coded.iter().enumerate() {
        if tr.noun {
            // "imposed sanctions on X": the verb codes the event its object names.
            let said = coded.iter().any(|(v, vrec)| {
                !v.noun
                    && vrec.event == rec.event
                    && t.head(tr.head) == Some(v.head)
                    && t.rel(tr.head) == "obj"
            });
            if said {
                keep[i] = false;
            }
            continue;
        }
        // "plans to attack": the plan is the attack's future, not an event of its own.
        let intends = coded.iter().any(|(o, _)| {
            o.head != tr.head && t.head(o.head) == Some(tr.head) && t.rel(o.head) == "xcomp"
        });
        if intends && modality::is_intention(&t.lower(tr.head)) {
            keep[i] = false;
            continue;
        }
        // "An airstrike killed five", "a strike targeting X": the noun is the event and
        // the verb only tells whom it hit.
        let carried = coded.iter().position(|(n, nrec)| {
            n.noun
                && nrec.event == rec.event
                && ((t.head(n.head) == Some(tr.head) && t.rel(n.head) == "nsubj")
                    || (t.head(tr.head) == Some(n.head) && t.rel(tr.head) == "acl"))
        });
        let carried = carried.or_else(|| victims_of(t, &coded, i));
        if let Some(n) = carried {
            gifts.push((n, rec.recipient.clone()));
            keep[i] = false;
            continue;
        }
        // "Four civilians are killed in an airstrike by a drone": the verb's agent, if
        // any, is the noun's own.
        let noun = coded.iter().position(|(n, nrec)| {
            n.noun
                && t.within(n.head, tr.head)
                && nrec.event == rec.event
                && (rec.actor.is_empty()
                    || (nrec.actor == rec.actor
                        && t.kids(tr.head, &["nsubj:pass"]).next().is_some()
                        && t.head(n.head) == Some(tr.head)
                        && t.rel(n.head) == "obl"))
        });
        if !rec.actor.is_empty() && noun.is_none() {
            continue;
        }
        if let Some(n) = noun {
            gifts.push((n, rec.recipient.clone()));
            keep[i] = false;
            continue;
        }
        if t.rel(tr.head) == "conj" {
            let joined = coded.iter().any(|(o, orec)| {
                !o.noun && Some(o.head) == t.head(tr.head) && orec.actor.is_empty()
            });
            if joined {
                keep[i] = false;
            }
        }
    }
    let mut recs: Vec<EventRecord> = coded.into_iter().map(|(_, r)| r).collect();
    for (n, recipients) in gifts {
        // The victims, rather than the building or town hit, are an attack's recipient.
        let victims = recs[n].event == PloverType::Assault
            && recs[n].recipient.iter().all(actors::is_thing)
            && recipients.iter().any(|r| !actors::is_thing(r));
        if recs[n].recipient.is_empty() || victims {
            recs[n].recipient = recipients;
            // "Six soldiers and 34 gunmen were killed in clashes": two sides, the first
            // named taken as the actor, as the guideline does for meetings.
            if recs[n].actor.is_empty() && recs[n].recipient.len() > 1 {
                let first = recs[n].recipient.remove(0);
                recs[n].actor.push(first);
            }
        }
    }
    recs.into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// "Russia launches drone attacks on Kharkiv, killing three people": an attack's participle
/// of killing or wounding tells whom the attack (on its verb, or the verb it hangs on) hit.
/// The index of that attack among `coded`, for the record at `i`.
fn victims_of(t: &Tree, coded: &[(&Trigger, EventRecord)], i: usize) -> Option<usize> {
    let (tr, rec) = &coded[i];
    let participle = rec.event == PloverType::Assault
        && !tr.noun
        && matches!(t.rel(tr.head), "advcl" | "xcomp" | "conj")
        && t.lower(tr.head).ends_with("ing");
    let h = t.head(tr.head).filter(|_| participle)?;
    coded.iter().position(|(o, orec)| {
        o.head != tr.head
            && orec.event == PloverType::Assault
            && (o.head == h || t.head(o.head) == Some(h))
            && (rec.actor.is_empty() || same_codes(&rec.actor, &orec.actor))
    })
}

fn same_codes(a: &[ActorRef], b: &[ActorRef]) -> bool {
    a.iter().all(|x| b.iter().any(|y| y.code == x.code))
        && b.iter().all(|y| a.iter().any(|x| x.code == y.code))
}

fn sentence_forms(doc: &Doc, si: usize) -> Vec<&str> {
    doc.sentence_tokens(&doc.sentences[si])
        .iter()
        .map(|t| t.form.as_str())
        .collect()
}

fn dedupe(list: Vec<Found>) -> Vec<ActorRef> {
    let mut out: Vec<ActorRef> = Vec::new();
    for a in list.into_iter().map(|f| f.actor) {
        if !out.iter().any(|b| b.code == a.code && b.text == a.text) {
            out.push(a);
        }
    }
    out
}

/// Resolve every head and its conjuncts; `context` admits actors the text does not name
/// (a role or an unknown name given the document's country).
fn resolve_all(t: &Tree, ctx: &ActorContext, heads: &[usize], context: bool) -> Vec<Found> {
    let mut out = Vec::new();
    for &h in heads {
        let conjuncts = match ctx.suite {
            true => suite::conjuncts(t, h),
            false => t.with_conjuncts(h),
        };
        for c in conjuncts {
            out.extend(ctx.resolve(t, c).into_iter().filter(|f| context || f.named));
            if ctx.suite {
                out.extend(suite::phrase_conjuncts(t, ctx, c));
            }
        }
    }
    out
}

/// Source and target of a verb: subject and object, passive agent and subject, the
/// prepositional target; a verb without a subject shares that of the verb it hangs on.
fn verb_arguments(t: &Tree, ctx: &ActorContext, v: usize, suite: bool) -> (Vec<Found>, Vec<Found>) {
    let mut subj: Vec<usize> = t.kids(v, &["nsubj"]).collect();
    let mut objs: Vec<usize> = t.kids(v, &["obj", "iobj", "nsubj:pass"]).collect();
    let mut agents: Vec<usize> = t.kids(v, &["obl:agent"]).collect();
    let mut targets = Vec::new();
    for o in t.kids(v, &["obl"]) {
        match t.case_of(o).as_deref() {
            Some("by") if objs.iter().any(|&x| t.rel(x) == "nsubj:pass") => agents.push(o),
            Some(p) if TARGET_PREPS.contains(&p) => targets.push(o),
            _ => {}
        }
    }
    if agents.is_empty() && objs.iter().any(|&x| t.rel(x) == "nsubj:pass") {
        agents = agent_in_obliques(t, v);
    }
    subj.append(&mut agents);
    if triggers::listed_verb(t, v) {
        // "expelled staff, imposed restrictions, and ...": the parser made the second verb
        // a modifier of its object; the object is the noun, the subject the clause's.
        if let Some(h) = t.head(v) {
            objs.push(h);
            subj.extend(clause_subject(t, h));
        }
    }
    // A passive with its own subject ("a hafling was reported") has an unknown agent, not
    // the subject of the clause it hangs on.
    let passive = suite && objs.iter().any(|&x| t.rel(x) == "nsubj:pass");
    if subj.is_empty() && !passive {
        let mut cur = v;
        for _ in 0..4 {
            let rel = t.rel(cur);
            let Some(h) = t.head(cur) else { break };
            match rel {
                "conj" | "xcomp" | "advcl" => {
                    // "Hamas is expected to release": a raising verb's passive subject.
                    let rels: &[&str] = if rel == "xcomp" {
                        &["nsubj", "nsubj:pass"]
                    } else {
                        &["nsubj"]
                    };
                    let s: Vec<usize> = t.kids(h, rels).collect();
                    if !s.is_empty() {
                        subj = s;
                        break;
                    }
                    cur = h;
                }
                // A conjoined verb the parser hung on a noun ("expelled staff, imposed
                // restrictions and confiscated property") still shares the clause's subject.
                "obj" | "nmod" | "amod"
                    if t.rel(v) == "conj" && t.upos(t.head(v).unwrap_or(v)) != Upos::Verb =>
                {
                    let s: Vec<usize> = t.kids(h, &["nsubj"]).collect();
                    if !s.is_empty() {
                        subj = s;
                        break;
                    }
                    cur = h;
                }
                "acl:relcl" => {
                    subj.push(h);
                    break;
                }
                "acl" => {
                    if t.lower(v).ends_with("ing") || headline_clause(t, v, h) {
                        subj.push(h);
                    } else if objs.is_empty() {
                        objs.push(h);
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    if suite {
        return suite::arguments(t, ctx, v, &subj, &objs);
    }
    let actor = resolve_all(t, ctx, &subj, true);
    let mut recipient = resolve_all(t, ctx, &objs, true);
    for o in targets {
        // "fired on protesters": an attack's target may be named only by its role.
        let hostile = matches!(t.case_of(o).as_deref(), Some("against") | Some("on"));
        recipient.extend(resolve_all(t, ctx, &[o], hostile));
    }
    (actor, recipient)
}

/// "Interior Minister Diosdado Cabello says that 125 foreign citizens have been arrested":
/// an arrest, ban or sentence told without its agent by an official, the police, a court
/// or the military is their authorities' act, as the guideline codes an implicit agent.
fn authority_speaker(t: &Tree, ctx: &ActorContext, v: usize) -> Vec<Found> {
    let mut cur = v;
    for _ in 0..3 {
        let Some(h) = t.head(cur) else { break };
        match t.rel(cur) {
            "conj" => cur = h,
            "ccomp" if t.upos(h) == Upos::Verb => {
                let speakers: Vec<usize> = t.kids(h, &["nsubj"]).collect();
                return resolve_all(t, ctx, &speakers, true)
                    .into_iter()
                    .filter(|f| {
                        f.actor
                            .sector
                            .as_deref()
                            .is_some_and(|s| AUTHORITIES.contains(&s))
                    })
                    .collect();
            }
            _ => break,
        }
    }
    Vec::new()
}

/// Sectors that arrest, ban and sentence.
const AUTHORITIES: &[&str] = &["GOV", "COP", "JUD", "MIL", "SPY"];

/// "Three fighters are killed in an operation by the Somali National Army": a passive
/// whose agent is given on the operation, attack or raid it happened in.
fn agent_in_obliques(t: &Tree, v: usize) -> Vec<usize> {
    t.kids(v, &["obl"])
        .flat_map(|o| t.kids(o, &["nmod"]).collect::<Vec<_>>())
        .filter(|&n| t.case_of(n).as_deref() == Some("by"))
        .collect()
}

/// "Allied Democratic Forces insurgents kill at least 66 people": a headline verb the
/// parser hung as a modifier on the sentence's leading noun. A verb with a direct object
/// and no "to" or subordinator is active, so the noun is its subject, not its object
/// (a reduced passive, "people killed in ...", takes no object).
fn headline_clause(t: &Tree, v: usize, h: usize) -> bool {
    t.rel(h) == "root"
        && t.kids(v, &["obj"]).next().is_some()
        && t.kids(v, &["mark", "aux", "aux:pass"]).next().is_none()
        && matches!(t.upos(h), Upos::Noun | Upos::Propn)
}

/// The subject of the clause a nominal belongs to: the first `nsubj` found going up.
fn clause_subject(t: &Tree, n: usize) -> Vec<usize> {
    let mut cur = n;
    for _ in 0..5 {
        let Some(h) = t.head(cur) else { break };
        let s: Vec<usize> = t.kids(h, &["nsubj"]).filter(|&s| !t.within(n, s)).collect();
        if !s.is_empty() {
            return s;
        }
        cur = h;
    }
    Vec::new()
}

/// Source and target of an event noun, and the clause head its modality is read from.
fn noun_arguments(t: &Tree, ctx: &ActorContext, n: usize) -> (Vec<Found>, Vec<Found>, usize) {
    let mut actor = Vec::new();
    let mut recipient = Vec::new();
    for c in t.kids(n, &["nmod:poss"]) {
        actor.extend(resolve_all(t, ctx, &[c], false));
    }
    for c in t.kids(n, &["nmod"]) {
        match t.case_of(c).as_deref() {
            Some("between") | Some("among") => {
                let parts = t.with_conjuncts(c);
                let mut found: Vec<Found> = Vec::new();
                for p in parts {
                    found.extend(ctx.resolve(t, p));
                }
                let mut it = found.into_iter();
                actor.extend(it.next());
                recipient.extend(it);
            }
            Some("by") => actor.extend(resolve_all(t, ctx, &[c], false)),
            Some(p) if TARGET_PREPS.contains(&p) => {
                let hostile = p == "against" || p == "on";
                recipient.extend(resolve_all(t, ctx, &[c], hostile))
            }
            _ => {}
        }
    }
    // "U.S.-Russia talks", "Israeli airstrikes": dictionary names among the modifiers.
    let mut mods = Vec::new();
    for c in t.kids(n, &["compound", "amod", "nmod:unmarked"]) {
        if ctx.spans.iter().any(|s| (s.start..s.end).contains(&c)) {
            mods.extend(ctx.resolve(t, c).into_iter().filter(|f| f.named));
        }
    }
    let mut mods = mods.into_iter();
    if actor.is_empty() {
        actor.extend(mods.next());
    }
    recipient.extend(mods);
    // The clause the noun belongs to: "X held talks with Y", "talks were held".
    let mut clause = n;
    let mut cur = n;
    for depth in 0..5 {
        let rel = t.rel(cur);
        let Some(h) = t.head(cur) else { break };
        // "arrest officers responsible for the massacre", "airstrikes on a meeting": a
        // noun inside what describes another noun, or the target of another event, is not
        // the clause's ("an offensive with airstrikes" is).
        let target = t
            .case_of(n)
            .is_some_and(|c| TARGET_PREPS.contains(&c.as_str()) && c != "with");
        let nested =
            rel == "amod" || (depth > 0 && target && triggers::is_event_noun(&t.lower(cur)));
        // "resigns in response to the protests", "retaliated after the attack": a cause
        // or occasion is not the subject's own act.
        let occasion = depth == 0
            && t.case_of(n).is_some_and(|c| {
                matches!(
                    c.as_str(),
                    "after"
                        | "to"
                        | "against"
                        | "despite"
                        | "amid"
                        | "following"
                        | "over"
                        | "since"
                        | "before"
                )
            });
        if nested || occasion {
            break;
        }
        if t.upos(h) == Upos::Verb || t.kids(h, &["cop"]).next().is_some() {
            if clause == n {
                clause = h;
            }
            if actor.is_empty() {
                let subj: Vec<usize> = t
                    .kids(h, &["nsubj", "obl:agent"])
                    .filter(|&s| !t.within(n, s))
                    .collect();
                if !subj.is_empty() {
                    actor = resolve_all(t, ctx, &subj, depth == 0 && rel == "obj");
                }
            }
            if recipient.is_empty() && depth == 0 {
                // "talks with Y were held"; "X imposed sanctions on Y".
                let preps: &[&str] = if rel == "obj" {
                    TARGET_PREPS
                } else {
                    &["with", "between"]
                };
                let targets: Vec<usize> = t
                    .kids(h, &["obl"])
                    .filter(|&o| t.case_of(o).is_some_and(|c| preps.contains(&c.as_str())))
                    .collect();
                recipient = resolve_all(t, ctx, &targets, false);
            }
        }
        if !actor.is_empty() {
            break;
        }
        cur = h;
    }
    if actor.is_empty() && recipient.len() > 1 {
        actor.push(recipient.remove(0));
    }
    (actor, recipient, clause)
}

/// Number the records of one document and merge repeats: the same type with the same actor
/// and recipient countries at a compatible date, told again ([`told_again`]), is one event
/// (three rounds of talks on three dates are three); an attack's toll told apart is that
/// attack ([`toll_of`]); participant-less mentions of a type the document already has
/// with participants are mentions of it.
fn merge_repeats(events: Vec<CodedEvent>, doc_id: &str) -> Vec<CodedEvent> {
    fn key(e: &EventRecord) -> (PloverType, Vec<&str>, Vec<&str>) {
        (e.event, countries(&e.actor), countries(&e.recipient))
    }
    let mut out: Vec<CodedEvent> = Vec::new();
    for e in events.iter().filter(|e| !bare(&e.record)) {
        let k = key(&e.record);
        let same = |o: &CodedEvent| {
            key(&o.record) == k
                && o.record.negated == e.record.negated
                && !listed_apart(o, e)
                && told_again(o, e)
        };
        let repeat = |o: &CodedEvent| (same(o) || toll_of(o, e)) && same_time(o, e);
        if let Some(first) = out.iter_mut().find(|o| repeat(o)) {
            add_mention(first, e.record.text_info.sentence);
        } else if let Some(first) = out.iter_mut().find(|o| same(o) && dated_later(o, e)) {
            // The event told again with its day: that mention, whose date the text
            // supports, is the record; the undated one becomes its mention.
            let mut mentions = std::mem::take(&mut first.mentions);
            mentions.push(first.record.text_info.sentence);
            *first = e.clone();
            for m in mentions {
                add_mention(first, m);
            }
        } else {
            out.push(e.clone());
        }
    }
    for e in events.iter().filter(|e| bare(&e.record)) {
        let same_type = out.iter_mut().find(|o| {
            o.record.event == e.record.event
                && o.record.negated == e.record.negated
                && same_time(o, e)
        });
        match same_type {
            Some(first) => add_mention(first, e.record.text_info.sentence),
            None => out.push(e.clone()),
        }
    }
    // Stable: within a sentence the triggers keep their order.
    out.sort_by_key(|e| e.record.text_info.sentence);
    for (n, e) in out.iter_mut().enumerate() {
        e.record.id = format!("{doc_id}-{n}");
        e.mentions.sort_unstable();
    }
    out
}

/// Whether `mention`, of the same type and parties as `first`, can tell the same act:
/// within one sentence, unless listed apart; in a later sentence only by the same word
/// ("began an offensive" ... "began an offensive with airstrikes") or by a noun naming the
/// act ("rammed a car bomb into a base" ... "the attack had killed twelve"). Type and
/// countries alone do not make one event: a court story has many acts of one court
/// against one president ("is investigating Trump", "dismissed his lawsuit").
fn told_again(first: &CodedEvent, mention: &CodedEvent) -> bool {
    let (a, b) = (&first.record, &mention.record);
    a.text_info.sentence == b.text_info.sentence
        || same_word(&a.event_text, &b.event_text)
        || (triggers::is_event_noun(&b.event_text) && !introduced_as_new(b))
}

/// Words before an event noun that introduce another act: "a separate strike", "another
/// attack", "a second bombing" (against "the attack", "Monday's attack").
const NEW_ACT: &[&str] = &["a", "an", "another", "separate", "second", "new", "further"];

/// Whether the record's trigger word is introduced as a new act by one of the three words
/// before it in its sentence ([`NEW_ACT`]).
fn introduced_as_new(r: &EventRecord) -> bool {
    let sentence = &r.text_info.text;
    let Some(at) = sentence
        .match_indices(r.event_text.as_str())
        .map(|(b, _)| b)
        .find(|&b| !sentence[..b].ends_with(char::is_alphanumeric))
    else {
        return false;
    };
    sentence[..at]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| NEW_ACT.contains(&w.to_lowercase().as_str()))
}

/// The distinct country codes of one side, sorted.
fn countries(side: &[ActorRef]) -> Vec<&str> {
    let mut v: Vec<&str> = side.iter().map(|a| a.code.as_str()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// "Airstrikes against the Hamas leadership's office ... Six people are killed": deaths
/// told with no attacker after an attack on the same side are that attack's toll.
fn toll_of(attack: &CodedEvent, deaths: &CodedEvent) -> bool {
    let (a, b) = (&attack.record, &deaths.record);
    a.event == PloverType::Assault
        && b.event == PloverType::Assault
        && b.actor.is_empty()
        // "A separate strike kills three police officers": another attack, not a toll.
        && !triggers::is_event_noun(&b.event_text)
        && a.negated == b.negated
        && a.text_info.sentence < b.text_info.sentence
        && countries(&a.recipient) == countries(&b.recipient)
}

/// "Expelled diplomats, imposed restrictions and confiscated properties": different words
/// of one sentence are different acts, however alike their type and parties. Not so for
/// violence: "killed five and wounded ten" tells one attack's toll.
fn listed_apart(first: &CodedEvent, mention: &CodedEvent) -> bool {
    let (a, b) = (&first.record, &mention.record);
    a.text_info.sentence == b.text_info.sentence
        && a.event_text != b.event_text
        && a.event != PloverType::Assault
}

/// Whether `mention` can be another report of `first` as far as dates go: it has no date
/// of its own, or a date compatible with `first`'s own (not merely the publication date:
/// "the talks" mentioned undated may be any round, "a February 27 meeting" only that one).
fn same_time(first: &CodedEvent, mention: &CodedEvent) -> bool {
    let (a, b) = (&first.record, &mention.record);
    crate::when::same_time(&a.date, &a.date_precision, &b.date, &b.date_precision)
}

/// Whether `mention` gives the day of `first`, an undated record of the same event: the
/// same word for it ("Turkish airstrikes" ... "began an offensive with airstrikes on
/// Wednesday"; type and countries alone do not tell "is investigating Trump" from "dismissed
/// his lawsuit" on Monday) and a day of the week before publication (see
/// [`crate::when::dates_undated`]).
fn dated_later(first: &CodedEvent, mention: &CodedEvent) -> bool {
    let (a, b) = (&first.record, &mention.record);
    same_word(&a.event_text, &b.event_text)
        && crate::when::dates_undated(&a.date_precision, &b.date, &b.date_precision, &a.pub_date)
}

/// Two trigger texts naming one act: the same word up to its ending ("attack", "attacked",
/// "attacks"; "arrest", "arrested").
fn same_word(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    a == b || common >= 5 || (common >= 3 && (a.starts_with(&b) || b.starts_with(&a)))
}

/// "Talks between X and Y were held in Riyadh, followed by a meeting in Istanbul": a
/// meeting with no party of its own, in a sentence that names the parties of another
/// meeting, continues that series between the same parties.
fn continue_series(mut recs: Vec<EventRecord>) -> Vec<EventRecord> {
    let series = |e: &EventRecord| matches!(e.event, PloverType::Consult | PloverType::Agree);
    let parties = recs
        .iter()
        .find(|e| series(e) && !e.actor.is_empty() && !e.recipient.is_empty())
        .map(|e| (e.event, e.actor.clone(), e.recipient.clone()));
    if let Some((event, actor, recipient)) = parties {
        for e in recs.iter_mut().filter(|e| bare(e) && e.event == event) {
            e.actor = actor.clone();
            e.recipient = recipient.clone();
        }
    }
    recs
}

fn bare(e: &EventRecord) -> bool {
    e.actor.is_empty() && e.recipient.is_empty()
}

fn add_mention(first: &mut CodedEvent, sentence: usize) {
    if sentence != first.record.text_info.sentence && !first.mentions.contains(&sentence) {
        first.mentions.push(sentence);
    }
}

#[cfg(test)]
mod tests;
