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
    /// Share of the machine's CPU time (all cores, every process) that was
    /// busy during the series: near 1, the cores are the limit.
    pub(crate) cpu_busy: Option<f64>,
}

/// The machine's CPU time so far (busy, total), from `/proc/stat`'s first
/// line; `None` off Linux.
pub(crate) fn cpu_times() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    let total: u64 = fields.iter().take(8).sum();
    // idle and iowait
    let idle = fields.get(3)? + fields.get(4).copied().unwrap_or(0);
    Some((total - idle, total))
}

/// Busy share of the CPU time between two [`cpu_times`] readings.
pub(crate) fn busy_between(before: Option<(u64, u64)>, after: Option<(u64, u64)>) -> Option<f64> {
    let ((b0, t0), (b1, t1)) = (before?, after?);
    (t1 > t0).then(|| (b1 - b0) as f64 / (t1 - t0) as f64)
}

/// "machine CPU 97 % busy" for a busy share from [`busy_between`].
pub(crate) fn busy_share(busy: f64) -> String {
    format!("machine CPU {:.0} % busy", busy * 100.0)
}

/// " (machine CPU 97 % busy, 1.90 ms CPU per operation)" for an obstacle
/// text, or nothing when unknown. The CPU time is every process's (server,
/// database, broker, bench client) over the series, per successful operation.
pub(crate) fn busy_note(stats: &Stats) -> String {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    stats
        .cpu_busy
        .map(|b| {
            let per_op = b * cores * stats.total.as_secs_f64() / stats.ok.max(1) as f64;
            format!(
                " ({}, {:.2} ms CPU per operation)",
                busy_share(b),
                per_op * 1e3
            )
        })
        .unwrap_or_default()
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
    let cpu = cpu_times();
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
    all.cpu_busy = busy_between(cpu, cpu_times());
    all
}

/// Mean of a slice of durations, in ms.
pub(crate) fn mean_ms(d: &[Duration]) -> f64 {
    d.iter().map(Duration::as_secs_f64).sum::<f64>() / d.len().max(1) as f64 * 1e3
}

/// Progress on stderr, so a slow section is visible while it runs.
pub(crate) fn progress(what: &str, stats: &Stats) {
    eprintln!(
        "  {what:<64} {:>9.1}/s ({} ok, {} errors{}){}",
        stats.rate(),
        stats.ok,
        stats.errors,
        stats
            .first_error
            .as_deref()
            .map(|e| format!(", first: {e}"))
            .unwrap_or_default(),
        busy_note(stats)
    );
}
