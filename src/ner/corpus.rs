//! Training-data loaders: each shared NER corpus in its own layout and label scheme, read into
//! one form, [`TaggedSentence`] with IOB2 tags over our [`EntityLabel`]s.

use super::tags::{begin, inside, is_inside, label_of, parse_tag, repair_iob, Tag, O};
use crate::doc::EntityLabel;
use crate::read::iob2::Iob2Reader;
use std::io::BufRead;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaggedSentence {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
}

/// The label schemes of the corpora we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// CoNLL-2003 classes (wikigold): PER, ORG, LOC, MISC.
    Conll,
    /// CrossNER politics' fine classes.
    CrossNer,
    /// OntoNotes classes (spaCy silver).
    OntoNotes,
    /// Our own names (UNER: PER/ORG/LOC; also GPE/NORP/MISC if present).
    Native,
}

impl Scheme {
    pub fn map(self, class: &str) -> Option<EntityLabel> {
        use EntityLabel::*;
        match self {
            Scheme::Conll | Scheme::Native => EntityLabel::parse(class),
            Scheme::CrossNer => match class {
                "person" | "politician" => Some(Per),
                "politicalparty" | "organisation" => Some(Org),
                "country" => Some(Gpe),
                "location" => Some(Loc),
                // Elections and events are named things but neither actors nor places.
                "election" | "event" | "misc" => Some(Misc),
                _ => None,
            },
            Scheme::OntoNotes => match class {
                "PERSON" => Some(Per),
                "ORG" => Some(Org),
                "GPE" => Some(Gpe),
                // Facilities (airports, bases, restaurants) are places in UNER's scheme.
                "LOC" | "FAC" => Some(Loc),
                "NORP" => Some(Norp),
                "EVENT" | "WORK_OF_ART" | "LAW" | "PRODUCT" | "LANGUAGE" => Some(Misc),
                // Dates, times, numbers, money: not names.
                _ => None,
            },
        }
    }
}

/// The layouts we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `token SPACE tag` lines, `-DOCSTART-` separators (CoNLL-2003, IOB1).
    ConllSpace,
    /// `token TAB tag` lines.
    TokenTab,
    /// `idx TAB token TAB tag` lines with `#` comments (UNER, silver).
    Iob2,
}

/// Read a whole corpus; a malformed line is an error naming the file and line.
pub fn read(
    input: impl BufRead,
    origin: &str,
    layout: Layout,
    scheme: Scheme,
) -> Result<Vec<TaggedSentence>, String> {
    let mut out = Vec::new();
    match layout {
        Layout::Iob2 => {
            for sent in Iob2Reader::new(input, origin) {
                let sent = sent.map_err(|e| e.to_string())?;
                let tags = sent
                    .tags
                    .iter()
                    .map(|t| parse_tag(t, |c| scheme.map(c)))
                    .collect();
                push(&mut out, sent.tokens, tags);
            }
        }
        Layout::ConllSpace | Layout::TokenTab => {
            let sep = if layout == Layout::TokenTab {
                '\t'
            } else {
                ' '
            };
            let (mut tokens, mut tags) = (Vec::new(), Vec::new());
            for (no, line) in input.lines().enumerate() {
                let line = line.map_err(|e| format!("{origin}:{}: {e}", no + 1))?;
                let line = line.trim_end();
                if line.is_empty() || line.starts_with("-DOCSTART-") {
                    push(
                        &mut out,
                        std::mem::take(&mut tokens),
                        std::mem::take(&mut tags),
                    );
                    continue;
                }
                let Some((tok, tag)) = line.rsplit_once(sep) else {
                    return Err(format!(
                        "{origin}:{}: expected `token{}tag`",
                        no + 1,
                        if sep == '\t' { " TAB " } else { " " }
                    ));
                };
                tokens.push(tok.trim().to_string());
                tags.push(parse_tag(tag.trim(), |c| scheme.map(c)));
            }
            push(&mut out, tokens, tags);
        }
    }
    Ok(out)
}

fn push(out: &mut Vec<TaggedSentence>, tokens: Vec<String>, mut tags: Vec<Tag>) {
    if tokens.is_empty() {
        return;
    }
    repair_iob(&mut tags);
    drop_leading_the(&tokens, &mut tags);
    drop_leading_titles(&tokens, &mut tags);
    out.push(TaggedSentence { tokens, tags });
}

/// Our spans, like CoNLL's and UNER's, leave out a lower-case article ("the [United States]");
/// OntoNotes-style data (the spaCy silver) often takes it in. A capitalised "The" that is part
/// of a name ("The Hague") stays.
pub fn drop_leading_the(tokens: &[String], tags: &mut [Tag]) {
    for i in 0..tags.len() {
        let Some(label) = label_of(tags[i]) else {
            continue;
        };
        let next_inside = tags.get(i + 1) == Some(&inside(label));
        if !is_inside(tags[i]) && tokens[i] == "the" && next_inside {
            tags[i] = O;
            tags[i + 1] = begin(label);
        }
    }
}

pub fn read_file(
    path: &Path,
    layout: Layout,
    scheme: Scheme,
) -> Result<Vec<TaggedSentence>, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    read(
        std::io::BufReader::new(f),
        &path.display().to_string(),
        layout,
        scheme,
    )
}

/// Titles and honorifics that UNER leaves outside a person's span ("Ms [Pugh]", "King
/// [Salman]"); some corpora take them in.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "empress",
    "pope",
    "st",
    "saint",
    "president",
    "senator",
    "sen",
    "gov",
    "governor",
    "rep",
    "gen",
    "general",
    "col",
    "capt",
    "captain",
    "lt",
    "sgt",
    "prof",
    "professor",
    "rev",
    "reverend",
    "chancellor",
    "minister",
    "premier",
    "judge",
    "justice",
    "sheikh",
    "mayor",
    "father",
    "brother",
    "sister",
    "uncle",
    "aunt",
];

pub fn is_title(token: &str) -> bool {
    let t = token.trim_end_matches('.');
    t.len() <= 10 && TITLES.iter().any(|x| x.eq_ignore_ascii_case(t))
}

/// Move the start of a person span past leading titles.
pub fn drop_leading_titles(tokens: &[String], tags: &mut [Tag]) {
    let (b, i_per) = (begin(EntityLabel::Per), inside(EntityLabel::Per));
    for i in 0..tags.len() {
        if tags[i] == b && is_title(&tokens[i]) && tags.get(i + 1) == Some(&i_per) {
            tags[i] = O;
            tags[i + 1] = b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::*;

    #[test]
    fn reads_wikigold_iob1() {
        let text = "-DOCSTART- O\n\n010 I-MISC\nis O\nthe O\nJapanese I-MISC\nband O\nThe I-ORG\nMad I-ORG\n\nHe I-PER\n";
        let got = read(text.as_bytes(), "t", Layout::ConllSpace, Scheme::Conll).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].tokens[0], "010");
        assert_eq!(
            got[0].tags,
            vec![begin(Misc), O, O, begin(Misc), O, begin(Org), inside(Org)]
        );
        assert_eq!(got[1].tags, vec![begin(Per)]);
    }

    #[test]
    fn reads_crossner_and_maps_fine_classes() {
        let text = "the\tO\nruling\tO\nUnited\tB-politicalparty\nRussia\tI-politicalparty\nof\tO\nPutin\tB-politician\nin\tO\nRussia\tB-country\n2012\tB-election\n";
        let got = read(text.as_bytes(), "t", Layout::TokenTab, Scheme::CrossNer).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].tags,
            vec![
                O,
                O,
                begin(Org),
                inside(Org),
                O,
                begin(Per),
                O,
                begin(Gpe),
                begin(Misc)
            ]
        );
    }

    #[test]
    fn reads_silver_ontonotes_dropping_dates() {
        let text = "# text = x\n1\tMonday\tB-DATE\n2\tin\tO\n3\tNew\tB-GPE\n4\tYork\tI-GPE\n5\tthe\tO\n6\tBritish\tB-NORP\n7\tHeathrow\tB-FAC\n";
        let got = read(text.as_bytes(), "t", Layout::Iob2, Scheme::OntoNotes).unwrap();
        assert_eq!(
            got[0].tags,
            vec![O, O, begin(Gpe), inside(Gpe), O, begin(Norp), begin(Loc)]
        );
    }

    #[test]
    fn leaves_out_a_leading_lower_case_article() {
        let text = "# x\n1\tthe\tB-GPE\n2\tUnited\tI-GPE\n3\tStates\tI-GPE\n4\tThe\tB-GPE\n5\tHague\tI-GPE\n6\tthe\tB-ORG\n";
        let got = read(text.as_bytes(), "t", Layout::Iob2, Scheme::OntoNotes).unwrap();
        assert_eq!(
            got[0].tags,
            vec![
                O,
                begin(Gpe),
                inside(Gpe),
                begin(Gpe),
                inside(Gpe),
                begin(Org)
            ]
        );
    }

    #[test]
    fn leaves_titles_out_of_person_spans() {
        let text = "1\tPope\tB-PERSON\n2\tFrancis\tI-PERSON\n3\tmet\tO\n4\tMs.\tB-PERSON\n5\tDr\tI-PERSON\n6\tPugh\tI-PERSON\n7\tKing\tB-PERSON\n";
        let got = read(text.as_bytes(), "t", Layout::Iob2, Scheme::OntoNotes).unwrap();
        assert_eq!(
            got[0].tags,
            vec![O, begin(Per), O, O, O, begin(Per), begin(Per)]
        );
    }

    #[test]
    fn reports_bad_lines() {
        let err = read(
            "ok O\nnotag\n".as_bytes(),
            "f",
            Layout::ConllSpace,
            Scheme::Conll,
        )
        .unwrap_err();
        assert!(err.starts_with("f:2:"), "{err}");
    }

    #[test]
    fn maps_labels_sensibly() {
        assert_eq!(Scheme::CrossNer.map("organisation"), Some(Org));
        assert_eq!(Scheme::CrossNer.map("location"), Some(Loc));
        assert_eq!(Scheme::OntoNotes.map("PERSON"), Some(Per));
        assert_eq!(Scheme::OntoNotes.map("CARDINAL"), None);
        assert_eq!(Scheme::Native.map("LOC"), Some(Loc));
        assert_eq!(Scheme::Conll.map("DATE"), None);
    }
}
