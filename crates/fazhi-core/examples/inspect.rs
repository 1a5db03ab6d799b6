//! Developer aids for reading what the parser does, one mode per question:
//!
//! - `cargo run -p fazhi-core --example inspect -- misses DIR`: per gold file
//!   in DIR, the agency, title and items the parse gets wrong (eval's rules);
//! - `… -- quantities TEXT…`: the quantities read on each text;
//! - `… -- lines FILE`: the cleaned lines (after chrome removal and joins);
//! - `… -- header TEXT…`: title, agency, kind, year, date of each text.

use std::path::Path;

use fazhi_core::{ParseOptions, ParsedReport, eval, normalize::Doc, parse_bytes, parse_text};
use serde_json::Value;

fn gold_pairs(dir: &str) -> Vec<(Value, ParsedReport)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("gold folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let g: Value = serde_json::from_slice(&std::fs::read(f).expect("read gold"))
                .expect("gold is JSON");
            let t = Path::new(dir).join(g["file"].as_str().unwrap_or(""));
            let bytes = std::fs::read(&t).expect("read report");
            let (_, r) = parse_bytes(&bytes, &ParseOptions::default()).expect("decodes");
            (g, r)
        })
        .collect()
}

fn misses(dir: &str) {
    let pairs = gold_pairs(dir);
    for (g, r) in &pairs {
        let file = g["file"].as_str().unwrap_or("");
        let gold_agency = g["agency"].as_str().map(str::to_string);
        if gold_agency != r.agency {
            println!("{file}: agency gold {gold_agency:?} got {:?}", r.agency);
        }
        let gold_title = g["title"].as_str().map(str::to_string);
        if gold_title != r.title {
            println!("{file}: title gold {gold_title:?} got {:?}", r.title);
        }
        let s = eval::score(std::slice::from_ref(&(g.clone(), r.clone())));
        if s.items.fn_ > 0 || s.items.fp > 0 {
            println!("{file}: items {:?}", s.items);
            for sec in &r.sections {
                let titles: Vec<_> = sec.items.iter().map(|i| i.title.clone()).collect();
                println!("  parsed {}: {titles:?}", sec.part.code());
            }
        }
    }
    println!("{}", eval::score(&pairs));
}

fn quantities(texts: &[String]) {
    for t in texts {
        let doc = Doc::new(t);
        let mut out = Vec::new();
        for l in &doc.lines {
            let line = doc.chars.get(l.start..l.end).unwrap_or(&[]);
            fazhi_core::quantities::scan_line(line, l.start, &mut out);
        }
        for q in out {
            let text: String = doc.chars[q.start..q.end].iter().collect();
            println!(
                "{text} | {} {} {:?} {:?} | what={}",
                q.value, q.unit, q.qualifier, q.kind, q.what
            );
        }
        println!("--");
    }
}

fn lines(path: &str) {
    let bytes = std::fs::read(path).expect("read file");
    let text = fazhi_core::decode(&bytes).expect("decode");
    let doc = Doc::new(&text);
    for i in 0..doc.lines.len() {
        let l: String = doc.line(i).iter().take(80).collect();
        println!("{i}: {l}");
    }
}

fn header(texts: &[String]) {
    for t in texts {
        let r = parse_text(t, &ParseOptions::default());
        println!(
            "{:?} | {:?} | {:?} | {:?} | {:?}",
            r.title, r.agency, r.agency_kind, r.year, r.published
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("misses") => misses(rest.first().map_or(".", String::as_str)),
        Some("quantities") => quantities(rest),
        Some("lines") => rest.iter().for_each(|p| lines(p)),
        Some("header") => header(rest),
        _ => eprintln!("modes: misses DIR | quantities TEXT… | lines FILE… | header TEXT…"),
    }
}
