//! The BIO tag set over [`EntityLabel`]s, and turning tag sequences into entity spans.
//!
//! Tag numbering is fixed: 0 is `O`, then `B-X` = 1 + 2·x and `I-X` = 2 + 2·x for the label
//! index x in [`EntityLabel::ALL`]. The model file stores the names too, so a file written by a
//! build with a different order is rejected rather than misread.

use crate::doc::{Entity, EntityLabel};

pub type Tag = u8;

pub const O: Tag = 0;
pub const N_TAGS: usize = 1 + 2 * EntityLabel::ALL.len();

pub fn begin(label: EntityLabel) -> Tag {
    1 + 2 * label as u8
}

pub fn inside(label: EntityLabel) -> Tag {
    2 + 2 * label as u8
}

/// The label of a `B-`/`I-` tag; `None` for `O` or out of range.
pub fn label_of(tag: Tag) -> Option<EntityLabel> {
    if tag == O {
        return None;
    }
    EntityLabel::ALL.get(((tag - 1) / 2) as usize).copied()
}

pub fn is_inside(tag: Tag) -> bool {
    tag != O && (tag - 1) % 2 == 1
}

/// The tag names, in index order (`O`, `B-PER`, `I-PER`, ...).
pub fn tag_names() -> Vec<String> {
    let mut names = vec!["O".to_string()];
    for l in EntityLabel::ALL {
        names.push(format!("B-{}", l.as_str()));
        names.push(format!("I-{}", l.as_str()));
    }
    names
}

/// Whether `cur` may follow `prev` (`None` = sentence start): `I-X` only after `B-X` or `I-X`.
pub fn allowed(prev: Option<Tag>, cur: Tag) -> bool {
    if !is_inside(cur) {
        return true;
    }
    match prev {
        Some(p) if p != O => label_of(p) == label_of(cur),
        _ => false,
    }
}

/// Spans of a tag sequence, CoNLL-style: an `I-X` that cannot continue the open span starts a
/// new one, so any sequence (even an invalid one) yields sorted, non-overlapping spans.
/// Token indices are offset by `base`.
pub fn spans(tags: &[Tag], base: usize, out: &mut Vec<Entity>) {
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let label = label_of(t);
        let continues = is_inside(t) && matches!(open, Some((_, l)) if Some(l) == label);
        if continues {
            continue;
        }
        if let Some((start, l)) = open.take() {
            out.push(Entity {
                first_token: base + start,
                end_token: base + i,
                label: l,
            });
        }
        if let Some(l) = label {
            open = Some((i, l));
        }
    }
    if let Some((start, l)) = open {
        out.push(Entity {
            first_token: base + start,
            end_token: base + tags.len(),
            label: l,
        });
    }
}

/// Parse a `B-X`/`I-X`/`O` tag whose class name maps through `map` (None → `O`).
/// IOB1 `I-` tags are read as written; [`repair_iob`] turns them into IOB2.
pub fn parse_tag(tag: &str, map: impl Fn(&str) -> Option<EntityLabel>) -> Tag {
    let Some((prefix, class)) = tag.split_once('-') else {
        return O;
    };
    match (prefix, map(class)) {
        ("B", Some(l)) | ("S", Some(l)) | ("U", Some(l)) => begin(l),
        ("I", Some(l)) | ("E", Some(l)) | ("L", Some(l)) => inside(l),
        _ => O,
    }
}

/// Make a tag sequence valid IOB2: an `I-X` that does not continue an `X` span becomes `B-X`.
/// This reads IOB1 (CoNLL-2003, wikigold) correctly, and repairs spans cut by label mapping.
pub fn repair_iob(tags: &mut [Tag]) {
    let mut prev = None;
    for t in tags.iter_mut() {
        if !allowed(prev, *t) {
            if let Some(l) = label_of(*t) {
                *t = begin(l);
            }
        }
        prev = Some(*t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_round_trips() {
        let names = tag_names();
        assert_eq!(names.len(), N_TAGS);
        for l in EntityLabel::ALL {
            assert_eq!(names[begin(l) as usize], format!("B-{}", l.as_str()));
            assert_eq!(names[inside(l) as usize], format!("I-{}", l.as_str()));
            assert_eq!(label_of(begin(l)), Some(l));
            assert!(is_inside(inside(l)) && !is_inside(begin(l)));
        }
        assert_eq!(label_of(O), None);
        assert_eq!(label_of(200), None);
    }

    #[test]
    fn iob1_becomes_valid_iob2() {
        let per = EntityLabel::Per;
        let org = EntityLabel::Org;
        let mut tags = vec![
            inside(per),
            inside(per),
            O,
            inside(org),
            inside(per),
            begin(per),
        ];
        repair_iob(&mut tags);
        assert_eq!(
            tags,
            vec![
                begin(per),
                inside(per),
                O,
                begin(org),
                begin(per),
                begin(per)
            ]
        );
        let mut prev = None;
        for &t in &tags {
            assert!(allowed(prev, t));
            prev = Some(t);
        }
    }

    #[test]
    fn spans_are_sorted_and_disjoint_even_for_invalid_input() {
        let per = EntityLabel::Per;
        let loc = EntityLabel::Loc;
        let tags = [
            inside(loc),
            begin(per),
            inside(per),
            inside(loc),
            O,
            begin(loc),
        ];
        let mut out = Vec::new();
        spans(&tags, 10, &mut out);
        let got: Vec<_> = out
            .iter()
            .map(|e| (e.first_token, e.end_token, e.label))
            .collect();
        assert_eq!(
            got,
            vec![(10, 11, loc), (11, 13, per), (13, 14, loc), (15, 16, loc)]
        );
    }

    #[test]
    fn parses_tags_through_a_mapping() {
        let map = |c: &str| EntityLabel::parse(c);
        assert_eq!(parse_tag("B-PER", map), begin(EntityLabel::Per));
        assert_eq!(parse_tag("I-GPE", map), inside(EntityLabel::Gpe));
        assert_eq!(parse_tag("B-DATE", map), O);
        assert_eq!(parse_tag("O", map), O);
        assert_eq!(parse_tag("garbage", map), O);
    }
}
