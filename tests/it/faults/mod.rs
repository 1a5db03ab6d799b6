//! Fault injection on real processes, the real RabbitMQ and PostgreSQL:
//! connections are cut or frozen through test-owned TCP proxies (never by
//! touching the machine's shared servers), processes are SIGKILLed. Each
//! scenario submits a batch and counts, at the end: accepted, processed,
//! lost (accepted but not processed), counted twice (extra parses, or a
//! summary total that is not exactly n × one report), time to recover.
//! The table is printed, then lost = 0 and twice = 0 are asserted.
//!
//! Timeouts are lowered so "longer than the old give-up point" comes fast:
//! `max_attempts` 2 and a 200 ms retry delay used to mean dead letters
//! after well under a second of outage; the long cut lasts 25 s and also
//! outlasts the 8 s hold, so deliveries are handed back uncounted.

use std::sync::Arc;
use std::time::{Duration, Instant};

use fazhi_config::Settings;
use fazhi_proto::v1::district_summary_service_client::DistrictSummaryServiceClient;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use fazhi_store::Store;
use fazhi_store::agencies::RosterRow;
use fazhi_store::entity::parsed_report;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::crash::{
    CRASH_DISTRICT, REPORT, channel_to, fazhi_with, kill, roster, totals_not_n_times_one,
};
use crate::helpers::*;
use crate::outage::Proxy;

mod poison;
mod publish;

/// Reports per scenario.
const N: usize = 12;
/// How long a scenario may take to get every accepted report processed.
const SETTLE: Duration = Duration::from_secs(90);

#[derive(Debug)]
struct Row {
    scenario: &'static str,
    accepted: usize,
    /// Processed when the fault struck: proves it came mid-batch.
    at_fault: usize,
    processed: usize,
    lost: usize,
    /// Dead letters left: an outage must never produce one.
    dead: usize,
    twice: usize,
    recover: Duration,
}

fn agencies() -> Vec<RosterRow> {
    roster().into_iter().take(N).collect()
}

/// Short deadlines for the worker child, so faults are noticed in seconds.
fn fast_timeouts() -> Vec<(&'static str, String)> {
    [
        ("FAZHI_WORKER__TRANSACTION_TIMEOUT", "3s"),
        ("FAZHI_WORKER__RETRY_DELAY", "200ms"),
        ("FAZHI_WORKER__OUTAGE_BACKOFF_MAX", "2s"),
        ("FAZHI_WORKER__OUTAGE_HOLD", "8s"),
        ("FAZHI_QUEUE__MAX_ATTEMPTS", "2"),
        ("FAZHI_QUEUE__HEARTBEAT", "2s"),
        ("FAZHI_QUEUE__OPERATION_TIMEOUT", "3s"),
        ("FAZHI_DATABASE__ACQUIRE_TIMEOUT", "3s"),
        ("FAZHI_DATABASE__STATEMENT_TIMEOUT", "2500ms"),
        ("FAZHI_DATABASE__IDLE_IN_TRANSACTION_TIMEOUT", "4s"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

/// `url` with its `host:port` replaced by the proxy's address, and the
/// upstream address it had.
fn through(url: &str, proxy: &Proxy) -> String {
    let (_, upstream) = host_port(url);
    url.replacen(&upstream, &proxy.addr.to_string(), 1)
}

fn host_port(url: &str) -> (std::net::SocketAddr, String) {
    let after = url.split_once("://").map_or(url, |(_, r)| r);
    let after = after.rsplit_once('@').map_or(after, |(_, r)| r);
    let hp = after
        .split(['/', '?'])
        .next()
        .unwrap_or_default()
        .to_owned();
    let addr = hp
        .parse()
        .unwrap_or_else(|_| panic!("the fault suite needs an IP:port in {url}"));
    (addr, hp)
}

async fn proxy_for(url: &str) -> Proxy {
    Proxy::start(host_port(url).0).await
}

/// Submit one report per agency, retrying each (same key) until accepted.
async fn submit_all(client: &mut ReportIngestServiceClient<Authed>) -> Vec<String> {
    submit_rows(client, &agencies()).await
}

async fn submit_rows(
    client: &mut ReportIngestServiceClient<Authed>,
    rows: &[RosterRow],
) -> Vec<String> {
    let mut ids = Vec::new();
    for row in rows {
        let key = format!("fault-{}", row.code);
        let deadline = Instant::now() + SETTLE;
        loop {
            match submit_to(client, &row.code, 2022, sample(REPORT), Some(&key)).await {
                Ok(r) => {
                    ids.push(r.submission_id);
                    break;
                }
                Err(status) => {
                    assert!(Instant::now() < deadline, "never accepted: {status:?}");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
    }
    ids
}

async fn processed_among(store: &Store, ids: &[String]) -> usize {
    let mut n = 0;
    for id in ids {
        if let Ok(Some(s)) = store.submission(id).await
            && s.status == fazhi_store::SubmissionStatus::Processed
        {
            n += 1;
        }
    }
    n
}

async fn wait_processed(store: &Store, ids: &[String], at_least: usize, limit: Duration) -> usize {
    let deadline = Instant::now() + limit;
    loop {
        let n = processed_among(store, ids).await;
        if n >= at_least || Instant::now() >= deadline {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What a scenario measured besides the final state.
struct Run<'a> {
    scenario: &'static str,
    store: &'a Store,
    queue: &'a Arc<dyn fazhi_queue::Queue>,
    ids: &'a [String],
    at_fault: usize,
    recover: Duration,
}

async fn tally(run: Run<'_>, summaries: &mut DistrictSummaryServiceClient<Authed>) -> Row {
    let Run {
        scenario,
        store,
        queue,
        ids,
        at_fault,
        recover,
    } = run;
    let processed = processed_among(store, ids).await;
    let parses = parsed_report::Entity::find()
        .count(store.db())
        .await
        .unwrap() as usize;
    let summary = summary_of(summaries, CRASH_DISTRICT, 2022).await;
    let wrong_totals = totals_not_n_times_one(&summary, processed);
    if !wrong_totals.is_empty() {
        eprintln!("{scenario}: {wrong_totals:?}");
    }
    let dead = queue.dead_letters().await.map_or(usize::MAX, |d| d.len());
    Row {
        scenario,
        accepted: ids.len(),
        at_fault,
        processed,
        lost: ids.len() - processed,
        dead,
        twice: parses.saturating_sub(processed)
            + summary.submitted.saturating_sub(processed)
            + wrong_totals.len(),
        recover,
    }
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    CutDatabase(Duration),
    FreezeDatabase,
    CutBroker(Duration),
    FreezeBroker,
    KillWorker,
}

/// The service in the test, a `fazhi worker` child whose database and
/// broker connections go through proxies; `fault` strikes mid-batch.
async fn worker_fault(scenario: &'static str, settings: &Settings, fault: Fault) -> Row {
    let app = spawn_app(settings, false).await;
    app.store.upsert_agencies(&agencies()).await.unwrap();
    let database = proxy_for(&settings.database.url).await;
    let amqp = settings.queue.amqp_url.clone().unwrap_or_default();
    let broker = proxy_for(&amqp).await;
    let mut proxied = settings.clone();
    proxied.database.url = through(&settings.database.url, &database);
    proxied.queue.amqp_url = Some(through(&amqp, &broker));
    let dir = scratch_dir();
    let env = fast_timeouts();
    let mut worker = fazhi_with("worker", &proxied, 300, &dir.join("worker-1.log"), &env);

    let ids = submit_all(&mut app.ingest().await).await;
    let at_fault = wait_processed(&app.store, &ids, 2, SETTLE).await;
    match fault {
        Fault::CutDatabase(d) => {
            database.cut().await;
            tokio::time::sleep(d).await;
            database.restore();
        }
        Fault::CutBroker(d) => {
            broker.cut().await;
            tokio::time::sleep(d).await;
            broker.restore();
        }
        Fault::FreezeDatabase => database.freeze().await,
        Fault::FreezeBroker => broker.freeze().await,
        Fault::KillWorker => {
            kill(&mut worker).await;
            worker = fazhi_with("worker", &proxied, 0, &dir.join("worker-2.log"), &env);
        }
    }
    let restored = Instant::now();
    wait_processed(&app.store, &ids, ids.len(), SETTLE).await;
    let recover = restored.elapsed();
    let run = Run {
        scenario,
        store: &app.store,
        queue: &app.queue,
        ids: &ids,
        at_fault,
        recover,
    };
    let row = tally(run, &mut app.summaries().await).await;
    kill(&mut worker).await;
    app.stop().await;
    row
}

/// The service publishes through a proxy that is cut for 2 s mid-batch;
/// clients retry with the same key; a direct `fazhi worker` consumes.
async fn publisher_cut(settings: &Settings) -> Row {
    let amqp = settings.queue.amqp_url.clone().unwrap_or_default();
    let broker = Arc::new(proxy_for(&amqp).await);
    let mut proxied = settings.clone();
    proxied.queue.amqp_url = Some(through(&amqp, &broker));
    let app = spawn_app(&proxied, false).await;
    app.store.upsert_agencies(&agencies()).await.unwrap();
    let dir = scratch_dir();
    let mut worker = fazhi_with(
        "worker",
        settings,
        0,
        &dir.join("worker.log"),
        &fast_timeouts(),
    );

    let rows = agencies();
    let (before, after) = rows.split_at(N / 3);
    let mut client = app.ingest().await;
    let mut ids = submit_rows(&mut client, before).await;
    let at_fault = processed_among(&app.store, &ids).await;
    broker.cut().await;
    let restoring = {
        let broker = broker.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            broker.restore();
            Instant::now()
        })
    };
    // The first of these meets the cut; each is retried with its key.
    ids.extend(submit_rows(&mut client, after).await);
    let restored = restoring.await.unwrap();
    wait_processed(&app.store, &ids, ids.len(), SETTLE).await;
    // The service's own queue goes through the proxy, which is restored.
    let run = Run {
        scenario: "broker cut while the service publishes (2 s)",
        store: &app.store,
        queue: &app.queue,
        ids: &ids,
        at_fault,
        recover: restored.elapsed(),
    };
    let row = tally(run, &mut app.summaries().await).await;
    kill(&mut worker).await;
    // Removes the broker objects through the direct URL.
    app.stop().await;
    row
}

/// `fazhi up` on the embedded defaults (SQLite, embedded queue), SIGKILLed
/// mid-batch and started again.
async fn all_in_one_killed(settings: &Settings) -> Row {
    let store = Store::connect(&settings.database.url, 1).await.unwrap();
    store.upsert_agencies(&agencies()).await.unwrap();
    let dir = scratch_dir();
    let token = issue_token(&store, fazhi_store::Role::District, &[CRASH_DISTRICT]).await;
    let mut up = fazhi_with("up", settings, 300, &dir.join("up-1.log"), &[]);
    let channel = authed(channel_to(&mut up).await, Some(&token));
    let ids = submit_all(&mut ReportIngestServiceClient::new(channel)).await;
    let at_fault = wait_processed(&store, &ids, 2, SETTLE).await;
    kill(&mut up).await;
    let mut up = fazhi_with("up", settings, 0, &dir.join("up-2.log"), &[]);
    let channel = authed(channel_to(&mut up).await, Some(&token));
    let restored = Instant::now();
    wait_processed(&store, &ids, ids.len(), SETTLE).await;
    let recover = restored.elapsed();
    let queue = fazhi_queue::from_settings(&settings.queue, &settings.worker, store.db().clone());
    let run = Run {
        scenario: "all-in-one killed (embedded defaults)",
        store: &store,
        queue: &queue,
        ids: &ids,
        at_fault,
        recover,
    };
    let row = tally(run, &mut DistrictSummaryServiceClient::new(channel)).await;
    kill(&mut up).await;
    row
}

fn print(rows: &[Row]) {
    println!();
    println!(
        "| {:<52} | accepted | at fault | processed | lost | twice | dead | recover |",
        "scenario"
    );
    println!(
        "|{:-<54}|----------|----------|-----------|------|-------|------|---------|",
        ""
    );
    for r in rows {
        println!(
            "| {:<52} | {:>8} | {:>8} | {:>9} | {:>4} | {:>5} | {:>4} | {:>6.1}s |",
            r.scenario,
            r.accepted,
            r.at_fault,
            r.processed,
            r.lost,
            r.twice,
            r.dead,
            r.recover.as_secs_f64()
        );
    }
}

#[tokio::test]
async fn under_every_fault_nothing_accepted_is_lost_or_counted_twice() {
    let Some(rabbit) = settings(Db::Postgres, Broker::Rabbit).await else {
        return;
    };
    let started = Instant::now();
    let mut rows = Vec::new();
    let scenarios: [(&'static str, Fault); 6] = [
        ("worker killed mid-batch", Fault::KillWorker),
        (
            "database cut while the worker commits (3 s)",
            Fault::CutDatabase(Duration::from_secs(3)),
        ),
        (
            "database cut, longer than attempts x delay (25 s)",
            Fault::CutDatabase(Duration::from_secs(25)),
        ),
        ("database connection goes silent", Fault::FreezeDatabase),
        (
            "broker cut while the worker consumes (3 s)",
            Fault::CutBroker(Duration::from_secs(3)),
        ),
        ("broker connection goes silent", Fault::FreezeBroker),
    ];
    for (i, (scenario, fault)) in scenarios.into_iter().enumerate() {
        // A fresh database and queue per scenario.
        let s = if i == 0 {
            rabbit.clone()
        } else {
            settings(Db::Postgres, Broker::Rabbit).await.unwrap()
        };
        rows.push(worker_fault(scenario, &s, fault).await);
    }
    rows.push(publisher_cut(&settings(Db::Postgres, Broker::Rabbit).await.unwrap()).await);
    if let Some(embedded) = settings(Db::Sqlite, Broker::Embedded).await {
        rows.push(all_in_one_killed(&embedded).await);
    }
    print(&rows);
    println!("suite took {:.0}s", started.elapsed().as_secs_f64());
    for r in &rows {
        assert_eq!(r.lost, 0, "{r:?}");
        assert_eq!(r.twice, 0, "{r:?}");
        assert_eq!(r.accepted, N, "{r:?}");
        assert_eq!(r.dead, 0, "no dead letter from an outage: {r:?}");
        assert!(r.at_fault < N, "the fault struck mid-batch: {r:?}");
    }
}
