//! Where the annotation guideline's PLOVER type differs from the CAMEO → PLOVER table of
//! 2021, or where that table has a gap. The table is used for everything else.

use crate::event::PloverType;

/// The guideline's type and mode for a CAMEO code and its trigger words, when they differ
/// from the table's (or the table has none).
pub fn guideline_type(cameo: &str, trigger: &str) -> Option<(PloverType, Option<&'static str>)> {
    let w = trigger.to_lowercase();
    if w.starts_with("sentenc") || w.starts_with("convict") {
        return Some((PloverType::Sanction, Some("convict")));
    }
    // Leaving office is a material concession in the guideline, not a verbal one.
    if w.starts_with("resign") && cameo.starts_with("08") {
        return Some((PloverType::Retreat, Some("resign")));
    }
    // CAMEO 02 "appeal" is PLOVER's REQUEST with 10 "demand"; the 2021 table omits it.
    if let Some(sub) = cameo.strip_prefix("02") {
        let mode = match sub.get(..1) {
            Some("1") | Some("3") => Some("assist"),
            Some("4") => Some("change"),
            Some("5") => Some("yield"),
            Some("6") | Some("7") | Some("8") => Some("meet"),
            _ => None,
        };
        return Some((PloverType::Request, mode));
    }
    match cameo.get(..3)? {
        // Denying a charge or a claim is a rejection; the table has no 01 statements.
        "016" if DENIALS.iter().any(|d| w.starts_with(d)) => Some((PloverType::Reject, None)),
        // Taking a city or an airport by force is an assault; occupying is coercion.
        "192" if CAPTURES.iter().any(|c| w.starts_with(c)) => Some((PloverType::Assault, None)),
        // Signing a formal agreement is AGREE in the guideline, SUPPORT in the table.
        "057" => Some((PloverType::Agree, None)),
        // A finding of guilt is a conviction.
        "116" => Some((PloverType::Sanction, Some("convict"))),
        // Sanctions and embargoes reduce relations; the table files them under COERCE.
        "163" => Some((PloverType::Sanction, Some("discontinue"))),
        _ => None,
    }
}

/// Verbs of denial (word starts).
const DENIALS: &[&str] = &["deny", "deni", "reject", "refut", "rebuff", "dismiss"];

/// Verbs of taking a place by force (word starts): "captured", "seize", "overran".
const CAPTURES: &[&str] = &[
    "captur", "seiz", "take", "taking", "took", "overr", "overran", "recaptur", "retak", "retook",
    "storm", "enter",
];

/// "will not withdraw", "will not release them": a material concession refused is a
/// rejection (CAMEO 124 "decline to yield"), said outright, not a negated retreat.
pub fn refusal(event: PloverType, negated: bool, future: bool) -> Option<PloverType> {
    (negated && future && matches!(event, PloverType::Retreat | PloverType::Concede))
        .then_some(PloverType::Reject)
}

/// Words that tell of an accident or a natural disaster: deaths with no political actor
/// (the guideline codes no event for them).
const ACCIDENT: &[&str] = &[
    "accident",
    "crash",
    "crashes",
    "crashed",
    "collides",
    "collided",
    "collision",
    "derails",
    "derailed",
    "derailment",
    "earthquake",
    "quake",
    "flood",
    "floods",
    "flooding",
    "landslide",
    "landslides",
    "storm",
    "hurricane",
    "typhoon",
    "cyclone",
    "tornado",
    "wildfire",
    "avalanche",
    "eruption",
    "collapse",
    "collapses",
    "collapsed",
    "capsizes",
    "capsized",
    "sinks",
    "stampede",
    "heatwave",
    "outbreak",
];

/// Whether a sentence's words tell of an accident or a disaster.
pub fn tells_accident(forms: &[&str]) -> bool {
    forms
        .iter()
        .any(|f| ACCIDENT.contains(&f.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appeals_are_requests() {
        assert_eq!(
            guideline_type("020", "asks"),
            Some((PloverType::Request, None))
        );
        assert_eq!(
            guideline_type("0233", "appealed"),
            Some((PloverType::Request, Some("assist")))
        );
    }

    #[test]
    fn departures_from_the_table() {
        assert_eq!(
            guideline_type("057", "signed").map(|g| g.0),
            Some(PloverType::Agree)
        );
        assert_eq!(
            guideline_type("163", "imposed").map(|g| g.0),
            Some(PloverType::Sanction)
        );
        assert_eq!(
            guideline_type("173", "sentenced"),
            Some((PloverType::Sanction, Some("convict")))
        );
        assert_eq!(guideline_type("173", "arrested"), None);
        assert_eq!(guideline_type("190", "attacked"), None);
        assert_eq!(
            guideline_type("016", "denies").map(|g| g.0),
            Some(PloverType::Reject)
        );
        assert_eq!(
            guideline_type("192", "captured").map(|g| g.0),
            Some(PloverType::Assault)
        );
        assert_eq!(guideline_type("192", "occupied"), None);
        assert_eq!(
            guideline_type("083", "resigns"),
            Some((PloverType::Retreat, Some("resign")))
        );
        assert_eq!(
            refusal(PloverType::Retreat, true, true),
            Some(PloverType::Reject)
        );
        assert_eq!(refusal(PloverType::Retreat, true, false), None);
    }
}
