//! Real process kills in the middle of a batch: every accepted submission
//! ends PROCESSED exactly once, and the summary counts each exactly once.

use std::process::Stdio;
use std::time::Duration;

use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_client::DistrictSummaryServiceClient;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use fazhi_store::SubmissionStatus;
use fazhi_store::agencies::RosterRow;
use fazhi_store::entity::parsed_report;
use sea_orm::{EntityTrait, PaginatorTrait};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tonic::transport::Channel;

use crate::helpers::*;

pub(crate) const CRASH_DISTRICT: &str = "崩溃测试区";
const BATCH: usize = 24;
pub(crate) const REPORT: &str = "002_8688029d397398e8.txt";

pub(crate) fn roster() -> Vec<RosterRow> {
    (0..BATCH)
        .map(|i| RosterRow {
            code: format!("crash-{i:02}"),
            // Each unit files the same report: named as the report names
            // its unit (西营门街), or the filings would be held as misfiled.
            name: format!("西营门街道办事处{i:02}"),
            kind: fazhi_store::AgencyKind::Street,
            district: CRASH_DISTRICT.into(),
        })
        .collect()
}

/// `fazhi <command>` as a child process configured like `settings`.
fn fazhi(command: &str, settings: &Settings, pause_ms: u64, log: &std::path::Path) -> Child {
    fazhi_with(command, settings, pause_ms, log, &[])
}

/// [`fazhi`] with more `FAZHI_*` variables (timeouts of a fault test).
pub(crate) fn fazhi_with(
    command: &str,
    settings: &Settings,
    pause_ms: u64,
    log: &std::path::Path,
    extra: &[(&str, String)],
) -> Child {
    let log = std::fs::File::create(log).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fazhi"));
    cmd.args(command.split_whitespace())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FAZHI_DATABASE__URL", &settings.database.url)
        .env("FAZHI_QUEUE__NAME", &settings.queue.name)
        .env("FAZHI_QUEUE__POLL_INTERVAL", "50ms")
        .env(
            "FAZHI_QUEUE__LEASE",
            format!("{}ms", settings.queue.lease.as_millis()),
        )
        .env("FAZHI_GRPC__LISTEN", "127.0.0.1:0")
        .env("FAZHI_WORKER__PAUSE", format!("{pause_ms}ms"))
        .env("FAZHI_WORKER__CONCURRENCY", "2")
        .env("FAZHI_LOG__FILTER", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .kill_on_drop(true);
    if let Some(url) = &settings.queue.amqp_url {
        cmd.env("FAZHI_QUEUE__AMQP_URL", url);
    }
    for (name, value) in extra {
        cmd.env(name, value);
    }
    cmd.spawn().expect("start fazhi")
}

/// The address a `fazhi up` child printed.
async fn listening_on(child: &mut Child) -> String {
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .expect("fazhi up started in time")
        .unwrap()
        .expect("fazhi up printed its address");
    let addr = line
        .strip_prefix("listening on ")
        .expect("address line")
        .to_owned();
    format!("http://{addr}")
}

async fn processed(store: &fazhi_store::Store) -> u64 {
    store
        .count_by_status(SubmissionStatus::Processed)
        .await
        .unwrap()
}

pub(crate) async fn kill(child: &mut Child) {
    child.start_kill().expect("SIGKILL");
    child.wait().await.unwrap();
}

/// Checks a user would make once the batch is through.
async fn assert_each_counted_once(
    store: &fazhi_store::Store,
    summary: &fazhi_summary::DistrictSummary,
) {
    assert_eq!(processed(store).await, BATCH as u64);
    assert_eq!(
        store
            .count_by_status(SubmissionStatus::Queued)
            .await
            .unwrap(),
        0
    );
    let parses = parsed_report::Entity::find()
        .count(store.db())
        .await
        .unwrap();
    assert_eq!(parses, BATCH as u64, "one parse per submission");
    assert_eq!(summary.submitted, BATCH);
    assert!(summary.coverage.iter().all(|c| c.submitted));
    assert_eq!(
        totals_not_n_times_one(summary, BATCH),
        Vec::<String>::new(),
        "every count total is exactly {BATCH} times that of one report"
    );
}

/// The count totals of `summary` that are not exactly `n` times those of
/// one copy of [`REPORT`] (each agency of a batch submits it once).
pub(crate) fn totals_not_n_times_one(
    summary: &fazhi_summary::DistrictSummary,
    n: usize,
) -> Vec<String> {
    let text = String::from_utf8(sample(REPORT)).unwrap();
    let parsed = fazhi_core::parse_text(&text, &fazhi_core::ParseOptions::default());
    let one = fazhi_summary::consolidate(
        "one",
        2022,
        &[],
        &[fazhi_summary::ReportInput {
            agency: fazhi_summary::Agency {
                code: "x".into(),
                name: "x".into(),
                kind: Some(fazhi_core::AgencyKind::Street),
            },
            submission_id: "x".into(),
            submitted_at: String::new(),
            on_time: true,
            text: &text,
            parsed: &parsed,
        }],
    );
    let counts: Vec<_> = one
        .indicators
        .iter()
        .filter(|t| t.kind == fazhi_core::QuantityKind::Count && t.value.is_some())
        .collect();
    assert!(
        !counts.is_empty(),
        "the sample report has countable indicators"
    );
    let mut wrong = Vec::new();
    for expected in counts {
        let got = summary
            .indicators
            .iter()
            .find(|t| t.code == expected.code && t.unit == expected.unit)
            .and_then(|t| t.value);
        let want = expected.value.unwrap_or_default() * n as f64;
        if got.is_none_or(|got| (got - want).abs() >= 1e-6) {
            wrong.push(format!(
                "{} {}: {got:?} != {n} × {:?}",
                expected.name, expected.unit, expected.value
            ));
        }
    }
    wrong
}

/// Submit one report for every agency of the crash roster.
async fn submit_batch(client: &mut ReportIngestServiceClient<Authed>) -> Vec<String> {
    let mut ids = Vec::new();
    for row in roster() {
        let r = submit_to(client, &row.code, 2022, sample(REPORT), None)
            .await
            .unwrap();
        ids.push(r.submission_id);
    }
    ids
}

/// SIGKILL `child` once a few reports are processed, and check that the
/// kill really came in the middle of the batch.
async fn kill_mid_batch(child: &mut Child, store: &fazhi_store::Store) {
    eventually("a few processed", Duration::from_secs(60), || {
        let store = store.clone();
        async move { processed(&store).await >= 3 }
    })
    .await;
    kill(child).await;
    let at_kill = processed(store).await;
    assert!(
        at_kill < BATCH as u64,
        "the kill came mid-batch ({at_kill} of {BATCH} done)"
    );
}

async fn wait_all_processed(client: &mut ReportIngestServiceClient<Authed>, ids: &[String]) {
    for id in ids {
        let s = wait_done(client, id, Duration::from_secs(90)).await;
        assert_eq!(s.status, pb::SubmissionStatus::Processed as i32);
    }
}

/// A channel to the server a `fazhi up` child started.
pub(crate) async fn channel_to(child: &mut Child) -> Channel {
    Channel::from_shared(listening_on(child).await)
        .unwrap()
        .connect()
        .await
        .unwrap()
}

#[tokio::test]
async fn killing_the_worker_mid_batch_loses_and_duplicates_nothing() {
    let Some(settings) = settings(Db::Postgres, Broker::Rabbit).await else {
        return;
    };
    let app = spawn_app(&settings, false).await;
    app.store.upsert_agencies(&roster()).await.unwrap();
    let dir = scratch_dir();

    let mut worker = fazhi("worker", &settings, 300, &dir.join("worker-1.log"));
    let mut client = app.ingest().await;
    let ids = submit_batch(&mut client).await;
    kill_mid_batch(&mut worker, &app.store).await;

    let mut worker = fazhi("worker", &settings, 0, &dir.join("worker-2.log"));
    wait_all_processed(&mut client, &ids).await;
    let summary = summary_of(&mut app.summaries().await, CRASH_DISTRICT, 2022).await;
    assert_each_counted_once(&app.store, &summary).await;
    kill(&mut worker).await;
    app.stop().await;
}

#[tokio::test]
async fn killing_the_all_in_one_process_mid_batch_loses_and_duplicates_nothing() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let store = fazhi_store::Store::connect(&settings.database.url, 1)
        .await
        .unwrap();
    store.upsert_agencies(&roster()).await.unwrap();
    let dir = scratch_dir();

    let token = issue_token(&store, fazhi_store::Role::District, &[CRASH_DISTRICT]).await;
    let mut up = fazhi("up", &settings, 300, &dir.join("up-1.log"));
    let mut client =
        ReportIngestServiceClient::new(authed(channel_to(&mut up).await, Some(&token)));
    let ids = submit_batch(&mut client).await;
    kill_mid_batch(&mut up, &store).await;

    let mut up = fazhi("up", &settings, 0, &dir.join("up-2.log"));
    let channel = channel_to(&mut up).await;
    wait_all_processed(
        &mut ReportIngestServiceClient::new(authed(channel.clone(), Some(&token))),
        &ids,
    )
    .await;
    let summary = summary_of(
        &mut DistrictSummaryServiceClient::new(authed(channel, Some(&token))),
        CRASH_DISTRICT,
        2022,
    )
    .await;
    assert_each_counted_once(&store, &summary).await;
    kill(&mut up).await;
}
