//! What the end-to-end tests share: running the built `dragoman` from the project folder.

use std::process::{Command, Output, Stdio};

pub fn dragoman(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dragoman"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("run dragoman")
}
