//! Consolidates report files with the real parser and prints the draft:
//! `cargo run -p fazhi-summary --example draft -- OUT.docx FILE...`.

use fazhi_core::{ParseOptions, parse_text};
use fazhi_summary::{Agency, ReportInput, consolidate, render_docx};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: draft OUT.docx FILE...");
        return;
    };
    let files: Vec<String> = args.collect();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    let parses: Vec<_> = texts
        .iter()
        .map(|t| parse_text(t, &ParseOptions::default()))
        .collect();
    let roster: Vec<Agency> = parses
        .iter()
        .enumerate()
        .map(|(i, p)| Agency {
            code: format!("a{i}"),
            name: p
                .agency
                .clone()
                .unwrap_or_else(|| format!("未署名单位{}", fazhi_summary::draft::cn_num(i + 1))),
            kind: Some(fazhi_core::AgencyKind::Department),
        })
        .collect();
    let inputs: Vec<ReportInput<'_>> = roster
        .iter()
        .zip(texts.iter().zip(&parses))
        .enumerate()
        .map(|(i, (a, (t, p)))| ReportInput {
            agency: a.clone(),
            submission_id: format!("s{i}"),
            submitted_at: String::new(),
            on_time: true,
            text: t,
            parsed: p,
        })
        .collect();
    let s = consolidate("示例区", 2023, &roster, &inputs);
    println!("{}", s.draft_markdown);
    println!("verification: {:?}", s.verification);
    if std::fs::write(&out, render_docx(&s)).is_err() {
        eprintln!("cannot write {out}");
    }
}
