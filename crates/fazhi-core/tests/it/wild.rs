//! Scores the parser on fixtures written in the styles of real web and
//! office copies (`tests/wild/dev`, developed against, and `tests/wild/held`,
//! held aside and scored only at the end), both against the issue-9 bar
//! `eval::WILD_BAR`. A missing folder is skipped with a message (the
//! fixtures arrive on their own branch), except under CI=true.

use crate::common;

use std::path::Path;

use fazhi_core::eval;

const WILD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/wild");

/// `strict_order`: also require every file's parts, in order, exactly as the
/// gold has them. Held to it on dev (developed against); on held the
/// issue's bar (F1 over all files) decides and misses are printed.
fn meets_the_bar(folder: &str, strict_order: bool) {
    let dir = Path::new(WILD).join(folder);
    if !dir.is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{} missing under CI",
            dir.display()
        );
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let pairs = common::load_gold_dir(&dir);
    assert!(!pairs.is_empty(), "no gold files in {}", dir.display());
    let scores = eval::score(&pairs);
    println!("{folder}: {scores}");
    let mut shortfalls = scores.shortfalls_against(&eval::WILD_BAR);
    // Parts in document order, per file (the F1 ignores order).
    for (gold, parsed) in &pairs {
        if common::parsed_parts(parsed) != eval::gold_parts(gold) {
            let miss = format!("{}: parts out of gold order", gold["file"]);
            if strict_order {
                shortfalls.push(miss);
            } else {
                println!("{folder}: {miss}");
            }
        }
    }
    assert!(shortfalls.is_empty(), "{folder}: {}", shortfalls.join("; "));
}

#[test]
fn dev_fixtures_meet_the_wild_bar() {
    meets_the_bar("dev", true);
}

#[test]
fn held_fixtures_meet_the_wild_bar() {
    meets_the_bar("held", false);
}
