//! Sentence splitting and tokenization of news English, following UD English EWT conventions
//! so the tagger and parser downstream see the tokens they were trained on.

mod abbrev;
mod sentences;
mod tokenize;

pub use tokenize::{Kind, Piece};

use crate::doc::{Doc, Sentence, Token};

/// Scan `text` into tokens (with what kind each is) without building a `Doc`.
pub fn scan(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(text.len() / 5 + 1);
    tokenize::tokenize(text, &mut pieces);
    pieces
}

/// Split `doc.text` into sentences and tokens, replacing any existing segmentation.
///
/// ```
/// use dragoman::doc::{Doc, DocMeta};
/// let text = "The U.S. State Department didn't comment. Talks resume in Istanbul.";
/// let mut doc = Doc::new(DocMeta::default(), text.to_string());
/// dragoman::text::segment(&mut doc);
/// assert_eq!(doc.sentences.len(), 2);
/// let forms: Vec<&str> = doc.tokens.iter().map(|t| t.form.as_str()).collect();
/// assert_eq!(forms[..7], ["The", "U.S.", "State", "Department", "did", "n't", "comment"]);
/// // Tokens are exact slices of the text.
/// assert!(doc.tokens.iter().all(|t| &doc.text[t.start..t.end] == t.form));
/// ```
pub fn segment(doc: &mut Doc) {
    let text = doc.text.as_str();
    let pieces = scan(text);
    let mut ends = Vec::new();
    sentences::sentence_ends(text, &pieces, &mut ends);

    doc.tokens.clear();
    doc.sentences.clear();
    doc.tokens.reserve(pieces.len());
    for (i, p) in pieces.iter().enumerate() {
        let space_after = match pieces.get(i + 1) {
            Some(next) => next.space_before,
            None => p.end < text.len(),
        };
        doc.tokens.push(Token {
            start: p.start,
            end: p.end,
            form: text[p.start..p.end].to_string(),
            space_after,
            ..Token::default()
        });
    }
    let mut first = 0;
    for end in ends {
        if end > first {
            doc.sentences.push(Sentence {
                start: pieces[first].start,
                end: pieces[end - 1].end,
                first_token: first,
                end_token: end,
            });
        }
        first = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocMeta;

    fn seg(text: &str) -> Doc {
        let mut doc = Doc::new(DocMeta::default(), text.to_string());
        segment(&mut doc);
        doc
    }

    fn sentences(text: &str) -> Vec<String> {
        let doc = seg(text);
        doc.sentences
            .iter()
            .map(|s| doc.slice(s.start, s.end).to_string())
            .collect()
    }

    fn forms(text: &str) -> Vec<String> {
        seg(text).tokens.into_iter().map(|t| t.form).collect()
    }

    /// The project's seed: a MENAFN item of 2025-04-10 (header line, title, body).
    const SEED: &str = include_str!("../../examples/seed-2025-04-10.txt");

    #[test]
    fn seed_sentences_come_out_right() {
        let got = sentences(SEED);
        let want = [
            "date 2025-04-10 403",
            "Washington reveals date, agenda of upcoming Russia-US discussions",
            "(MENAFN)",
            "The U.S. State Department has officially confirmed that the next round of discussions with Russia will take place in Istanbul, Türkiye, on Thursday, April 10.",
            "The goal of the talks is to improve the functioning of diplomatic missions between the two countries.",
            "These meetings are part of a series of high-level engagements initiated since President Donald Trump returned to office.",
            "Earlier on Tuesday, the Russian Foreign Ministry had also announced that new negotiations were expected in the coming days.",
            "State Department spokesperson Tammy Bruce clarified during a press briefing that the discussions will be “strictly centered on embassy operations,” emphasizing that broader diplomatic normalization can only occur once peace is achieved in Ukraine.",
            "She made it clear that political or security matters, including the Ukraine conflict, are not part of the agenda.",
            "“Ukraine is absolutely not on the agenda,” Bruce stated.",
            "Tensions between Washington and Moscow have intensified in recent years, especially following the Ukraine conflict in 2022.",
            "Both sides have expelled diplomatic staff, imposed financial restrictions, and confiscated embassy properties.",
            "President Trump has taken a different stance from his predecessor, pushing for an end to the Ukraine war and seeking a reset in U.S.-Russia relations.",
            "Previous talks between the two nations were held in Riyadh on February 18, focusing on restoring embassy operations, followed by a February 27 meeting in Istanbul that addressed diplomatic funding and the potential resumption of direct flights.",
            "According to the Russian Foreign Ministry, the structure of this week’s talks will mirror the previous sessions.",
            "Russia will be represented by its new ambassador to the U.S., Aleksandr Darchiev, while the American delegation will be led by Deputy Assistant Secretary of State for Eurasian Affairs Sonata Coulter.",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn seed_tokens_follow_ewt() {
        let doc = seg(SEED);
        let all: Vec<&str> = doc.tokens.iter().map(|t| t.form.as_str()).collect();
        let has = |seq: &[&str]| all.windows(seq.len()).any(|w| w == seq);
        assert!(has(&["Russia", "-", "US", "discussions"]));
        assert!(has(&["in", "U.S.", "-", "Russia", "relations", "."]));
        assert!(has(&["(", "MENAFN", ")", "The", "U.S.", "State"]));
        assert!(has(&["Istanbul", ",", "Türkiye", ",", "on"]));
        assert!(has(&["“", "strictly", "centered"]));
        assert!(has(&["operations", ",", "”", "emphasizing"]));
        assert!(has(&["this", "week", "’s", "talks"]));
        assert!(has(&["high", "-", "level"]));
        assert!(has(&["to", "the", "U.S.", ",", "Aleksandr"]));
        assert!(has(&["date", "2025-04-10", "403"]));
        for t in &doc.tokens {
            assert_eq!(doc.slice(t.start, t.end), t.form);
        }
        // Spacing is recorded: "Russia-US" has no spaces, "U.S.," none before the comma.
        let i = all.iter().position(|f| *f == "Russia").unwrap();
        assert!(!doc.tokens[i].space_after && !doc.tokens[i + 1].space_after);
        assert!(doc.tokens[i + 2].space_after);
    }

    #[test]
    fn sentences_and_tokens_tile_the_text() {
        let doc = seg(SEED);
        let mut next_token = 0;
        for s in &doc.sentences {
            assert_eq!(s.first_token, next_token);
            assert!(s.end_token > s.first_token);
            assert_eq!(s.start, doc.tokens[s.first_token].start);
            assert_eq!(s.end, doc.tokens[s.end_token - 1].end);
            next_token = s.end_token;
        }
        assert_eq!(next_token, doc.tokens.len());
        for w in doc.tokens.windows(2) {
            assert!(w[0].end <= w[1].start);
            assert_eq!(w[0].space_after, w[0].end < w[1].start);
        }
    }

    #[test]
    fn abbreviations_inside_and_at_the_end_of_sentences() {
        assert_eq!(
            sentences("Talks were held in the U.S. The next round is in May."),
            ["Talks were held in the U.S.", "The next round is in May."]
        );
        assert_eq!(
            sentences(
                "The U.S. Army said Gen. Smith met Dr. Jones on Feb. 5 at 9 a.m. in Washington."
            ),
            ["The U.S. Army said Gen. Smith met Dr. Jones on Feb. 5 at 9 a.m. in Washington."]
        );
        assert_eq!(
            sentences("The meeting ended at 5 p.m. It resumed Friday."),
            ["The meeting ended at 5 p.m.", "It resumed Friday."]
        );
        assert_eq!(
            sentences("He works for Acme Inc. The company denied it."),
            ["He works for Acme Inc.", "The company denied it."]
        );
        assert_eq!(
            sentences("Sen. Warren and Rep. Ocasio-Cortez spoke. Mr. Biden did not."),
            [
                "Sen. Warren and Rep. Ocasio-Cortez spoke.",
                "Mr. Biden did not."
            ]
        );
        assert_eq!(
            sentences("J. R. R. Tolkien wrote it. Donald J. Trump read it."),
            ["J. R. R. Tolkien wrote it.", "Donald J. Trump read it."]
        );
        assert_eq!(
            sentences("He lives at 10 Downing St. in London. Mt. Everest is high."),
            [
                "He lives at 10 Downing St. in London.",
                "Mt. Everest is high."
            ]
        );
        assert_eq!(
            sentences("Item No. 5 was sold. The answer was No. He left."),
            ["Item No. 5 was sold.", "The answer was No.", "He left."]
        );
    }

    #[test]
    fn legal_citations_and_elided_quotes() {
        assert_eq!(
            sentences("The ruling overturned Roe v. Wade in 2022. Protests followed."),
            [
                "The ruling overturned Roe v. Wade in 2022.",
                "Protests followed."
            ]
        );
        assert_eq!(
            sentences("He said \"the time has come [...] to act\", and left. \"[...] We will return,\" she said."),
            [
                "He said \"the time has come [...] to act\", and left.",
                "\"[...] We will return,\" she said."
            ]
        );
        assert_eq!(
            sentences(
                "Bolton said: \"He told me, 'Let's talk tomorrow.'\u{2009}\"\nReports differ."
            ),
            [
                "Bolton said: \"He told me, 'Let's talk tomorrow.'\u{2009}\"",
                "Reports differ."
            ]
        );
        assert_eq!(
            sentences("Gazprom halts supplies. ,"),
            ["Gazprom halts supplies. ,"]
        );
    }

    #[test]
    fn quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            sentences("\"We will not back down.\" The minister left."),
            ["\"We will not back down.\"", "The minister left."]
        );
        assert_eq!(
            sentences(
                "\"Ukraine is absolutely not on the agenda,\" Bruce stated. Talks begin Thursday."
            ),
            [
                "\"Ukraine is absolutely not on the agenda,\" Bruce stated.",
                "Talks begin Thursday."
            ]
        );
        assert_eq!(
            sentences("“Why now?” he asked. Nobody answered."),
            ["“Why now?” he asked.", "Nobody answered."]
        );
        assert_eq!(
            sentences("The vote passed (by 52 to 48.) Critics were furious."),
            ["The vote passed (by 52 to 48.)", "Critics were furious."]
        );
        assert_eq!(
            sentences("He said: ‘It is over.’ Then he left."),
            ["He said: ‘It is over.’", "Then he left."]
        );
    }

    #[test]
    fn line_breaks_and_paragraphs() {
        assert_eq!(
            sentences("Friday, January 4, 2019\n\nThe talks resumed. More followed"),
            [
                "Friday, January 4, 2019",
                "The talks resumed.",
                "More followed"
            ]
        );
        assert_eq!(
            sentences("Russia and US to meet\nOfficials confirmed the date on Monday."),
            [
                "Russia and US to meet",
                "Officials confirmed the date on Monday."
            ]
        );
        assert_eq!(
            sentences("Paragraph one ends here\n\nparagraph two starts lower-case."),
            [
                "Paragraph one ends here",
                "paragraph two starts lower-case."
            ]
        );
        // A line that plainly continues the sentence is no break.
        assert_eq!(
            sentences("The ministers met in\nIstanbul, officials said,\nand agreed to talk again."),
            ["The ministers met in\nIstanbul, officials said,\nand agreed to talk again."]
        );
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let text = "The talks between the two delegations were held on\n\
                    Thursday in Istanbul, where officials from both sides\n\
                    Met for several hours to discuss the operation of\n\
                    their embassies and the return of seized property.\n\
                    Both sides called the meeting constructive and said\n\
                    they would meet again.";
        let got = sentences(text);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn news_tokens() {
        assert_eq!(
            forms("Russia's oil exports rose 3.5% to $15,000 a day, up from 1,000.50."),
            [
                "Russia", "'s", "oil", "exports", "rose", "3.5", "%", "to", "$", "15,000", "a",
                "day", ",", "up", "from", "1,000.50", "."
            ]
        );
        assert_eq!(
            forms("They're sure we'll win, but I'm not and it's late; don't ask."),
            [
                "They", "'re", "sure", "we", "'ll", "win", ",", "but", "I", "'m", "not", "and",
                "it", "'s", "late", ";", "do", "n't", "ask", "."
            ]
        );
        assert_eq!(
            forms("The war—which began in 2022—goes on -- officials say…"),
            [
                "The",
                "war",
                "—",
                "which",
                "began",
                "in",
                "2022",
                "—",
                "goes",
                "on",
                "--",
                "officials",
                "say",
                "…"
            ]
        );
        assert_eq!(
            forms("At 10:30 on 2025-04-10 (local time), @StateDept posted #Ukraine news at https://state.gov/x."),
            [
                "At", "10:30", "on", "2025-04-10", "(", "local", "time", ")", ",", "@StateDept",
                "posted", "#Ukraine", "news", "at", "https://state.gov/x", "."
            ]
        );
        assert_eq!(
            forms("Contact press@un.org, the U.N. said."),
            ["Contact", "press@un.org", ",", "the", "U.N.", "said", "."]
        );
        assert_eq!(
            forms("a pro-Kremlin, anti-war, search-engine firm's CEO"),
            [
                "a",
                "pro-Kremlin",
                ",",
                "anti-war",
                ",",
                "search",
                "-",
                "engine",
                "firm",
                "'s",
                "CEO"
            ]
        );
    }

    #[test]
    fn odd_inputs_never_panic() {
        let long_word = "a".repeat(1 << 20);
        let long_dots = ".".repeat(100_000);
        let long_mixed = "U.S.-".repeat(50_000);
        let inputs: Vec<String> = vec![
            String::new(),
            " ".into(),
            "\n\n\n".into(),
            "\u{0}\u{1}\u{7f}\u{feff}x\u{200b}y".into(),
            "'".into(),
            "n't".into(),
            "'s".into(),
            "a'".into(),
            "-".into(),
            "U.S.".into(),
            "$".into(),
            "(".into(),
            ":".into(),
            ":-".into(),
            "1,".into(),
            "1,00".into(),
            "12-".into(),
            "12-34-".into(),
            "http://".into(),
            "@".into(),
            "a@".into(),
            "@@@###".into(),
            "日本語のテキスト。次の文。".into(),
            "हिन्दी पाठ। दूसरा वाक्य।".into(),
            "e\u{301}te\u{301} café".into(),
            "👍🏽👨‍👩‍👧 ok!".into(),
            "\r\n\r\nA\rB\u{2029}C".into(),
            long_word,
            long_dots,
            long_mixed,
        ];
        for text in inputs {
            let doc = seg(&text);
            for t in &doc.tokens {
                assert_eq!(doc.slice(t.start, t.end), t.form);
                assert!(!t.form.is_empty());
            }
            assert_eq!(
                doc.sentences.last().map_or(0, |s| s.end_token),
                doc.tokens.len()
            );
        }
    }

    #[test]
    fn segmenting_again_replaces_the_old_segmentation() {
        let mut doc = seg("One. Two.");
        let n = (doc.tokens.len(), doc.sentences.len());
        segment(&mut doc);
        assert_eq!((doc.tokens.len(), doc.sentences.len()), n);
        assert_eq!(n, (4, 2));
    }
}
