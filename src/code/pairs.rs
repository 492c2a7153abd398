//! One event per pair of parties: "The UK, Canada and Norway impose sanctions on X" is
//! three sanctions, "Poland detains a Belarusian woman and a Ukrainian man" two arrests,
//! as event data counts them (dyads). Meetings and agreements between the parties of a
//! joint subject ("Congo and Rwanda sign a treaty") are one event between the first
//! named and the others.

use crate::event::{ActorRef, EventRecord, PloverType};

/// At most this many records from one event: a long list is rarely a list of parties.
const MAX_PAIRS: usize = 8;

/// Events done with each other rather than to someone: a joint subject is both sides.
pub fn is_mutual(t: PloverType) -> bool {
    matches!(
        t,
        PloverType::Consult | PloverType::Agree | PloverType::Cooperate
    )
}

/// The actors of a side grouped by country code, in order of first mention.
fn by_code(side: &[ActorRef]) -> Vec<Vec<ActorRef>> {
    let mut groups: Vec<Vec<ActorRef>> = Vec::new();
    for a in side {
        match groups.iter_mut().find(|g| g[0].code == a.code) {
            Some(g) => g.push(a.clone()),
            None => groups.push(vec![a.clone()]),
        }
    }
    groups
}

/// The records one coded event stands for, one per actor country and recipient country.
pub fn split(rec: EventRecord) -> Vec<EventRecord> {
    let mut rec = rec;
    let mut actors = by_code(&rec.actor);
    if is_mutual(rec.event) && rec.recipient.is_empty() && actors.len() > 1 {
        // "Congo and Rwanda sign": the first named acts, the others receive.
        let rest: Vec<ActorRef> = actors.drain(1..).flatten().collect();
        rec.recipient = rest;
        rec.actor = actors.concat();
        return vec![rec];
    }
    if is_mutual(rec.event) && rec.recipient.is_empty() && rec.actor.len() > 1 {
        // "The DRC and the M23 rebels sign": two parties of one country, likewise.
        rec.recipient = rec.actor.split_off(1);
        return vec![rec];
    }
    let recipients = by_code(&rec.recipient);
    if actors.len() <= 1 && recipients.len() <= 1 {
        return vec![rec];
    }
    if is_mutual(rec.event) {
        // A meeting of several parties is one (multilateral) event.
        return vec![rec];
    }
    let actors = if actors.is_empty() {
        vec![Vec::new()]
    } else {
        actors
    };
    let recipients = if recipients.is_empty() {
        vec![Vec::new()]
    } else {
        recipients
    };
    let mut out = Vec::new();
    // Several pairs: a country on both sides pairs only with the others.
    for a in &actors {
        for r in &recipients {
            // "Both sides expelled diplomats": each did it to the other, not to itself.
            if a.first()
                .zip(r.first())
                .is_some_and(|(x, y)| x.code == y.code)
            {
                continue;
            }
            if out.len() == MAX_PAIRS {
                return out;
            }
            let mut one = rec.clone();
            one.actor = a.clone();
            one.recipient = r.clone();
            out.push(one);
        }
    }
    out
}
