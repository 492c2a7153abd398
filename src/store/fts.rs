//! The events' full-text index (`events_fts`): one row per event holding the words of every
//! sentence that reports it. Its rowid puts the event's date above the event's key, so that
//! FTS5, which returns matches in rowid order, returns them in the store's event order
//! (date, then key): a page of matches reads only as many matches as it shows, and a date
//! range is a rowid range.

use rusqlite::{params, Connection};

/// Bits of the rowid that hold the event's key; keys must stay below 2^32.
const KEY_BITS: u32 = 32;
const KEY_MASK: i64 = (1 << KEY_BITS) - 1;

/// `YYYY-MM-DD` as the number `YYYYMMDD`, which orders as the text does; 0 for anything
/// else (such a date sorts first, as no stored date should be malformed).
pub fn date_number(date: &str) -> i64 {
    let b = date.as_bytes();
    let well_formed = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !well_formed {
        return 0;
    }
    b.iter()
        .filter(|c| c.is_ascii_digit())
        .fold(0, |n, c| n * 10 + i64::from(c - b'0'))
}

/// The full-text rowid of the event with key `key` on `date`.
pub fn rowid(date: &str, key: i64) -> i64 {
    (date_number(date) << KEY_BITS) | (key & KEY_MASK)
}

/// The event key of a full-text rowid (the SQL of it, over column `col`).
pub fn key_sql(col: &str) -> String {
    format!("({col} & {KEY_MASK})")
}

/// The first rowid of events on `date` or later.
pub fn first_rowid_from(date: &str) -> i64 {
    date_number(date) << KEY_BITS
}

/// The last rowid of events on `date` or earlier.
pub fn last_rowid_to(date: &str) -> i64 {
    (date_number(date) << KEY_BITS) | KEY_MASK
}

/// (Re)index the event with key `key` from the sentences of all its mentions, as they are
/// stored now (after a new event's mentions are written, or a new mention merged in).
pub fn index_event(conn: &Connection, key: i64, date: &str) -> rusqlite::Result<()> {
    if !(0..=KEY_MASK).contains(&key) {
        return Err(rusqlite::Error::ToSqlConversionFailure(
            format!("event key {key} is beyond the full-text index's 2^32 events").into(),
        ));
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO events_fts(rowid, text)
         SELECT ?1, group_concat(s.text, char(10))
         FROM (SELECT DISTINCT doc, sentence FROM mentions WHERE event = ?2) m
              JOIN sentences s ON s.doc = m.doc AND s.idx = m.sentence",
    )?
    .execute(params![rowid(date, key), key])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rowids_order_as_date_then_key() {
        let a = rowid("2025-04-10", 900);
        let b = rowid("2025-04-11", 3);
        let c = rowid("2025-04-11", 4);
        assert!(a < b && b < c);
        assert_eq!(a & KEY_MASK, 900);
        assert!(first_rowid_from("2025-04-11") <= b && b <= last_rowid_to("2025-04-11"));
        assert!(a < first_rowid_from("2025-04-11") && a <= last_rowid_to("2025-04-10"));
        assert_eq!(date_number("2025-04-10"), 20250410);
        assert_eq!(date_number("2025-4-10"), 0);
        assert_eq!(date_number("2025-04-1x"), 0);
    }
}
