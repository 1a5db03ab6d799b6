//! Prints what the real parser and the mapping make of report files:
//! `cargo run -p fazhi-summary --example dump -- FILE...`.

use fazhi_core::{ParseOptions, parse_text};
use fazhi_summary::{Agency, ReportInput, contribution};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let parsed = parse_text(&text, &ParseOptions::default());
        println!(
            "== {path} agency={:?} year={:?}",
            parsed.agency, parsed.year
        );
        for f in &parsed.findings {
            println!("  finding {} {}", f.code, f.message);
        }
        for s in &parsed.sections {
            println!(
                "  [{}] {} items={}",
                s.part.code(),
                s.heading,
                s.items.len()
            );
        }
        let input = ReportInput {
            agency: Agency {
                code: "x".into(),
                name: parsed.agency.clone().unwrap_or_default(),
                kind: Some(fazhi_core::AgencyKind::Department),
            },
            submission_id: "s".into(),
            submitted_at: String::new(),
            on_time: true,
            text: &text,
            parsed: &parsed,
        };
        let c = contribution(&input);
        for q in &c.quantities {
            println!(
                "  {:>8} {:?} {:?} {:?} [{}] {:?} {:?} what={} | {} | {}",
                q.value,
                q.unit,
                q.qualifier,
                q.kind,
                q.indicator.as_deref().unwrap_or("-"),
                q.role,
                q.parent,
                q.what,
                q.text,
                q.clause
            );
        }
        for i in &c.items {
            println!(
                "  item {} {:?} {}",
                i.part.code(),
                i.themes.first().map(|h| h.code.as_str()),
                i.label
            );
        }
    }
}
