//! Quick check of hostile shapes at two sizes: `cargo run --release -p fazhi-core --example shapes -- 250000 1000000`.
use std::time::Instant;
fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let opts = fazhi_core::ParseOptions::default();
    for (name, unit) in fazhi_core::adversarial::SHAPES {
        let mut cells = Vec::new();
        for &size in &sizes {
            let text = fazhi_core::adversarial::repeat_to(unit, size);
            let t = Instant::now();
            std::hint::black_box(fazhi_core::parse_text(&text, &opts));
            cells.push(format!("{:.1} ms", t.elapsed().as_secs_f64() * 1e3));
        }
        println!("{name}: {}", cells.join(" "));
    }
}
