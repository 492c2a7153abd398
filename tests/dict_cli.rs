//! `dragoman dict`: the built-in set loads; an overlay folder's bad lines are listed as
//! FILE:LINE and fail `--strict`; `--match` resolves dated codes.

mod common;
use common::dragoman;

#[test]
fn builtin_dictionaries_report_counts() {
    let out = dragoman(&[
        "dict",
        "--match",
        "President Obama met Sergei Lavrov.",
        "--date",
        "2010-05-01",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("verbs (PETRARCH2 format): 397 blocks"),
        "{text}"
    );
    assert!(
        text.contains("actor  \"President Obama\" -> USAGOV"),
        "{text}"
    );
    assert!(
        text.contains("actor  \"Sergei Lavrov\" -> RUSGOV"),
        "{text}"
    );
}

#[test]
fn overlay_folder_warnings_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("mine.actors.txt");
    std::fs::write(&actors, "GOOD_ACTOR [ABC]\n+ALIAS\n\t[ABC 2020-13-01]\n").unwrap();
    std::fs::write(
        dir.path().join("mine.verbs.txt"),
        "--- SAY [010] ---\nSAY\n- * (TO [011]\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let out = dragoman(&["dict", "--dictionaries", d]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("mine.actors.txt:3: bad date"), "{text}");
    assert!(text.contains("mine.verbs.txt:3: missing \")\""), "{text}");
    assert!(text.contains("warnings: 2"), "{text}");
    let strict = dragoman(&["dict", "--dictionaries", d, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let none = dragoman(&[
        "dict",
        "--dictionaries",
        dir.path().join("nope").to_str().unwrap(),
    ]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("cannot read dictionary folder"));
}

/// The built-in office-holder overlay dates current leaders; a user's overlay file wins
/// over it, and `--dictionaries` replaces the built-in set (overlay included).
#[test]
fn office_holder_overlay_and_user_overlays() {
    let check = |args: &[&str], want: &[&str]| {
        let out = dragoman(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        for w in want {
            assert!(text.contains(w), "{w} in {text}");
        }
        text
    };
    let sentence = "Donald Trump called Joe Biden and Keir Starmer.";
    check(
        &["dict", "--match", sentence, "--date", "2025-04-10"],
        &[
            "actor  \"Donald Trump\" -> USAGOV",
            "actor  \"Joe Biden\" -> USAELI",
            "actor  \"Keir Starmer\" -> GBRGOV",
        ],
    );
    check(
        &["dict", "--match", sentence, "--date", "2022-04-10"],
        &[
            "actor  \"Joe Biden\" -> USAGOV",
            "actor  \"Donald Trump\" -> USAELI",
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("my-leaders.txt");
    std::fs::write(
        &mine,
        "KEIR_STARMER_\n\t[GBRGOV 20240705-20261231]\n\t[GBRPTY]\n",
    )
    .unwrap();
    let m = mine.to_str().unwrap();
    let text = check(
        &[
            "dict",
            "--actors-overlay",
            m,
            "--match",
            sentence,
            "--date",
            "2027-01-05",
        ],
        &["actor  \"Keir Starmer\" -> GBRPTY", "my-leaders.txt"],
    );
    let at = |f: &str| text.find(f).unwrap_or(usize::MAX);
    assert!(at("my-leaders.txt") < at("Overlay.OfficeHolders"), "{text}");
    let phoenix = dir.path().join("phoenix");
    std::fs::create_dir(&phoenix).unwrap();
    std::fs::write(
        phoenix.join("x.actors.txt"),
        "JOE_BIDEN_\n\t[USAGOV >090120]\n",
    )
    .unwrap();
    let p = phoenix.to_str().unwrap();
    let text = check(
        &[
            "dict",
            "--dictionaries",
            p,
            "--match",
            sentence,
            "--date",
            "2025-04-10",
        ],
        &["actor  \"Joe Biden\" -> USAGOV"],
    );
    assert!(!text.contains("Donald Trump\" ->"), "{text}");
}

/// The shipped office-holder overlay is what `dict build-overlay` makes of the shared data.
#[test]
fn office_holder_overlay_rebuilds_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("overlay.actors.txt");
    let run = dragoman(&["dict", "build-overlay", "--out", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let built = std::fs::read_to_string(&out).unwrap();
    let shipped = std::fs::read_to_string("dictionaries/Overlay.OfficeHolders.actors.txt").unwrap();
    assert!(
        built == shipped,
        "rebuild differs: run `dragoman dict build-overlay`"
    );
}
