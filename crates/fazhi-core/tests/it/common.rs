//! Shared by the corpus and unseen-fixture tests: load a folder of gold
//! annotations and parse the report each one points at.

use std::path::{Path, PathBuf};

use fazhi_core::{ParseOptions, ParsedReport, parse_bytes};
use serde_json::Value;

/// Every `*.json` in `dir` (sorted) with the parse of its `file`, which is
/// resolved against `dir`.
pub fn load_gold_dir(dir: &Path) -> Vec<(Value, ParsedReport)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let gold: Value = serde_json::from_slice(&std::fs::read(f).expect("read gold"))
                .expect("gold is JSON");
            let text_path = dir.join(gold["file"].as_str().expect("gold has file"));
            let bytes = std::fs::read(&text_path)
                .unwrap_or_else(|e| panic!("{}: {e}", text_path.display()));
            let (_, parsed) =
                parse_bytes(&bytes, &ParseOptions::default()).expect("report decodes");
            (gold, parsed)
        })
        .collect()
}

/// Part codes of a parse, in document order (compare with `eval::gold_parts`).
pub fn parsed_parts(r: &ParsedReport) -> Vec<&'static str> {
    r.sections.iter().map(|s| s.part.code()).collect()
}
