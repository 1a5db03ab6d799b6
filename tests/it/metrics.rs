//! `/metrics` of a real `fazhi up`: a scrape before and after one accepted,
//! one refused, one processed report and one unreadable message shows every
//! metric of issue 12 present and the counters move.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

use crate::helpers::*;

/// `fazhi up` on a fresh data directory, every port 0.
pub async fn start_up(data_dir: &std::path::Path) -> (Child, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FAZHI_DATA_DIR", data_dir)
        .env("FAZHI_GRPC__LISTEN", "127.0.0.1:0")
        .env("FAZHI_WEB__LISTEN", "127.0.0.1:0")
        .env("FAZHI_METRICS__LISTEN", "127.0.0.1:0")
        .env("FAZHI_QUEUE__POLL_INTERVAL", "50ms")
        .env("FAZHI_LOG__FILTER", "warn")
        .arg("up")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start fazhi up");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut grpc, mut metrics) = (None, None);
    while grpc.is_none() || metrics.is_none() {
        let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
            .await
            .expect("fazhi up announced itself in time")
            .unwrap()
            .expect("fazhi up printed its addresses");
        if let Some(a) = line.strip_prefix("listening on ") {
            grpc = Some(format!("http://{a}"));
        }
        if let Some(a) = line.strip_prefix("metrics on http://") {
            metrics = Some(a.trim_end_matches("/metrics").to_owned());
        }
    }
    // Keep reading so a later line never blocks the child on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, grpc.unwrap(), metrics.unwrap())
}

/// GET /metrics over plain HTTP/1.0: the status line and the body.
pub async fn scrape(addr: &str) -> String {
    let mut tcp = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connect to /metrics");
    tcp.write_all(b"GET /metrics HTTP/1.0\r\nHost: fazhi\r\n\r\n")
        .await
        .unwrap();
    let mut response = String::new();
    tcp.read_to_string(&mut response).await.unwrap();
    assert!(
        response.starts_with("HTTP/1.0 200") || response.starts_with("HTTP/1.1 200"),
        "{response}"
    );
    assert!(
        response.contains("text/plain"),
        "Prometheus text format: {response}"
    );
    response
}

/// The value of one sample line (`name{labels} value`), 0 when absent.
pub fn sample_value(text: &str, series: &str) -> f64 {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let (name, value) = l.rsplit_once(' ')?;
            (name == series).then(|| value.parse().ok()).flatten()
        })
        .unwrap_or(0.0)
}

fn admin_token(data_dir: &std::path::Path) -> String {
    let text = std::fs::read_to_string(data_dir.join("credentials.toml")).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("admin_token = "))
        .unwrap()
        .trim_matches('"')
        .to_owned()
}

#[tokio::test]
async fn a_scrape_shows_submissions_refusals_processing_and_latency_move() {
    let data_dir = scratch_dir();
    let (child, grpc, metrics) = start_up(&data_dir).await;
    let before = scrape(&metrics).await;

    let db_url = format!("sqlite://{}?mode=rwc", data_dir.join("fazhi.db").display());
    {
        let store = fazhi_store::Store::connect(&db_url, 1).await.unwrap();
        let rows = fazhi_store::agencies::parse_roster(ROSTER).unwrap();
        store.upsert_agencies(&rows).await.unwrap();
        store.db().clone().close().await.ok();
    }
    let channel = tonic::transport::Channel::from_shared(grpc)
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut ingest = fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient::new(
        authed(channel, Some(&admin_token(&data_dir))),
    );
    let (agency, year, file) = SAMPLES[4];
    let accepted = submit_to(&mut ingest, agency, year, sample(file), Some("metrics-1"))
        .await
        .expect("accepted");
    let refused = submit_to(&mut ingest, agency, year, Vec::new(), None).await;
    assert_eq!(refused.unwrap_err().code(), tonic::Code::InvalidArgument);
    wait_done(
        &mut ingest,
        &accepted.submission_id,
        Duration::from_secs(60),
    )
    .await;

    // A message no release can read, put straight into the embedded queue
    // the way a corrupted broker copy would arrive: dead-lettered at once.
    {
        let settings = fazhi_config::Settings::default();
        let db = sea_orm::Database::connect(&db_url).await.unwrap();
        let queue = fazhi_queue::from_settings(&settings.queue, &settings.worker, db.clone());
        publish_unreadable(queue.as_ref(), "metrics-garbage").await;
        db.close().await.ok();
    }

    // The worker counts after its commit and renders after that; the
    // health round sets the gauges every 2 s: poll the scrape, never sleep.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let after = loop {
        let text = scrape(&metrics).await;
        if sample_value(&text, "fazhi_processing_total{outcome=\"processed\"}") >= 1.0
            && sample_value(&text, "fazhi_dead_letters_total") >= 1.0
            && sample_value(&text, "fazhi_summary_render_seconds_count") >= 1.0
            && text.contains("fazhi_queue_oldest_age_seconds ")
        {
            break text;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no processed count: {text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let moved = |series: &str| sample_value(&after, series) - sample_value(&before, series);
    assert_eq!(moved("fazhi_submissions_received_total"), 2.0, "{after}");
    assert_eq!(moved("fazhi_submissions_accepted_total"), 1.0, "{after}");
    assert_eq!(
        moved("fazhi_submissions_refused_total{reason=\"invalid_argument\"}"),
        1.0,
        "{after}"
    );
    assert_eq!(
        moved("fazhi_processing_total{outcome=\"processed\"}"),
        1.0,
        "{after}"
    );
    assert_eq!(moved("fazhi_dead_letters_total"), 1.0, "{after}");
    assert!(
        moved("fazhi_summary_render_seconds_count") >= 1.0,
        "{after}"
    );
    assert!(moved("fazhi_queue_wait_seconds_count") >= 1.0, "{after}");
    assert!(moved("fazhi_parse_seconds_count") >= 1.0, "{after}");
    assert!(moved("fazhi_transaction_seconds_count") >= 1.0, "{after}");
    assert!(
        after.contains("fazhi_parse_seconds_bucket{le="),
        "a histogram, not a summary: {after}"
    );
    assert_eq!(sample_value(&after, "fazhi_database_up"), 1.0, "{after}");
    assert_eq!(sample_value(&after, "fazhi_broker_up"), 1.0, "{after}");
    assert!(after.contains("fazhi_queue_depth "), "{after}");
    assert!(
        sample_value(&after, "fazhi_queue_oldest_age_seconds") < 3600.0,
        "the age of a fresh queue's oldest message: {after}"
    );
    // Failures that did not happen are there at 0, so an alert sees the
    // first one as a change.
    for series in [
        "fazhi_retries_total",
        "fazhi_database_errors_total{source=\"worker\"}",
        "fazhi_broker_errors_total{source=\"ingest\"}",
    ] {
        assert!(
            after.lines().any(|l| l.starts_with(&format!("{series} "))),
            "{series} missing: {after}"
        );
    }
    assert!(
        after.contains("# HELP fazhi_submissions_refused_total"),
        "{after}"
    );
    drop(child);
}
