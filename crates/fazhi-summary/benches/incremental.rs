//! Per-report cost of the incremental aggregate against the district's size,
//! the full rebuild beside it, and where the summary's JSON bytes go.
//!
//! `cargo bench -p fazhi-summary --bench incremental [-- N...]` (default
//! 10 100 1000 3000). Prints Markdown tables (the ones in
//! `docs/benchmarks.md`). Plain `fn main`, timed with `Instant`: each figure
//! is the median of its repetitions.

#[path = "synth/mod.rs"]
mod synth;

use std::time::{Duration, Instant};

use fazhi_summary::{Change, DistrictAggregate, ReportContribution, assemble};

/// Updates timed per size: replace, withdraw and re-add of spread agencies.
const UPDATES: usize = 60;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10, 100, 1000, 3000]
    } else {
        sizes
    };
    println!(
        "| reports in district | upsert (replace), ms | withdraw, ms | add new, ms | summary(), ms | full assemble, ms | summary JSON, MB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let mut last = None;
    for &n in &sizes {
        let roster = synth::roster(n + 1);
        let cs = synth::contributions(&roster[..n]);
        let mut agg = DistrictAggregate::from_contributions("合成区", 2023, &roster, &cs);
        let picks: Vec<usize> = (0..UPDATES).map(|k| (k * 7919) % n).collect();
        let replacements: Vec<ReportContribution> = picks
            .iter()
            .map(|&i| synth::contribution_of(&roster[i], i, 1))
            .collect();
        let newcomer = synth::contribution_of(&roster[n], n, 0);

        let mut upsert = Vec::new();
        for c in &replacements {
            let c = c.clone();
            let t = Instant::now();
            agg.apply(Change::Upsert(Box::new(c)));
            upsert.push(t.elapsed());
        }
        let mut withdraw = Vec::new();
        let mut add = Vec::new();
        for _ in 0..UPDATES {
            let c = newcomer.clone();
            let t = Instant::now();
            agg.apply(Change::Upsert(Box::new(c)));
            add.push(t.elapsed());
            let t = Instant::now();
            agg.apply(Change::Remove(roster[n].code.clone()));
            withdraw.push(t.elapsed());
        }
        let reps = if n >= 1000 { 3 } else { 7 };
        let mut render = Vec::new();
        let mut full = Vec::new();
        let mut summary = None;
        let current: Vec<ReportContribution> = agg.contributions().cloned().collect();
        for _ in 0..reps {
            let t = Instant::now();
            let s = agg.summary();
            render.push(t.elapsed());
            let t = Instant::now();
            let f = assemble("合成区", 2023, &roster, &current);
            full.push(t.elapsed());
            summary = Some((s, f));
        }
        let Some((s, f)) = summary else { continue };
        let json = serde_json::to_vec(&s).unwrap_or_default();
        let same = json == serde_json::to_vec(&f).unwrap_or_default();
        println!(
            "| {n} | {} | {} | {} | {} | {} | {:.1}{} |",
            ms(median(upsert)),
            ms(median(withdraw)),
            ms(median(add)),
            ms(median(render)),
            ms(median(full)),
            json.len() as f64 / 1e6,
            if same { "" } else { " (DIFFERS from assemble)" }
        );
        last = Some(s);
    }
    if let Some(s) = last {
        breakdown(&s);
    }
}

/// Bytes of each top-level field of the summary's JSON.
fn breakdown(s: &fazhi_summary::DistrictSummary) {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(s) else {
        return;
    };
    let mut rows: Vec<(String, usize)> = map
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                serde_json::to_vec(v).map(|b| b.len()).unwrap_or(0),
            )
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    let total: usize = rows.iter().map(|r| r.1).sum();
    println!();
    println!("| field ({} reports) | MB | share |", s.coverage.len());
    println!("|---|---:|---:|");
    for (k, b) in rows {
        println!(
            "| `{k}` | {:.2} | {:.1} % |",
            b as f64 / 1e6,
            b as f64 * 100.0 / total.max(1) as f64
        );
    }
}
