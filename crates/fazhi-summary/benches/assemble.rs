//! Full rebuild: `assemble` over N synthetic contributions.
//! `cargo bench -p fazhi-summary --bench assemble [-- N...]`.

#[path = "synth/mod.rs"]
mod synth;

use std::time::Instant;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100, 300, 1000, 3000]
    } else {
        sizes
    };
    for n in sizes {
        let roster = synth::roster(n);
        let cs = synth::contributions(&roster);
        let t = Instant::now();
        let s = fazhi_summary::assemble("合成区", 2023, &roster, &cs);
        let dt = t.elapsed();
        let json = serde_json::to_vec(&s).unwrap_or_default();
        let bytes = json.len();
        // To compare two versions' output byte for byte.
        if let Ok(dir) = std::env::var("FAZHI_BENCH_DUMP") {
            let _ = std::fs::write(format!("{dir}/summary-{n}.json"), &json);
        }
        println!(
            "n={n} assemble={:.3}s citations={} json={:.1}MB",
            dt.as_secs_f64(),
            s.citations.len(),
            bytes as f64 / 1e6
        );
    }
}
