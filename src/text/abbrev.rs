//! Abbreviations that keep their period, and what they mean for sentence ends.
//!
//! Lists are case-sensitive on purpose: "No." (number) and "no." (the word at a sentence end)
//! must differ, as must "Gen." and "gen.".

/// How an abbreviation with its period behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Titles and the like precede a name, so they never end a sentence ("Dr.", "Gen.", "e.g.").
    NeverEnds,
    /// Can end a sentence when the next word plainly starts one ("in the U.S. The talks").
    CanEnd,
}

/// Titles and words that always introduce something: a period after them never ends a sentence.
const TITLES: &[&str] = &[
    "Adm", "Amb", "Art", "Assoc", "Brig", "Capt", "Cmdr", "Col", "Comdr", "Cpl", "Det", "Dr",
    "Drs", "Fig", "Fr", "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms",
    "Msgr", "Nos", "Pres", "Prof", "Pvt", "Rs", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Supt",
    "Vol", "cf", "ca", "vs", "v",
];

/// Abbreviations that often stand at the end of a sentence as well as inside one. Words that
/// are also common capitalised words ("Sun", "Mass", "Miss", "Wash") are left out: "The Sun."
/// ends a sentence far more often than it abbreviates Sunday.
const ENDERS: &[&str] = &[
    "Ala", "Apr", "Ariz", "Ark", "Assn", "Aug", "Ave", "Blvd", "Bros", "Calif", "Co", "Colo",
    "Conn", "Corp", "Dec", "Del", "Dept", "Esq", "Govt", "Feb", "Fla", "Fri", "Ft", "Ga", "Gov't",
    "Inc", "Ill", "Jan", "Jr", "Jul", "Jun", "Kan", "Ky", "La", "Ltd", "Md", "Mich", "Minn", "Mo",
    "Mon", "Mont", "Mt", "Neb", "Nev", "Nov", "Oct", "Okla", "Ont", "Ore", "Pa", "Pl", "Rd", "Sep",
    "Sept", "St", "Ste", "Sr", "Sts", "Tenn", "Tex", "Thu", "Thur", "Thurs", "Tue", "Tues", "Univ",
    "Va", "Vt", "Wed", "Wis", "Wyo", "al", "approx", "dept", "est", "etc", "ext", "incl", "jr",
    "sr", "yrs",
];

/// Class of a plain word (no internal periods) that takes a following period, if it is a
/// known abbreviation. "No" counts only before a number, which the caller checks.
pub fn lookup(word: &str) -> Option<AbbrevClass> {
    if word.len() > 6 {
        return None;
    }
    // All-capital text ("PVT. LTD.", "MR. SMITH"): look the title-case form up.
    if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        let mut buf = [0u8; 6];
        for (i, (d, c)) in buf.iter_mut().zip(word.bytes()).enumerate() {
            *d = if i == 0 { c } else { c.to_ascii_lowercase() };
        }
        let title = std::str::from_utf8(&buf[..word.len()]).unwrap_or("");
        return class_of(title);
    }
    class_of(word)
}

fn class_of(word: &str) -> Option<AbbrevClass> {
    if TITLES.contains(&word) {
        Some(AbbrevClass::NeverEnds)
    } else if ENDERS.contains(&word) {
        Some(AbbrevClass::CanEnd)
    } else {
        None
    }
}

/// Dotted abbreviations ("U.S", "a.m", "Ph.D", "e.g") before their final period: every
/// period-separated piece is one to three letters. "e.g" and "i.e" never end a sentence.
pub fn dotted_class(word: &str) -> Option<AbbrevClass> {
    if !word.contains('.') || word.len() > 12 {
        return None;
    }
    let ok = word
        .split('.')
        .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_alphabetic()));
    if !ok {
        return None;
    }
    if matches!(word, "e.g" | "i.e" | "E.g" | "I.e") {
        Some(AbbrevClass::NeverEnds)
    } else {
        Some(AbbrevClass::CanEnd)
    }
}

/// Capitalised words that, after an abbreviation that can end a sentence, plainly begin a new
/// one ("in the U.S. The talks"); a name after the abbreviation ("U.S. Army") does not.
const STARTERS: &[&str] = &[
    "A",
    "According",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "During",
    "Each",
    "Earlier",
    "Even",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "My",
    "No",
    "Now",
    "On",
    "One",
    "Our",
    "Some",
    "So",
    "Still",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "To",
    "Under",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
    "Your",
];

pub fn is_sentence_starter(word: &str) -> bool {
    word.len() <= 9 && STARTERS.contains(&word)
}

/// Word-initial pieces EWT keeps joined to the rest of a hyphenated word ("e-mail",
/// "non-stop", "anti-war", "re-read"); every other hyphen is its own token.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "e", "ex", "intra", "micro", "mid", "mis", "multi", "neo",
    "non", "over", "post", "pre", "pro", "psycho", "re", "semi", "socio", "sub", "un",
];

pub fn is_hyphen_prefix(piece: &str) -> bool {
    if piece.len() > 7 {
        return false;
    }
    let mut buf = [0u8; 7];
    let bytes = piece.as_bytes();
    for (b, &c) in buf.iter_mut().zip(bytes) {
        *b = c.to_ascii_lowercase();
    }
    let lower = &buf[..bytes.len()];
    HYPHEN_PREFIXES.iter().any(|p| p.as_bytes() == lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(lookup("Dr"), Some(AbbrevClass::NeverEnds));
        assert_eq!(lookup("Inc"), Some(AbbrevClass::CanEnd));
        assert_eq!(lookup("dr"), None);
        assert_eq!(lookup("LTD"), Some(AbbrevClass::CanEnd));
        assert_eq!(lookup("MR"), Some(AbbrevClass::NeverEnds));
        assert_eq!(dotted_class("U.S"), Some(AbbrevClass::CanEnd));
        assert_eq!(dotted_class("e.g"), Some(AbbrevClass::NeverEnds));
        assert_eq!(dotted_class("example.com"), None);
        assert_eq!(dotted_class("3.5"), None);
        assert!(is_hyphen_prefix("Non"));
        assert!(!is_hyphen_prefix("search"));
        assert!(!is_hyphen_prefix("ñon"));
    }
}
