//! Timing a series of operations: `measure` runs them from c tasks.

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

/// Mean of a slice of durations, in ms.
pub(crate) fn mean_ms(d: &[Duration]) -> f64 {
    d.iter().map(Duration::as_secs_f64).sum::<f64>() / d.len().max(1) as f64 * 1e3
}

/// Progress on stderr, so a slow section is visible while it runs.
pub(crate) fn progress(what: &str, stats: &Stats) {
    eprintln!(
        "  {what:<64} {:>9.1}/s ({} ok, {} errors{})",
        stats.rate(),
        stats.ok,
        stats.errors,
        stats
            .first_error
            .as_deref()
            .map(|e| format!(", first: {e}"))
            .unwrap_or_default()
    );
}
