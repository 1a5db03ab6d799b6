//! Lists the classified items of report files (for hand-labelling):
//! `cargo run -p fazhi-summary --example items -- FILE...`.

use fazhi_core::{ParseOptions, parse_text};
use fazhi_summary::{Agency, ReportInput, contribution};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let parsed = parse_text(&text, &ParseOptions::default());
        let input = ReportInput {
            agency: Agency {
                code: "x".into(),
                name: String::new(),
                kind: Some(fazhi_core::AgencyKind::Department),
            },
            submission_id: "s".into(),
            submitted_at: String::new(),
            on_time: true,
            text: &text,
            parsed: &parsed,
        };
        let stem = std::path::Path::new(&path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_owned();
        for i in contribution(&input).items {
            let primary = i.themes.first().map_or("unclassified", |h| h.code.as_str());
            println!("{stem}\t{}\t{}\t{primary}", i.part.code(), i.label);
        }
    }
}
