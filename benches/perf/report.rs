//! The summary table: one row per goal, the run's header (date, machine,
//! load), printed and, with `FAZHI_BENCH_DOC`, written between the markers
//! of that file.

use super::*;

pub(crate) const BEGIN: &str = "<!-- perf:begin -->";
pub(crate) const END: &str = "<!-- perf:end -->";

/// Whether a figure meets its goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Met {
    Yes,
    No,
    /// Nothing to compare with (a figure the issue asks for without a goal).
    Shown,
    /// The section could not run.
    NotRun,
}

impl Met {
    pub(crate) fn of(ok: bool) -> Met {
        if ok { Met::Yes } else { Met::No }
    }

    fn cell(self) -> &'static str {
        match self {
            Met::Yes => "yes",
            Met::No => "**no**",
            Met::Shown => "—",
            Met::NotRun => "not run",
        }
    }
}

/// One row of the summary table.
#[derive(Debug, Clone)]
pub(crate) struct Goal {
    pub(crate) figure: String,
    pub(crate) system: String,
    pub(crate) measured: String,
    pub(crate) limit: String,
    pub(crate) ratio: String,
    pub(crate) goal: String,
    pub(crate) met: Met,
    pub(crate) method: String,
    /// For a goal not met: what the run measured about where the time goes.
    pub(crate) obstacle: String,
}

impl Goal {
    /// A section that could not run: the row says why.
    pub(crate) fn not_run(figure: &str, system: &str, goal: &str, why: &str) -> Goal {
        Goal {
            figure: figure.into(),
            system: system.into(),
            measured: "—".into(),
            limit: "—".into(),
            ratio: "—".into(),
            goal: goal.into(),
            met: Met::NotRun,
            method: "—".into(),
            obstacle: why.into(),
        }
    }
}

pub(crate) fn ratio(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.2}")
    } else {
        "—".into()
    }
}

/// The 1-minute load average, sampled every 2 s while the run lasts.
pub(crate) struct LoadSampler {
    samples: Arc<std::sync::Mutex<Vec<f64>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

pub(crate) fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn load1() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

impl LoadSampler {
    pub(crate) fn start() -> LoadSampler {
        let samples = Arc::new(std::sync::Mutex::new(Vec::new()));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (s, st) = (samples.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !st.load(Ordering::Relaxed) {
                if let Some(l) = load1() {
                    lock(&s).push(l);
                }
                std::thread::sleep(Duration::from_secs(2));
            }
        });
        LoadSampler {
            samples,
            stop,
            thread: Some(thread),
        }
    }

    /// "mean 3.1, max 5.2 (1-minute load, N samples)".
    pub(crate) fn finish(mut self) -> String {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let s = lock(&self.samples);
        if s.is_empty() {
            return "not sampled".into();
        }
        let mean = s.iter().sum::<f64>() / s.len() as f64;
        let max = s.iter().cloned().fold(f64::MIN, f64::max);
        format!(
            "mean {mean:.2}, max {max:.2} (1-minute load average every 2 s, {} samples)",
            s.len()
        )
    }
}

pub(crate) fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| format!(", {:.0} GiB RAM", kb / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cores} cores, {model}{mem}")
}

fn commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".into())
}

/// What the run header says besides the rows.
pub(crate) struct RunInfo {
    pub(crate) started: chrono::DateTime<chrono::Utc>,
    pub(crate) load_before: String,
    pub(crate) load_after: String,
    pub(crate) load_during: String,
    pub(crate) wall: Duration,
    pub(crate) sizes: String,
    pub(crate) quick: bool,
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub(crate) fn markdown(info: &RunInfo, goals: &[Goal]) -> String {
    let profile = if cfg!(debug_assertions) {
        "dev (debug: figures several times slower than release; ratios only indicative)"
    } else {
        "release (`cargo bench` profile)"
    };
    let mut out = String::new();
    out.push_str(&format!(
        "Run {} UTC, commit `{}`, {} build, {}; took {:.0} s.\n\
         Machine: {}. Load average (1/5/15 min) before {} / after {}; during the run {}.\n\
         Sizes: {}.\n\n",
        info.started.format("%Y-%m-%d %H:%M"),
        commit(),
        profile,
        if info.quick {
            "`--quick` (small sizes, a smoke run)"
        } else {
            "full sizes"
        },
        info.wall.as_secs_f64(),
        machine(),
        info.load_before,
        info.load_after,
        info.load_during,
        info.sizes,
    ));
    out.push_str(
        "| figure | system | measured | limit (same run) | ratio | goal | met? | method | what stands in the way |\n\
         |---|---|---:|---:|---:|---|---|---|---|\n",
    );
    for g in goals {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            cell(&g.figure),
            cell(&g.system),
            cell(&g.measured),
            cell(&g.limit),
            cell(&g.ratio),
            cell(&g.goal),
            g.met.cell(),
            cell(&g.method),
            cell(if g.obstacle.is_empty() {
                "—"
            } else {
                &g.obstacle
            }),
        ));
    }
    out
}

/// Replace what lies between the markers of `path` with `table`.
pub(crate) fn rewrite(path: &Path, table: &str) -> Result<(), String> {
    let doc = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (Some(b), Some(e)) = (doc.find(BEGIN), doc.find(END)) else {
        return Err(format!("{} has no {BEGIN} … {END} markers", path.display()));
    };
    if e < b {
        return Err(format!("{}: {END} comes before {BEGIN}", path.display()));
    }
    let new = format!("{}{BEGIN}\n{table}{}", &doc[..b], &doc[e..]);
    std::fs::write(path, new).map_err(|e| format!("{}: {e}", path.display()))
}
