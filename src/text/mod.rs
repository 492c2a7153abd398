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
