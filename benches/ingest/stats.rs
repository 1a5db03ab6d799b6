//! Timing a series of operations and printing it as a Markdown table.

use super::*;

/// Outcome of one timed series.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub(crate) ok: usize,
    pub(crate) errors: usize,
    pub(crate) first_error: Option<String>,
    pub(crate) total: Duration,
    /// Per successful operation, in completion order within each task.
    pub(crate) latencies: Vec<Duration>,
}

impl Stats {
    pub(crate) fn rate(&self) -> f64 {
        self.ok as f64 / self.total.as_secs_f64().max(1e-9)
    }

    pub(crate) fn percentile(&self, q: f64) -> Option<Duration> {
        if self.latencies.is_empty() {
            return None;
        }
        let mut sorted = self.latencies.clone();
        sorted.sort_unstable();
        let i = ((sorted.len() - 1) as f64 * q).round() as usize;
        Some(sorted[i])
    }
}

/// Run `op(0..n)` with `concurrency` tasks pulling the next index, timing
/// each operation and the whole series.
pub(crate) async fn measure<F, Fut>(concurrency: usize, n: usize, op: F) -> Stats
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let op = Arc::new(op);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(concurrency);
    for _ in 0..concurrency.max(1) {
        let (op, next) = (op.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut stats = Stats::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let t = Instant::now();
                match op(i).await {
                    Ok(()) => {
                        stats.ok += 1;
                        stats.latencies.push(t.elapsed());
                    }
                    Err(e) => {
                        stats.errors += 1;
                        stats.first_error.get_or_insert(e);
                    }
                }
            }
            stats
        }));
    }
    let mut all = Stats::default();
    for task in tasks {
        match task.await {
            Ok(s) => {
                all.ok += s.ok;
                all.errors += s.errors;
                all.latencies.extend(s.latencies);
                if all.first_error.is_none() {
                    all.first_error = s.first_error;
                }
            }
            Err(e) => {
                all.errors += 1;
                all.first_error.get_or_insert(format!("task failed: {e}"));
            }
        }
    }
    all.total = start.elapsed();
    all
}

pub(crate) struct Row {
    pub(crate) operation: String,
    pub(crate) concurrency: String,
    pub(crate) count: usize,
    pub(crate) total: Duration,
    pub(crate) rate: f64,
    p50: Option<Duration>,
    p99: Option<Duration>,
    /// This row's rate divided by its limit's rate.
    pub(crate) ratio: Option<f64>,
    pub(crate) errors: usize,
}

impl Row {
    pub(crate) fn from_stats(
        operation: &str,
        concurrency: usize,
        stats: &Stats,
        limit: Option<f64>,
    ) -> Row {
        let rate = stats.rate();
        Row {
            operation: operation.to_owned(),
            concurrency: concurrency.to_string(),
            count: stats.ok,
            total: stats.total,
            rate,
            p50: stats.percentile(0.50),
            p99: stats.percentile(0.99),
            ratio: limit.filter(|l| *l > 0.0).map(|l| rate / l),
            errors: stats.errors,
        }
    }
}

pub(crate) struct Table {
    pub(crate) title: String,
    pub(crate) rows: Vec<Row>,
    pub(crate) notes: Vec<String>,
}

impl Table {
    pub(crate) fn new(title: &str) -> Table {
        Table {
            title: title.to_owned(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, row: Row, stats: Option<&Stats>) {
        if let Some(e) = stats.and_then(|s| s.first_error.as_deref()) {
            self.notes.push(format!(
                "{} (concurrency {}): {} errors, first: {e}",
                row.operation, row.concurrency, row.errors
            ));
        }
        // Progress on stderr, so a slow row is visible while it runs.
        eprintln!(
            "  {:<58} c={:<3} {:>9.1} ops/s",
            row.operation, row.concurrency, row.rate
        );
        self.rows.push(row);
    }

    pub(crate) fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    pub(crate) fn print(&self) {
        let ms = |d: Option<Duration>| {
            d.map(|d| format!("{:.2}", d.as_secs_f64() * 1e3))
                .unwrap_or_else(|| "—".into())
        };
        println!("\n### {}\n", self.title);
        println!(
            "| operation | concurrency | count | total (s) | ops/s | p50 (ms) | p99 (ms) | ratio to limit |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|");
        for r in &self.rows {
            let errors = if r.errors > 0 {
                format!(" ({} errors)", r.errors)
            } else {
                String::new()
            };
            println!(
                "| {} | {} | {}{errors} | {:.2} | {:.1} | {} | {} | {} |",
                r.operation,
                r.concurrency,
                r.count,
                r.total.as_secs_f64(),
                r.rate,
                ms(r.p50),
                ms(r.p99),
                r.ratio
                    .map(|x| format!("{x:.2}"))
                    .unwrap_or_else(|| "—".into()),
            );
        }
        if !self.notes.is_empty() {
            println!();
            for n in &self.notes {
                println!("- {n}");
            }
        }
    }
}
