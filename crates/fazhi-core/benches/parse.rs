//! Throughput of `parse_text` from 1 KB to 10 MB, built by repeating the
//! sample reports, to show that time grows linearly with size.
//! Run: `cargo bench -p fazhi-core --bench parse`.

use std::time::Instant;

use fazhi_core::{ParseOptions, parse_text};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/reports");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("samples/reports")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("sample is UTF-8"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `base` repeated and cut (at a character boundary) to about `size` bytes.
fn input(base: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + base.len());
    while s.len() < size {
        s.push_str(base);
    }
    let mut cut = size.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

fn main() {
    let base = corpus();
    let opts = ParseOptions::default();
    println!("| size | time | MB/s | ns/byte |");
    println!("|---:|---:|---:|---:|");
    for size in [1_000, 10_000, 100_000, 1_000_000, 10_000_000] {
        let text = input(&base, size);
        // Repeat small inputs so each measurement takes a while.
        let reps = (20_000_000 / size).clamp(1, 2_000);
        let start = Instant::now();
        let mut sections = 0;
        for _ in 0..reps {
            sections += std::hint::black_box(parse_text(std::hint::black_box(&text), &opts))
                .sections
                .len();
        }
        let per = start.elapsed().as_secs_f64() / reps as f64;
        let mbs = text.len() as f64 / per / 1e6;
        let label = if size >= 1_000_000 {
            format!("{} MB", size / 1_000_000)
        } else {
            format!("{} KB", size / 1_000)
        };
        println!(
            "| {label} | {:.3} ms | {mbs:.1} | {:.1} |  ",
            per * 1e3,
            per * 1e9 / text.len() as f64
        );
        let _ = sections;
    }
    // Adversarial shapes at 1 MB and 4 MB: time must grow by about 4x.
    println!();
    println!("| adversarial input | 1 MB | 4 MB | ratio |");
    println!("|---|---:|---:|---:|");
    let one_line: String = base.chars().filter(|&c| c != '\n').collect();
    for (name, unit) in [
        ("whole report on one line", one_line.as_str()),
        ("digits only", "1234567890"),
        ("一是 repeated", "一是"),
        ("open quotes", "“《"),
        ("numbered headings", "一、存在的问题和不足\n"),
        ("numbers with units", "超170万余次，"),
        ("blank lines", "\n\n\r\n"),
    ] {
        let time = |size: usize| {
            let text = input(unit, size);
            let start = Instant::now();
            std::hint::black_box(parse_text(&text, &opts));
            start.elapsed().as_secs_f64()
        };
        let (a, b) = (time(1_000_000), time(4_000_000));
        println!(
            "| {name} | {:.1} ms | {:.1} ms | {:.2} |",
            a * 1e3,
            b * 1e3,
            b / a
        );
    }
}
