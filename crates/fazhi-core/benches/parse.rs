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

use fazhi_core::adversarial::repeat_to as input;

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
    // Hostile shapes from 1 KB to 10 MB: ns/byte must stay flat.
    println!();
    println!("| hostile input | 1 KB | 10 KB | 100 KB | 1 MB | 10 MB | 10 MB / 1 MB |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let one_line: String = base.chars().filter(|&c| c != '\n').collect();
    let mut shapes: Vec<(&str, &str)> = vec![("whole report on one line", one_line.as_str())];
    shapes.extend(fazhi_core::adversarial::SHAPES.iter().copied());
    for (name, unit) in shapes {
        let mut cells = Vec::new();
        let mut per_mb = 0.0;
        for size in [1_000, 10_000, 100_000, 1_000_000, 10_000_000] {
            let text = fazhi_core::adversarial::repeat_to(unit, size);
            let reps = (2_000_000 / size).clamp(1, 200);
            let start = Instant::now();
            for _ in 0..reps {
                std::hint::black_box(parse_text(std::hint::black_box(&text), &opts));
            }
            let per = start.elapsed().as_secs_f64() / reps as f64;
            if size == 1_000_000 {
                per_mb = per;
            }
            cells.push(format!("{:.0} ns/B", per * 1e9 / text.len() as f64));
            if size == 10_000_000 {
                cells.push(format!("{:.1}x", per / per_mb));
            }
        }
        println!("| {name} | {} |", cells.join(" | "));
    }
}
