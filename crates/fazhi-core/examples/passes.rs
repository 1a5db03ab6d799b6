//! The parser's cost in plain passes, as the workspace perf harness
//! (`benches/perf/parse.rs`) measures it: the median of 7 `parse_text` of the
//! sample reports joined by "\n" and repeated to 1 MB, against the median of
//! 35 plain passes over the same text.
//!
//! Run: `cargo run --release -p fazhi-core --example passes [-- SEED_DIR [N]]`
//! (default `samples/reports` of the workspace, the harness's seeds; with N,
//! only N parses, for a profiler).

use std::time::Instant;

use fazhi_core::{ParseOptions, adversarial::repeat_to, parse_text};

/// The harness's plain pass: decode every char, count line breaks and CJK.
fn plain_pass(text: &str) -> usize {
    text.chars()
        .filter(|&c| c == '\n' || ('\u{4e00}'..='\u{9fff}').contains(&c))
        .count()
}

fn median_secs<F: FnMut()>(reps: usize, mut f: F) -> f64 {
    let mut v: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The `.txt` files of `dir`, sorted, joined by "\n" (as the harness does).
fn corpus(dir: &str) -> String {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed is UTF-8"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn main() {
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/reports");
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| default.to_string());
    let text = repeat_to(&corpus(&dir), 1_000_000);
    let options = ParseOptions::default();
    // `-- DIR N`: only N parses, for a profiler.
    if let Some(n) = std::env::args()
        .nth(2)
        .and_then(|n| n.parse::<usize>().ok())
    {
        for _ in 0..n {
            std::hint::black_box(parse_text(std::hint::black_box(&text), &options));
        }
        return;
    }
    let parse = median_secs(7, || {
        std::hint::black_box(parse_text(std::hint::black_box(&text), &options));
    });
    let pass = median_secs(35, || {
        std::hint::black_box(plain_pass(std::hint::black_box(&text)));
    });
    println!(
        "parse {:.2} ms, plain pass {:.3} ms, {:.1} passes",
        parse * 1e3,
        pass * 1e3,
        parse / pass.max(1e-12)
    );
}
