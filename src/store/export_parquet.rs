//! Parquet export: one row per event with the columns of the CSV export ([`CSV_HEADER`]),
//! typed (UTF-8 strings, 64-bit integers, doubles, booleans) for pandas, polars, R and DuckDB.
//!
//! Each value is the CSV cell parsed into its column's type, so the two exports cannot
//! disagree. Columns from optional record fields (`mode`, the place, `storyline`) are nullable:
//! null where the CSV cell is empty. List columns (actors, topics) stay `;`-joined strings, with
//! "" for an empty list. Written with the `parquet` crate's low-level column writers (no Arrow),
//! uncompressed (dictionary and RLE encodings only, no codec to build), in row groups of
//! [`ROW_GROUP`] events so memory stays bounded on a large store.

use super::export::{csv_row, CSV_HEADER};
use super::{Result, Store};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

/// Events per row group.
pub const ROW_GROUP: usize = 65_536;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Str,
    Int,
    Float,
    Bool,
}

use Kind::{Bool, Float, Int, Str};

/// Each CSV column's type and whether it may be null, in [`CSV_HEADER`]'s order.
pub const COLUMN_TYPES: [(Kind, bool); 33] = [
    (Str, false),   // id
    (Str, false),   // doc_id
    (Str, false),   // date
    (Str, false),   // date_precision
    (Str, false),   // pub_date
    (Str, false),   // event
    (Str, true),    // mode
    (Str, false),   // cameo
    (Int, false),   // quad_code
    (Float, false), // goldstein
    (Str, false),   // actor_code
    (Str, false),   // actor_cameo
    (Str, false),   // actor_sector
    (Str, false),   // actor_text
    (Str, false),   // recipient_code
    (Str, false),   // recipient_cameo
    (Str, false),   // recipient_sector
    (Str, false),   // recipient_text
    (Bool, false),  // negated
    (Bool, false),  // future
    (Str, false),   // event_text
    (Str, true),    // place_name
    (Str, true),    // place_country
    (Str, true),    // place_admin1
    (Int, true),    // place_geonameid
    (Float, true),  // place_lat
    (Float, true),  // place_lon
    (Str, false),   // topics
    (Str, false),   // excluded_topics
    (Int, false),   // sentence
    (Str, false),   // sentence_text
    (Int, true),    // storyline
    (Int, false),   // mentions
];

/// The Parquet schema of the export, in the crate's message-type syntax.
pub fn schema() -> String {
    let mut s = String::from("message dragoman_event {\n");
    for (name, (kind, nullable)) in CSV_HEADER.iter().zip(COLUMN_TYPES) {
        let rep = if nullable { "OPTIONAL" } else { "REQUIRED" };
        let ty = match kind {
            Str => "BYTE_ARRAY",
            Int => "INT64",
            Float => "DOUBLE",
            Bool => "BOOLEAN",
        };
        let ann = if kind == Str { " (STRING)" } else { "" };
        s.push_str(&format!("  {rep} {ty} {name}{ann};\n"));
    }
    s.push('}');
    s
}

fn pq_err(e: parquet::errors::ParquetError) -> io::Error {
    io::Error::other(e)
}

/// Every event of the store as Parquet to `path`; errors name the file.
pub fn export_parquet(store: &Store, path: &Path) -> Result<()> {
    let file = std::fs::File::create(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    write_parquet(store, io::BufWriter::new(file)).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every event of the store as one Parquet file written to `out`.
pub fn write_parquet<W: Write + Send>(store: &Store, out: W) -> Result<()> {
    let schema = parse_message_type(&schema()).map_err(|e| format!("parquet schema: {e}"))?;
    let props = WriterProperties::builder()
        .set_created_by(format!("dragoman {}", env!("CARGO_PKG_VERSION")))
        .build();
    let mut w = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props))
        .map_err(|e| format!("writing: {e}"))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    store.for_each_event(|e| {
        rows.push(csv_row(e));
        if rows.len() == ROW_GROUP {
            write_row_group(&mut w, &rows)?;
            rows.clear();
        }
        Ok(())
    })?;
    if !rows.is_empty() {
        write_row_group(&mut w, &rows).map_err(|e| format!("writing: {e}"))?;
    }
    let mut out = w.into_inner().map_err(|e| format!("writing: {e}"))?;
    out.flush().map_err(|e| format!("writing: {e}"))
}

fn write_row_group<W: Write + Send>(
    w: &mut SerializedFileWriter<W>,
    rows: &[Vec<String>],
) -> io::Result<()> {
    let mut group = w.next_row_group().map_err(pq_err)?;
    for (i, &(kind, nullable)) in COLUMN_TYPES.iter().enumerate() {
        let mut col = group
            .next_column()
            .map_err(pq_err)?
            .ok_or_else(|| io::Error::other("parquet schema has fewer columns than the CSV"))?;
        let cells = rows.iter().map(|r| r[i].as_str());
        write_column(&mut col, CSV_HEADER[i], kind, nullable, cells)?;
        col.close().map_err(pq_err)?;
    }
    group.close().map_err(pq_err)?;
    Ok(())
}

/// One column chunk: the present values, and a definition level per row when nullable
/// (1 present, 0 null).
fn write_column<'a>(
    col: &mut SerializedColumnWriter<'_>,
    name: &str,
    kind: Kind,
    nullable: bool,
    cells: impl Iterator<Item = &'a str>,
) -> io::Result<()> {
    let mut levels = Vec::new();
    let present = cells.filter(|c| {
        let has = !nullable || !c.is_empty();
        if nullable {
            levels.push(i16::from(has));
        }
        has
    });
    let bad = |c: &str| io::Error::other(format!("column {name}: {c:?} is not a {kind:?}"));
    let written = match kind {
        Str => {
            let v: Vec<ByteArray> = present
                .map(|c| ByteArray::from(c.as_bytes().to_vec()))
                .collect();
            put::<ByteArrayType>(col, &v, nullable, &levels)
        }
        Int => {
            let v = present
                .map(|c| c.parse::<i64>().map_err(|_| bad(c)))
                .collect::<io::Result<Vec<_>>>()?;
            put::<Int64Type>(col, &v, nullable, &levels)
        }
        Float => {
            let v = present
                .map(|c| c.parse::<f64>().map_err(|_| bad(c)))
                .collect::<io::Result<Vec<_>>>()?;
            put::<DoubleType>(col, &v, nullable, &levels)
        }
        Bool => {
            let v = present
                .map(|c| c.parse::<bool>().map_err(|_| bad(c)))
                .collect::<io::Result<Vec<_>>>()?;
            put::<BoolType>(col, &v, nullable, &levels)
        }
    };
    written.map(drop).map_err(pq_err)
}

fn put<T: parquet::data_type::DataType>(
    col: &mut SerializedColumnWriter<'_>,
    values: &[T::T],
    nullable: bool,
    levels: &[i16],
) -> parquet::errors::Result<usize> {
    col.typed::<T>()
        .write_batch(values, nullable.then_some(levels), None)
}
