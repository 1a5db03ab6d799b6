//! Ingest throughput, each rate next to the limit it is bounded by, all
//! measured in the same run:
//!
//! 1. RabbitMQ's raw publish-with-confirm rate (lapin, persistent, mandatory,
//!    quorum queue with fazhi's topology), one at a time and 16 in flight;
//! 2. `AmqpQueue::publish` through the `Queue` trait, same levels;
//! 3. `SubmitReport` over gRPC against the real server, RabbitMQ queue;
//! 4. `SubmitReport` with the embedded queue, against `EmbeddedQueue::publish`;
//! 5. the worker draining K queued submissions, against `parse_bytes` alone.
//!
//! Rows marked "component" time one step alone, and rows marked
//! "diagnostic" a variant of the server, to show where the time goes.
//!
//! Every server and worker here is started by `fazhi::app::Application`
//! (as `fazhi serve` and `fazhi worker` are), and the raw RabbitMQ baseline
//! declares and publishes with `fazhi_queue::amqp::{declare,
//! publish_confirmed}`: the bench measures the code that runs, not a copy.
//! Files: `stats` (timing, tables), `fixture` (messages, stores, the
//! server), `broker` (sections 1–2), `submit` (3–4), `worker` (5).
//!
//! Run: `cargo bench --bench ingest` (release). `FAZHI_BENCH_N` (default
//! 1000) sets N: SubmitReport rows and the worker's K run N operations,
//! single publish or insert rows 2N. Only loopback services are used;
//! without RabbitMQ at 127.0.0.1:5672 sections 1–3 are skipped.
//! Method and results: `docs/benchmarks.md`.

use std::collections::BTreeMap;
use std::future::Future;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fazhi::app::{Application, Parts, Roles};
use fazhi_config::{QueueSettings, Settings, WorkerSettings};
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use fazhi_queue::amqp::{AmqpQueue, AmqpSettings};
use fazhi_queue::topology::Topology;
use fazhi_queue::{OutgoingMessage, Queue, TRACEPARENT};
use fazhi_store::agencies::RosterRow;
use fazhi_store::processing::Outcome;
use fazhi_store::{Store, SubmissionRecord, SubmissionStatus};
use futures::StreamExt;
use lapin::options::{
    ConfirmSelectOptions, ExchangeDeleteOptions, QueueDeleteOptions, QueuePurgeOptions,
};
use lapin::{Channel, Connection, ConnectionProperties};

mod broker;
mod fixture;
mod stats;
mod submit;
mod worker;

use broker::*;
use fixture::*;
use stats::*;
use submit::*;
use worker::*;

pub(crate) const AMQP_URL: &str = "amqp://guest:guest@127.0.0.1:5672/%2f";
pub(crate) const AMQP_ADDR: &str = "127.0.0.1:5672";
pub(crate) const ROSTER: &str = include_str!("../../samples/agencies.csv");
pub(crate) const SAMPLE: &str = "002_8688029d397398e8.txt";
/// The sample's own reporting year.
pub(crate) const YEAR: i32 = 2022;
/// The district of every agency in the sample roster.
pub(crate) const DISTRICT: &str = "示例区";
/// Synthetic agencies of the large-district row, and its report count.
pub(crate) const SYNTHETIC_AGENCIES: usize = 50;
pub(crate) const SYNTHETIC_REPORTS: usize = 200;
/// The two concurrency levels of every publishing row.
pub(crate) const LEVELS: [usize; 2] = [1, 16];
/// Operations before each timed series (connections, declarations, caches).
pub(crate) const WARMUP: usize = 20;
/// Worker concurrency levels: 1, and the production default.
pub(crate) const WORKER_LEVELS: [usize; 2] = [1, 4];
/// Longest a worker row may take before it is reported as unfinished.
pub(crate) const WORKER_LIMIT: Duration = Duration::from_secs(120);

// ------------------------------------------------------------------ main --

fn main() {
    let n = std::env::var("FAZHI_BENCH_N")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let started = Instant::now();
    runtime.block_on(run(n));
    println!("\nWhole run: {:.1} s", started.elapsed().as_secs_f64());
}

async fn run(n: usize) {
    // Rows of single publishes or inserts run 2N: they are fast, and
    // at N they would last a fraction of a second.
    let fast = 2 * n;
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples/reports")
        .join(SAMPLE);
    let content = match std::fs::read(&sample) {
        Ok(c) => Arc::new(c),
        Err(e) => {
            println!("cannot read {}: {e}", sample.display());
            return;
        }
    };
    let agencies: Arc<Vec<String>> = Arc::new(
        fazhi_store::agencies::parse_roster(ROSTER)
            .map(|rows| rows.into_iter().map(|r| r.code).collect())
            .unwrap_or_default(),
    );
    if agencies.is_empty() {
        println!("the roster samples/agencies.csv is empty or invalid");
        return;
    }
    let payload = Arc::new(message(&record(&content, "xymj", "k")).payload);
    let dir = std::env::temp_dir().join(unique("fazhi-bench-"));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        println!("cannot create {}: {e}", dir.display());
        return;
    }
    println!(
        "## fazhi ingest benchmark\n\nN = {} (FAZHI_BENCH_N): SubmitReport rows and K run N, \
         single publish/insert rows 2N; {} cores, \
         report {SAMPLE} = {} bytes, queue message = {} bytes; SQLite files under {}.",
        n,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        content.len(),
        payload.len(),
        dir.display()
    );

    if !reachable(AMQP_ADDR) {
        println!("\nRabbitMQ is not reachable at {AMQP_ADDR}: sections 1–3 skipped.");
    } else {
        match Admin::connect().await {
            Err(e) => println!("\nRabbitMQ at {AMQP_ADDR} refused us ({e}): sections 1–3 skipped."),
            Ok(mut admin) => {
                if let Some(limits) = raw_broker(&mut admin, fast, &payload).await {
                    amqp_queue(&mut admin, fast, &content, limits).await;
                    let s = Submits {
                        n,
                        content: &content,
                        agencies: &agencies,
                        limits,
                        label: "SubmitReport (gRPC → RabbitMQ)",
                    };
                    if let Err(e) = submit_rabbit(&mut admin, &dir, &s, fast).await {
                        println!("\nRabbitMQ SubmitReport section failed: {e}");
                    }
                }
                admin.delete_all().await;
            }
        }
    }

    if let Err(e) = submit_embedded(&dir, n, fast, &content, &agencies).await {
        println!("\nembedded section failed: {e}");
    }
    if let Err(e) = worker(&dir, n, &content, &agencies).await {
        println!("\nworker section failed: {e}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
