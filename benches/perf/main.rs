//! Issue 13's harness: every performance goal measured next to its limit
//! in the same run, one row per goal, written as one table.
//!
//! `FAZHI_BENCH_DOC=docs/benchmarks.md cargo bench --bench perf` runs it
//! (release) and rewrites the table between `<!-- perf:begin -->` and
//! `<!-- perf:end -->`; `-- --quick` runs small sizes (a smoke run, minutes
//! even in debug: `cargo bench --profile dev --bench perf -- --quick`).
//! Sections, one file each: `ingest` (goal 1), `throughput` (2), `e2e`
//! (3 and 4), `reprocess` (5), `parse` (6); `report` writes the table;
//! `fixture`, `broker`, `stats` are shared. Every server and worker is
//! started by `fazhi::app::Application` (as `fazhi serve` / `fazhi worker`
//! start them), re-processing is the real `fazhi reprocess` binary. Every
//! wait is bounded. Each run makes fresh PostgreSQL databases, RabbitMQ
//! queues and SQLite files, and removes them at the end.
//!
//! Environment: `FAZHI_BENCH_PG_URL` (default the local `postgres`
//! database), `FAZHI_BENCH_N` (ingest and worker counts),
//! `FAZHI_BENCH_REPROCESS_N` (default the 300 000; `auto`: about
//! 3 minutes of work at the 2-worker rate measured earlier in the run),
//! `FAZHI_BENCH_REPROCESS_WINDOW`,
//! `FAZHI_BENCH_SECTIONS` (a comma list of `ingest`, `worker`, `e2e`, `rush`,
//! `reprocess`, `parse`: run only those).

use std::collections::BTreeMap;
use std::future::Future;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fazhi::app::{Application, Parts, Roles};
use fazhi_config::{QueueSettings, Settings};
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_client::DistrictSummaryServiceClient;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use fazhi_queue::topology::Topology;
use fazhi_queue::{OutgoingMessage, TRACEPARENT};
use fazhi_store::agencies::RosterRow;
use fazhi_store::processing::Outcome;
use fazhi_store::{Store, SubmissionRecord, SubmissionStatus};
use lapin::options::{ConfirmSelectOptions, ExchangeDeleteOptions, QueueDeleteOptions};
use lapin::{Channel, Connection, ConnectionProperties};
use sea_orm::{ConnectionTrait, TransactionTrait};
use sha2::Digest;

mod broker;
mod e2e;
mod fixture;
mod ingest;
mod parse;
mod report;
mod reprocess;
mod stats;
mod throughput;

use broker::*;
use fixture::*;
use ingest::errors;
use report::*;
use stats::*;

pub(crate) const AMQP_URL: &str = "amqp://guest:guest@127.0.0.1:5672/%2f";
pub(crate) const AMQP_ADDR: &str = "127.0.0.1:5672";
const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";
pub(crate) const YEAR: i32 = 2022;
/// The district of a record before a section sets its own.
pub(crate) const DISTRICT: &str = "压测区";
/// Operations before each timed series (connections, declarations, caches).
pub(crate) const WARMUP: usize = 20;

/// How big each section runs.
#[derive(Debug, Clone)]
pub(crate) struct Sizes {
    pub(crate) ingest: usize,
    pub(crate) worker: usize,
    pub(crate) e2e_units: usize,
    pub(crate) rush: usize,
    pub(crate) rush_districts: usize,
    /// `None`: sized from the measured worker rate (see [`Ctx::reprocess_n`]).
    pub(crate) reprocess: Option<usize>,
    pub(crate) reprocess_units: usize,
    pub(crate) reprocess_window: u64,
}

fn env_num<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

impl Sizes {
    fn new(quick: bool) -> Sizes {
        let mut s = if quick {
            Sizes {
                ingest: 40,
                worker: 30,
                e2e_units: 30,
                rush: 200,
                rush_districts: 3,
                reprocess: Some(300),
                reprocess_units: 10,
                reprocess_window: 64,
            }
        } else {
            // The sizes, re-processing's 300 000 included (about an
            // hour on 2 cores; `FAZHI_BENCH_REPROCESS_N=auto` sizes it to
            // about 3 minutes at the measured rate instead).
            Sizes {
                ingest: 1000,
                worker: 1000,
                e2e_units: 300,
                rush: 10_000,
                rush_districts: 30,
                reprocess: Some(300_000),
                reprocess_units: 100,
                reprocess_window: 64,
            }
        };
        if let Some(n) = env_num::<usize>("FAZHI_BENCH_N").filter(|n| *n > 0) {
            s.ingest = n;
            s.worker = n;
        }
        if let Some(n) = env_num::<usize>("FAZHI_BENCH_REPROCESS_N").filter(|n| *n > 0) {
            s.reprocess = Some(n);
        }
        if std::env::var("FAZHI_BENCH_REPROCESS_N").is_ok_and(|v| v == "auto") {
            s.reprocess = None;
        }
        if let Some(w) = env_num::<u64>("FAZHI_BENCH_REPROCESS_WINDOW").filter(|w| *w > 0) {
            s.reprocess_window = w;
        }
        s
    }

    fn describe(&self) -> String {
        let reprocess = match self.reprocess {
            Some(n) => format!("{n} reports"),
            None => "about 3 minutes' worth of reports at the measured 2-worker rate".to_owned(),
        };
        format!(
            "ingest {} SubmitReport per row (raw rows 2×), worker {} reports per row, end to \
             end {} units, city rush {} reports over {} districts, re-processing {reprocess} \
             ({} units × 3 years per district), reprocess window {}",
            self.ingest,
            self.worker,
            self.e2e_units,
            self.rush,
            self.rush_districts,
            self.reprocess_units,
            self.reprocess_window
        )
    }
}

/// What every section shares; what it creates is removed by [`Ctx::cleanup`].
pub(crate) struct Ctx {
    pub(crate) quick: bool,
    pub(crate) sizes: Sizes,
    pub(crate) dir: PathBuf,
    pub(crate) seeds: Vec<Seed>,
    pub(crate) pg_admin: Option<String>,
    /// Why RabbitMQ + PostgreSQL sections cannot run, if they cannot.
    missing: Option<String>,
    /// Reports/s of 2 workers on RabbitMQ + PostgreSQL, once measured.
    pub(crate) worker_rate: std::sync::Mutex<Option<f64>>,
    /// The N re-processing ran with.
    pub(crate) reprocess_ran: std::sync::Mutex<Option<usize>>,
    pub(crate) created_dbs: std::sync::Mutex<Vec<String>>,
    pub(crate) created_topologies: std::sync::Mutex<Vec<Topology>>,
}

impl Ctx {
    pub(crate) fn need_rabbit_pg(&self) -> Result<(), String> {
        match &self.missing {
            Some(why) => Err(why.clone()),
            None => Ok(()),
        }
    }

    /// How many stored reports re-processing runs: as set, else about
    /// 3 minutes at the 2-worker rate measured in this run (10 000 when it
    /// was not measured), between 3 000 and the 300 000.
    pub(crate) fn reprocess_n(&self) -> usize {
        self.sizes.reprocess.unwrap_or_else(|| {
            let rate = lock(&self.worker_rate).unwrap_or(10_000.0 / 180.0);
            let n = (rate * 180.0) as usize;
            (n / 1000 * 1000).clamp(3_000, 300_000)
        })
    }

    async fn cleanup(&self) {
        let dbs = std::mem::take(&mut *lock(&self.created_dbs));
        if let Some(admin) = &self.pg_admin
            && !dbs.is_empty()
            && let Ok(conn) = sea_orm::Database::connect(admin.as_str()).await
        {
            for name in dbs {
                if let Err(e) = conn
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                {
                    eprintln!("drop database {name}: {e}");
                }
            }
            conn.close().await.ok();
        }
        let topologies = std::mem::take(&mut *lock(&self.created_topologies));
        if !topologies.is_empty()
            && let Ok(mut admin) = Admin::connect().await
        {
            admin.created = topologies;
            admin.delete_all().await;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn postgres(url: &str) -> Result<(), String> {
    let conn = tokio::time::timeout(Duration::from_secs(5), sea_orm::Database::connect(url))
        .await
        .map_err(|_| "PostgreSQL connect timed out".to_owned())?
        .map_err(|e| format!("PostgreSQL at {url}: {e}"))?;
    conn.close().await.ok();
    Ok(())
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tokio runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run(quick)) {
        eprintln!("perf: {e}");
        std::process::exit(1);
    }
}

async fn run(quick: bool) -> Result<(), String> {
    let started = Instant::now();
    let info_start = chrono::Utc::now();
    let load_before = loadavg();
    let sampler = LoadSampler::start();
    let dir = std::env::temp_dir().join(unique("fazhi-perf-"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let pg = std::env::var("FAZHI_BENCH_PG_URL").unwrap_or_else(|_| PG_ADMIN.to_owned());
    let missing = if !reachable(AMQP_ADDR) {
        Some(format!("RabbitMQ is not reachable at {AMQP_ADDR}"))
    } else {
        postgres(&pg).await.err()
    };
    let ctx = Ctx {
        quick,
        sizes: Sizes::new(quick),
        dir,
        seeds: seeds()?,
        pg_admin: Some(pg),
        missing,
        worker_rate: Default::default(),
        reprocess_ran: Default::default(),
        created_dbs: Default::default(),
        created_topologies: Default::default(),
    };
    let only: Option<Vec<String>> = std::env::var("FAZHI_BENCH_SECTIONS")
        .ok()
        .map(|s| s.split(',').map(|x| x.trim().to_owned()).collect());
    let wanted = |name: &str| only.as_ref().is_none_or(|o| o.iter().any(|x| x == name));
    eprintln!("perf: {}", ctx.sizes.describe());
    let mut goals = Vec::new();
    if wanted("ingest") {
        eprintln!("== ingest");
        ingest::run(&ctx, &mut goals).await;
    }
    if wanted("worker") {
        eprintln!("== worker throughput");
        throughput::run(&ctx, &mut goals).await;
    }
    if wanted("e2e") {
        eprintln!("== end to end");
        e2e::run(&ctx, &mut goals).await;
    }
    if wanted("rush") {
        eprintln!("== city rush");
        e2e::run_rush(&ctx, &mut goals).await;
    }
    if wanted("reprocess") {
        eprintln!("== re-processing");
        reprocess::run(&ctx, &mut goals).await;
    }
    if wanted("parse") {
        eprintln!("== parser");
        parse::run(&ctx, &mut goals);
    }
    ctx.cleanup().await;
    let info = RunInfo {
        started: info_start,
        load_before,
        load_after: loadavg(),
        load_during: sampler.finish(),
        wall: started.elapsed(),
        sizes: format!(
            "{}; re-processing ran {}",
            ctx.sizes.describe(),
            lock(&ctx.reprocess_ran).map_or("not".to_owned(), |n| format!("N = {n}"))
        ),
        quick,
    };
    let table = markdown(&info, &goals);
    println!("\n{table}");
    if let Ok(doc) = std::env::var("FAZHI_BENCH_DOC") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
        rewrite(&path, &table)?;
        eprintln!("perf: table written to {}", path.display());
    }
    Ok(())
}
