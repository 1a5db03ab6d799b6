//! Golden outputs for refactors that must not change what the parser reads:
//! writes `serde_json::to_string(&parse_text(..))` of every sample, fixture
//! and hostile shape, one file per input, into OUT_DIR, so a later run can be
//! compared byte for byte (`diff -r`).
//!
//! Run: `cargo run --release -p fazhi-core --example golden -- OUT_DIR`.

use std::path::{Path, PathBuf};

use fazhi_core::{ParseOptions, adversarial, decode, parse_text};

/// Every `.txt` under `dir` (recursively), skipping build output and
/// proptest regression files.
fn texts(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !matches!(name, "target" | "vendor" | ".git") && !name.starts_with("proptest") {
                texts(&p, out);
            }
        } else if name.ends_with(".txt") {
            out.push(p);
        }
    }
}

/// A small deterministic generator (xorshift) for spliced inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

/// `n` texts made of random char-aligned slices of `pool`.
fn spliced(pool: &[char], n: usize) -> Vec<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|_| {
            let mut s = String::new();
            for _ in 0..1 + rng.next() % 12 {
                let a = rng.next() % pool.len();
                let len = 1 + rng.next() % 400;
                s.extend(pool.iter().skip(a).take(len));
            }
            s
        })
        .collect()
}

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).expect("OUT_DIR"));
    std::fs::create_dir_all(&out).expect("create OUT_DIR");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    texts(&root, &mut files);
    // (`samples/reports` holds the same five seed reports as `../shared/seeds`.)
    files.sort();
    let mut inputs: Vec<(String, String)> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        if let Ok(t) = decode(&bytes) {
            let rel = f.strip_prefix(&root).unwrap_or(f);
            let name = rel.display().to_string().replace(['/', '.'], "_");
            inputs.push((name, t));
        }
    }
    let seeds: Vec<String> = {
        let mut v: Vec<_> = inputs
            .iter()
            .filter(|(n, _)| n.contains("samples_reports"))
            .map(|(_, t)| t.clone())
            .collect();
        v.dedup();
        v
    };
    let corpus = seeds.join("\n");
    for size in [1_000_000, 100_000, 33_333, 4_097] {
        inputs.push((
            format!("repeat_{size}"),
            adversarial::repeat_to(&corpus, size),
        ));
    }
    let one_line: String = corpus.chars().filter(|&c| c != '\n').collect();
    inputs.push((
        "one_line".into(),
        adversarial::repeat_to(&one_line, 100_000),
    ));
    for (name, unit) in adversarial::SHAPES {
        inputs.push((
            format!("shape_{name}"),
            adversarial::repeat_to(unit, 100_000),
        ));
        inputs.push((
            format!("shape_small_{name}"),
            adversarial::repeat_to(unit, 777),
        ));
    }
    let mut pool: Vec<char> = corpus.chars().collect();
    for (_, unit) in adversarial::SHAPES {
        pool.extend(unit.chars());
    }
    for (i, t) in spliced(&pool, 400).into_iter().enumerate() {
        inputs.push((format!("spliced_{i:03}"), t));
    }
    let variants = [
        ParseOptions::default(),
        ParseOptions {
            expected_year: Some(2023),
            expected_agency: Some("区司法局".into()),
        },
    ];
    for (name, text) in &inputs {
        let mut json = String::new();
        for (k, o) in variants.iter().enumerate() {
            let r = parse_text(text, o);
            json.push_str(&serde_json::to_string(&r).expect("serialize"));
            json.push('\n');
            // Also with the unit the text itself names (agency_mismatch off).
            if k == 0 {
                let own = ParseOptions {
                    expected_year: r.year,
                    expected_agency: r.agency.clone(),
                };
                json.push_str(&serde_json::to_string(&parse_text(text, &own)).expect("ser"));
                json.push('\n');
            }
        }
        std::fs::write(out.join(format!("{name}.json")), json).expect("write");
    }
    println!("{} inputs written to {}", inputs.len(), out.display());
}
