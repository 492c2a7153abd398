//! CAMEO event codes: their Goldstein scale values and quad classes.
//!
//! The Goldstein values are those GDELT and Phoenix attach to CAMEO codes (Goldstein 1992,
//! "A Conflict-Cooperation Scale for WEIS Events Data", as adapted to CAMEO). Checked against
//! GDELT's published lookup `CAMEO.goldsteinscale.txt` (the copy read was in the public
//! repository mpiccirilli/UNDP-BCPR-Project, 311 codes). The table below keeps only the codes
//! whose value differs from their parent's; every other code inherits, so that `0231` takes the
//! value of `023`, which takes that of `02`. This reproduces all 311 published values and also
//! gives a value to the few codes of the CAMEO codebook the lookup leaves out (`1213`, `1951`).

/// (code, Goldstein value) where the value is not inherited from the parent code. Every root
/// has an entry, so every well-formed code resolves. Laid out one root a line group.
#[rustfmt::skip]
const GOLDSTEIN: &[(&str, f64)] = &[
    ("01", 0.0), ("011", -0.1), ("012", -0.4), ("013", 0.4), ("016", -2.0), ("018", 3.4),
    ("019", 3.4),
    ("02", 3.0), ("021", 3.4), ("022", 3.2), ("023", 3.4), ("024", -0.3), ("025", -0.3),
    ("026", 4.0), ("027", 4.0), ("028", 4.0),
    ("03", 4.0), ("031", 5.2), ("032", 4.5), ("033", 5.2), ("0334", 6.0), ("034", 7.0),
    ("035", 7.0), ("037", 5.0), ("038", 7.0), ("039", 5.0),
    ("04", 1.0), ("042", 1.9), ("043", 2.8), ("044", 2.5), ("045", 5.0), ("046", 7.0),
    ("05", 3.5), ("051", 3.4), ("053", 3.8), ("054", 6.0), ("055", 7.0), ("056", 7.0),
    ("057", 8.0),
    ("06", 6.0), ("061", 6.4), ("062", 7.4), ("063", 7.4), ("064", 7.0),
    ("07", 7.0), ("071", 7.4), ("072", 8.3), ("073", 7.4), ("074", 8.5),
    ("08", 5.0), ("084", 7.0), ("085", 7.0), ("086", 9.0), ("087", 9.0), ("0874", 10.0),
    ("09", -2.0),
    ("10", -5.0),
    ("11", -2.0),
    ("12", -4.0), ("125", -5.0), ("126", -5.0), ("127", -5.0), ("128", -5.0), ("129", -5.0),
    ("13", -6.0), ("130", -4.4), ("131", -5.8), ("132", -5.8), ("133", -5.8), ("134", -5.8),
    ("135", -5.8), ("136", -7.0), ("137", -7.0), ("138", -7.0), ("139", -7.0),
    ("14", -6.5), ("144", -7.5), ("145", -7.5),
    ("15", -7.2),
    ("16", -4.0), ("162", -5.6), ("163", -8.0), ("164", -7.0), ("165", -6.5), ("166", -7.0),
    ("17", -7.0), ("171", -9.2), ("172", -5.0), ("173", -5.0), ("174", -5.0), ("175", -9.0),
    ("18", -9.0), ("182", -9.5), ("1821", -9.0), ("1822", -9.0), ("1823", -10.0),
    ("183", -10.0), ("184", -8.0), ("185", -8.0), ("186", -10.0),
    ("19", -10.0), ("191", -9.5), ("192", -9.5), ("196", -9.5),
    ("20", -10.0), ("201", -9.5),
];

/// The root (first two digits, 1..=20) of a well-formed CAMEO event code: two to four ASCII
/// digits whose root is `01`..`20`. Anything else is not a CAMEO event code.
pub fn root(code: &str) -> Option<u8> {
    if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let r: u8 = code[..2].parse().ok()?;
    (1..=20).contains(&r).then_some(r)
}

/// The Goldstein scale value (-10 conflict .. +10 cooperation) of a CAMEO event code, taking
/// the nearest ancestor's value when the code has none of its own; `None` when `code` is not a
/// well-formed CAMEO event code.
pub fn goldstein(code: &str) -> Option<f64> {
    root(code)?;
    (2..=code.len()).rev().find_map(|n| {
        let prefix = &code[..n];
        GOLDSTEIN
            .iter()
            .find(|(c, _)| *c == prefix)
            .map(|&(_, v)| v)
    })
}

/// The quad class of a CAMEO event code from its root, the GDELT/Phoenix `QuadClass` rule:
/// 01-05 verbal cooperation (1), 06-08 material cooperation (2), 09-13 verbal conflict (3),
/// 14-20 material conflict (4). `None` when `code` is not a well-formed CAMEO event code.
pub fn quad_class(code: &str) -> Option<u8> {
    Some(match root(code)? {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_goldstein_values() {
        // Each checked against GDELT's CAMEO.goldsteinscale.txt.
        let cases = [
            ("010", 0.0),
            ("011", -0.1),
            ("020", 3.0),
            ("0231", 3.4),
            ("040", 1.0),
            ("042", 1.9),
            ("046", 7.0),
            ("051", 3.4),
            ("057", 8.0),
            ("0874", 10.0),
            ("0873", 9.0),
            ("112", -2.0),
            ("130", -4.4),
            ("1311", -5.8),
            ("145", -7.5),
            ("163", -8.0),
            ("175", -9.0),
            ("180", -9.0),
            ("182", -9.5),
            ("1821", -9.0),
            ("1823", -10.0),
            ("190", -10.0),
            ("196", -9.5),
            ("201", -9.5),
            ("2042", -10.0),
            ("13", -6.0),
        ];
        for (code, v) in cases {
            assert_eq!(goldstein(code), Some(v), "{code}");
        }
    }

    #[test]
    fn malformed_codes_have_no_value() {
        for bad in ["", "0", "00", "21", "99", "01234", "0a1", "-10", "２０"] {
            assert_eq!(goldstein(bad), None, "{bad:?}");
            assert_eq!(quad_class(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn table_entries_are_codes_that_differ_from_their_parent() {
        for &(code, v) in GOLDSTEIN {
            assert!(root(code).is_some(), "{code}");
            if code.len() > 2 {
                let parent = &code[..code.len() - 1];
                assert_ne!(
                    goldstein(parent),
                    Some(v),
                    "{code} repeats its parent's value"
                );
            }
        }
        let roots = GOLDSTEIN.iter().filter(|(c, _)| c.len() == 2).count();
        assert_eq!(roots, 20);
    }

    #[test]
    fn quad_class_by_root() {
        let cases = [
            ("010", 1),
            ("0234", 1),
            ("046", 1),
            ("057", 1),
            ("061", 2),
            ("0874", 2),
            ("090", 3),
            ("1121", 3),
            ("138", 3),
            ("141", 4),
            ("173", 4),
            ("190", 4),
            ("2042", 4),
        ];
        for (code, q) in cases {
            assert_eq!(quad_class(code), Some(q), "{code}");
        }
    }

    #[test]
    fn every_code_of_the_shared_codebook_has_a_value() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/cameo/CAMEO_codefile.txt");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} not found", path.display());
            return;
        };
        let mut n = 0;
        for line in text.lines() {
            let Some(rest) = line
                .strip_prefix("LABEL: ")
                .or_else(|| line.strip_prefix("LABELi: "))
            else {
                continue;
            };
            let code = rest.split('=').next().unwrap_or("").trim();
            // ICEWS variants are marked with a letter (`0811i`, `13y`): not CAMEO codes proper.
            if !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            assert!(goldstein(code).is_some(), "{code}");
            assert!(quad_class(code).is_some(), "{code}");
            n += 1;
        }
        assert!(n > 300, "only {n} codes read from {}", path.display());
    }
}
