//! Per-report cost of the incremental aggregate against the district's size,
//! the full rebuild beside it, and where the summary's JSON bytes go.
//!
//! `cargo bench -p fazhi-summary --bench incremental [-- N...]` (default
//! 10 100 1000 3000). Prints Markdown tables; with `FAZHI_BENCH_DOC=PATH`
//! it also rewrites the part of that file between the `summary-bench`
//! markers (`docs/benchmarks.md`). Plain `fn main`, timed with `Instant`:
//! each figure is the median of its repetitions.

#[path = "synth/mod.rs"]
mod synth;

use std::fmt::Write as _;
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
    let mut out = String::new();
    let _ = writeln!(out, "{}", context());
    let _ = writeln!(
        out,
        "| reports in district | upsert (replace), ms | withdraw, ms | add new, ms | summary(), ms | full assemble, ms | summary JSON, MB |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|");
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
        let _ = writeln!(
            out,
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
        breakdown(&mut out, &s);
    }
    print!("{out}");
    if let Ok(path) = std::env::var("FAZHI_BENCH_DOC") {
        rewrite(&path, &out);
    }
}

/// Date, machine and load: what a reader needs to weigh the figures.
fn context() -> String {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_default();
    let cores = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let load: String = read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!(
        "Run {} on {cores} cores ({model}), load average before the run {load}.\n",
        utc_date(secs)
    )
}

/// `YYYY-MM-DD HH:MM UTC` from Unix seconds (days to civil date, proleptic
/// Gregorian), to stamp the table without a date crate.
fn utc_date(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02} UTC")
}

const BEGIN: &str = "<!-- summary-bench:begin -->";
const END: &str = "<!-- summary-bench:end -->";

/// Replace the text between the markers, leaving the rest of the file.
fn rewrite(path: &str, tables: &str) {
    let Ok(doc) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let (Some(a), Some(b)) = (doc.find(BEGIN), doc.find(END)) else {
        eprintln!("{path} has no {BEGIN} … {END} markers");
        return;
    };
    if b < a {
        return;
    }
    let new = format!("{}{BEGIN}\n{tables}{}", &doc[..a], &doc[b..]);
    if std::fs::write(path, new).is_err() {
        eprintln!("cannot write {path}");
    }
}

/// Bytes of each top-level field of the summary's JSON.
fn breakdown(out: &mut String, s: &fazhi_summary::DistrictSummary) {
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
    let _ = writeln!(out);
    let _ = writeln!(out, "| field ({} units) | MB | share |", s.coverage.len());
    let _ = writeln!(out, "|---|---:|---:|");
    for (k, b) in rows {
        let _ = writeln!(
            out,
            "| `{k}` | {:.2} | {:.1} % |",
            b as f64 / 1e6,
            b as f64 * 100.0 / total.max(1) as f64
        );
    }
}
