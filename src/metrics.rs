//! Prometheus text at `/metrics`. The counters are recorded where things
//! happen (`metrics::counter!` one-liners in services, worker, store); this
//! installs the one process-wide recorder and serves what it holds.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

use anyhow::Context;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// Seconds: a parse is milliseconds to seconds; a transaction likewise.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Seconds a report waits in the queue: normally under a second, hours in a
/// backlog.
const WAIT_BUCKETS: [f64; 10] = [
    0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 14400.0,
];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// The process's recorder, installed on first use (a process that builds
/// several applications, a test say, shares one).
pub fn handle() -> anyhow::Result<&'static PrometheusHandle> {
    if let Some(h) = HANDLE.get() {
        return Ok(h);
    }
    let handle = PrometheusBuilder::new()
        .set_buckets(&LATENCY_BUCKETS)
        .context("指标分桶")?
        .set_buckets_for_metric(
            metrics_exporter_prometheus::Matcher::Full("fazhi_queue_wait_seconds".into()),
            &WAIT_BUCKETS,
        )
        .context("指标分桶")?
        .install_recorder()
        .context("无法安装指标记录器")?;
    describe();
    Ok(HANDLE.get_or_init(|| handle))
}

/// HELP lines, so a scrape explains itself.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        "fazhi_submissions_received_total",
        "SubmitReport calls received"
    );
    describe_counter!(
        "fazhi_submissions_accepted_total",
        "Reports accepted (QUEUED: durably in the queue)"
    );
    describe_counter!(
        "fazhi_submissions_refused_total",
        "Reports refused, by reason"
    );
    describe_counter!(
        "fazhi_processing_total",
        "Deliveries processed by the worker, by outcome"
    );
    describe_counter!(
        "fazhi_retries_total",
        "Deliveries handed back to be retried (counted attempts)"
    );
    describe_counter!(
        "fazhi_dead_letters_total",
        "Deliveries dead-lettered (submission marked FAILED)"
    );
    describe_counter!(
        "fazhi_database_errors_total",
        "Database calls that failed, by where"
    );
    describe_counter!(
        "fazhi_broker_errors_total",
        "Queue calls that failed, by where"
    );
    describe_gauge!(
        "fazhi_queue_depth",
        "Messages waiting in the queue (read every 2 s by the server)"
    );
    describe_gauge!(
        "fazhi_queue_oldest_age_seconds",
        "Age of the oldest waiting message"
    );
    describe_gauge!("fazhi_database_up", "1 while the database answers");
    describe_gauge!("fazhi_broker_up", "1 while the queue answers");
    describe_histogram!(
        "fazhi_parse_seconds",
        "Extract and parse time of one report"
    );
    describe_histogram!(
        "fazhi_transaction_seconds",
        "The worker's storing transaction (the report's summary piece included)"
    );
    describe_histogram!(
        "fazhi_summary_render_seconds",
        "Rendering a district's summary from its pieces, after commit"
    );
    describe_histogram!(
        "fazhi_queue_wait_seconds",
        "From the report's acceptance to the worker taking it"
    );
    // Counters exist from the start at 0, so `rate()` and alerts see the
    // first failure as a change, not as a series appearing.
    for name in [
        "fazhi_submissions_received_total",
        "fazhi_submissions_accepted_total",
        "fazhi_retries_total",
        "fazhi_dead_letters_total",
    ] {
        metrics::counter!(name).absolute(0);
    }
    for source in ["ingest", "health", "worker"] {
        metrics::counter!("fazhi_database_errors_total", "source" => source).absolute(0);
    }
    for source in ["ingest", "health"] {
        metrics::counter!("fazhi_broker_errors_total", "source" => source).absolute(0);
    }
}

/// Serve `/metrics` on `listener` until `shutdown`.
pub async fn serve(listener: TcpListener, shutdown: CancellationToken) -> anyhow::Result<()> {
    let handle = handle()?;
    // Histograms and idle metrics are folded on upkeep; without the
    // exporter's own runtime that is ours to run.
    let upkeep = shutdown.clone();
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = upkeep.cancelled() => return,
                _ = tokio::time::sleep(Duration::from_secs(5)) => handle.run_upkeep(),
            }
        }
    });
    let app = axum::Router::new().route(
        "/metrics",
        axum::routing::get(move || async move {
            (
                [(
                    axum::http::header::CONTENT_TYPE,
                    "text/plain; version=0.0.4; charset=utf-8",
                )],
                handle.render(),
            )
        }),
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
        .context("指标端点")
}

/// Bind the metrics port; a port already taken is a warning (a second
/// process on one machine), never a reason not to start.
pub async fn bind(addr: SocketAddr) -> Option<TcpListener> {
    match TcpListener::bind(addr).await {
        Ok(l) => Some(l),
        Err(e) => {
            tracing::warn!(listen = %addr, error = %e, "metrics endpoint not started");
            None
        }
    }
}
