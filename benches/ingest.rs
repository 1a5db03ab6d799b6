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

use fazhi_config::{QueueSettings, WorkerSettings};
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use fazhi_proto::v1::report_ingest_service_server::ReportIngestServiceServer;
use fazhi_queue::amqp::{AmqpQueue, AmqpSettings};
use fazhi_queue::topology::{PERSISTENT, ROUTING_KEY, Topology};
use fazhi_queue::{OutgoingMessage, Queue, TRACEPARENT};
use fazhi_store::agencies::RosterRow;
use fazhi_store::processing::Outcome;
use fazhi_store::{Store, SubmissionRecord, SubmissionStatus};
use futures::StreamExt;
use lapin::options::{
    BasicPublishOptions, ConfirmSelectOptions, ExchangeDeclareOptions, ExchangeDeleteOptions,
    QueueBindOptions, QueueDeclareOptions, QueueDeleteOptions, QueuePurgeOptions,
};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties, ExchangeKind};
use tokio_util::sync::CancellationToken;

const AMQP_URL: &str = "amqp://guest:guest@127.0.0.1:5672/%2f";
const AMQP_ADDR: &str = "127.0.0.1:5672";
const ROSTER: &str = include_str!("../samples/agencies.csv");
const SAMPLE: &str = "002_8688029d397398e8.txt";
/// The sample's own reporting year.
const YEAR: i32 = 2022;
/// The district of every agency in the sample roster.
const DISTRICT: &str = "示例区";
/// Synthetic agencies of the large-district row, and its report count.
const SYNTHETIC_AGENCIES: usize = 50;
const SYNTHETIC_REPORTS: usize = 200;
/// The two concurrency levels of every publishing row.
const LEVELS: [usize; 2] = [1, 16];
/// Operations before each timed series (connections, declarations, caches).
const WARMUP: usize = 20;
/// Worker concurrency levels: 1, and the production default.
const WORKER_LEVELS: [usize; 2] = [1, 4];
/// Longest a worker row may take before it is reported as unfinished.
const WORKER_LIMIT: Duration = Duration::from_secs(120);

// ---------------------------------------------------------------- timing --

/// Outcome of one timed series.
#[derive(Debug, Default)]
struct Stats {
    ok: usize,
    errors: usize,
    first_error: Option<String>,
    total: Duration,
    /// Per successful operation, in completion order within each task.
    latencies: Vec<Duration>,
}

impl Stats {
    fn rate(&self) -> f64 {
        self.ok as f64 / self.total.as_secs_f64().max(1e-9)
    }

    fn percentile(&self, q: f64) -> Option<Duration> {
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
async fn measure<F, Fut>(concurrency: usize, n: usize, op: F) -> Stats
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

// ---------------------------------------------------------------- tables --

struct Row {
    operation: String,
    concurrency: String,
    count: usize,
    total: Duration,
    rate: f64,
    p50: Option<Duration>,
    p99: Option<Duration>,
    /// This row's rate divided by its limit's rate.
    ratio: Option<f64>,
    errors: usize,
}

impl Row {
    fn from_stats(operation: &str, concurrency: usize, stats: &Stats, limit: Option<f64>) -> Row {
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

struct Table {
    title: String,
    rows: Vec<Row>,
    notes: Vec<String>,
}

impl Table {
    fn new(title: &str) -> Table {
        Table {
            title: title.to_owned(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn push(&mut self, row: Row, stats: Option<&Stats>) {
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

    fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    fn print(&self) {
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

// --------------------------------------------------------------- fixture --

fn unique(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4().simple())
}

fn reachable(addr: &str) -> bool {
    addr.parse::<SocketAddr>()
        .ok()
        .is_some_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(1)).is_ok())
}

/// What one submission of the sample looks like on the queue.
fn record(content: &[u8], agency: &str, key: &str) -> SubmissionRecord {
    SubmissionRecord {
        submission_id: uuid::Uuid::new_v4().to_string(),
        agency_code: agency.to_owned(),
        district: DISTRICT.to_owned(),
        reporting_year: YEAR,
        file_name: SAMPLE.to_owned(),
        media_type: "text/plain".to_owned(),
        content: content.to_vec(),
        // Only compared on a retry with the same key, which never happens here.
        content_sha256: "0".repeat(64),
        size_bytes: content.len() as u64,
        idempotency_key: Some(key.to_owned()),
        submitted_at: fazhi_store::now_ms(),
    }
}

fn message(record: &SubmissionRecord) -> OutgoingMessage {
    OutgoingMessage {
        message_id: record.submission_id.clone(),
        payload: fazhi_services::message::payload(record),
        headers: BTreeMap::from([(
            TRACEPARENT.to_owned(),
            fazhi_queue::trace::new_traceparent(),
        )]),
    }
}

fn queue_settings(name: &str, amqp: bool) -> QueueSettings {
    QueueSettings {
        amqp_url: amqp.then(|| AMQP_URL.to_owned()),
        name: name.to_owned(),
        ..QueueSettings::default()
    }
}

/// A fresh SQLite file with the roster loaded.
async fn fresh_store(dir: &Path, name: &str) -> Result<Store, String> {
    let path = dir.join(format!("{name}.db"));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let max = fazhi_config::DatabaseSettings::default().max_connections;
    let store = Store::connect(&url, max)
        .await
        .map_err(|e| format!("open {url}: {e}"))?;
    let rows = fazhi_store::agencies::parse_roster(ROSTER).map_err(|e| e.to_string())?;
    store
        .upsert_agencies(&rows)
        .await
        .map_err(|e| e.to_string())?;
    Ok(store)
}

struct Server {
    channel: tonic::transport::Channel,
    /// An administrator's token, issued in the store as `fazhi credentials issue` does.
    token: String,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<()>,
}

/// Which server a row talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Serve {
    /// `fazhi_services::serve`, as `fazhi serve` runs it.
    Real,
    /// Diagnostic: the same `Ingest` service alone, behind a tonic server
    /// whose accepted sockets have TCP_NODELAY set (`serve` hands tonic a
    /// listener stream, and tonic then ignores its own `tcp_nodelay`).
    NoDelay,
}

/// A gRPC server on an ephemeral loopback port, and a client channel.
async fn start_server(store: Store, queue: Arc<dyn Queue>, how: Serve) -> Result<Server, String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let url = format!(
        "http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let shutdown = CancellationToken::new();
    let settings = fazhi_config::Settings::default();
    let grpc = settings.grpc.clone();
    let max = grpc.max_message_bytes();
    let token = store
        .issue_token(&fazhi_store::NewCredential {
            login: format!("bench-{}", uuid::Uuid::new_v4().simple()),
            role: fazhi_store::Role::Admin,
            scope: vec![],
            expires_at: None,
            created_by: "bench".into(),
        })
        .await
        .map_err(|e| e.to_string())?
        .1;
    let task =
        {
            let shutdown = shutdown.clone();
            match how {
                Serve::Real => tokio::spawn(async move {
                    if let Err(e) =
                        fazhi_services::serve(listener, &settings, store, queue, shutdown).await
                    {
                        eprintln!("server failed: {e}");
                    }
                }),
                Serve::NoDelay => tokio::spawn(async move {
                    let ingest = ReportIngestServiceServer::new(
                        fazhi_services::ingest::Ingest::new(store, queue, grpc.max_document_bytes),
                    )
                    .max_decoding_message_size(max);
                    let incoming = futures::stream::unfold(listener, |listener| async move {
                        let accepted = listener.accept().await.map(|(socket, _)| {
                            let _ = socket.set_nodelay(true);
                            socket
                        });
                        Some((accepted, listener))
                    });
                    if let Err(e) = tonic::transport::Server::builder()
                        .add_service(ingest)
                        .serve_with_incoming_shutdown(incoming, shutdown.cancelled_owned())
                        .await
                    {
                        eprintln!("server failed: {e}");
                    }
                }),
            }
        };
    let channel = tonic::transport::Channel::from_shared(url)
        .map_err(|e| e.to_string())?
        .connect()
        .await
        .map_err(|e| e.to_string())?;
    Ok(Server {
        channel,
        token,
        shutdown,
        task,
    })
}

impl Server {
    async fn stop(self) {
        drop(self.channel);
        self.shutdown.cancel();
        let _ = self.task.await;
    }
}

/// Agency code no roster has: SubmitReport refuses it after one lookup.
const UNKNOWN_AGENCY: &str = "bench-unknown-agency";

/// `SubmitReport` of the sample, a distinct submission per index: agencies
/// in roster order, a fresh idempotency key each time. Succeeds on QUEUED,
/// or on NOT_FOUND for [`UNKNOWN_AGENCY`].
fn submit_op(
    server: &Server,
    content: &Arc<Vec<u8>>,
    agencies: &Arc<Vec<String>>,
) -> impl Fn(usize) -> futures::future::BoxFuture<'static, Result<(), String>> + Send + Sync + 'static
{
    let bearer: tonic::metadata::MetadataValue<tonic::metadata::Ascii> =
        format!("Bearer {}", server.token)
            .parse()
            .unwrap_or_else(|_| unreachable!("hex token"));
    let client = ReportIngestServiceClient::with_interceptor(
        server.channel.clone(),
        move |mut r: tonic::Request<()>| {
            r.metadata_mut().insert("authorization", bearer.clone());
            Ok(r)
        },
    );
    let (content, agencies) = (content.clone(), agencies.clone());
    move |i| {
        let mut client = client.clone();
        let request = pb::SubmitReportRequest {
            agency_code: agencies[i % agencies.len()].clone(),
            reporting_year: YEAR,
            document: Some(pb::Document {
                content: content.as_ref().clone(),
                media_type: "text/plain".into(),
                file_name: SAMPLE.into(),
            }),
            idempotency_key: Some(uuid::Uuid::new_v4().to_string()),
        };
        let refused = request.agency_code == UNKNOWN_AGENCY;
        Box::pin(async move {
            let response = match client.submit_report(request).await {
                Err(s) if refused && s.code() == tonic::Code::NotFound => return Ok(()),
                Err(s) => return Err(format!("{:?}: {}", s.code(), s.message())),
                Ok(r) => r.into_inner(),
            };
            if response.status != pb::SubmissionStatus::Queued as i32 {
                return Err(format!("status {} instead of QUEUED", response.status));
            }
            Ok(())
        })
    }
}

// -------------------------------------------------------------- RabbitMQ --

fn amqp_err(what: &str) -> impl Fn(lapin::Error) -> String + '_ {
    move |e| format!("{what}: {e}")
}

/// The declarations `AmqpQueue` makes, on our own channel.
async fn declare(channel: &Channel, t: &Topology) -> Result<(), String> {
    let durable = ExchangeDeclareOptions {
        durable: true,
        ..ExchangeDeclareOptions::default()
    };
    for exchange in [&t.exchange, &t.dead_letter_exchange] {
        channel
            .exchange_declare(
                exchange.as_str().into(),
                ExchangeKind::Direct,
                durable,
                FieldTable::default(),
            )
            .await
            .map_err(amqp_err("exchange.declare"))?;
    }
    for (queue, exchange, args) in [
        (
            &t.dead_letter_queue,
            &t.dead_letter_exchange,
            t.dead_letter_queue_arguments(),
        ),
        (&t.queue, &t.exchange, t.queue_arguments()),
    ] {
        channel
            .queue_declare(queue.as_str().into(), QueueDeclareOptions::durable(), args)
            .await
            .map_err(amqp_err("queue.declare"))?;
        channel
            .queue_bind(
                queue.as_str().into(),
                exchange.as_str().into(),
                ROUTING_KEY.into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(amqp_err("queue.bind"))?;
    }
    Ok(())
}

/// One publish as `AmqpQueue` makes it, awaiting the broker's confirm.
async fn raw_publish(channel: &Channel, exchange: &str, payload: &[u8]) -> Result<(), String> {
    let mut headers = FieldTable::default();
    headers.insert(
        ShortString::from(TRACEPARENT),
        AMQPValue::LongString(LongString::from(
            fazhi_queue::trace::new_traceparent().as_str(),
        )),
    );
    let properties = BasicProperties::default()
        .with_delivery_mode(PERSISTENT)
        .with_message_id(uuid::Uuid::new_v4().to_string().as_str().into())
        .with_content_type("application/json".into())
        .with_headers(headers);
    let confirm = channel
        .basic_publish(
            exchange.into(),
            ROUTING_KEY.into(),
            BasicPublishOptions {
                mandatory: true,
                ..BasicPublishOptions::default()
            },
            payload,
            properties,
        )
        .await
        .map_err(amqp_err("basic.publish"))?;
    let confirmation = confirm.await.map_err(amqp_err("confirm"))?;
    if !confirmation.is_ack() {
        return Err("nack".into());
    }
    if confirmation.take_message().is_some() {
        return Err("returned (unroutable)".into());
    }
    Ok(())
}

/// A connection for declaring, purging and deleting the bench's queues.
struct Admin {
    connection: Connection,
    channel: Channel,
    /// Every topology created in this run, deleted at the end.
    created: Vec<Topology>,
}

impl Admin {
    async fn connect() -> Result<Admin, String> {
        let connection = tokio::time::timeout(
            Duration::from_secs(3),
            Connection::connect(AMQP_URL, ConnectionProperties::default()),
        )
        .await
        .map_err(|_| "connect timed out".to_owned())?
        .map_err(amqp_err("connect"))?;
        let channel = connection
            .create_channel()
            .await
            .map_err(amqp_err("channel"))?;
        Ok(Admin {
            connection,
            channel,
            created: Vec::new(),
        })
    }

    fn topology(&mut self, prefix: &str) -> Topology {
        let t = Topology::new(&unique(prefix));
        self.created.push(t.clone());
        t
    }

    /// Start each row from an empty queue.
    async fn purge(&self, t: &Topology) {
        if let Err(e) = self
            .channel
            .queue_purge(t.queue.as_str().into(), QueuePurgeOptions::default())
            .await
        {
            eprintln!("purge {}: {e}", t.queue);
        }
    }

    async fn delete_all(self) {
        for t in &self.created {
            for queue in [&t.queue, &t.dead_letter_queue] {
                let _ = self
                    .channel
                    .queue_delete(queue.as_str().into(), QueueDeleteOptions::default())
                    .await;
            }
            for exchange in [&t.exchange, &t.dead_letter_exchange] {
                let _ = self
                    .channel
                    .exchange_delete(exchange.as_str().into(), ExchangeDeleteOptions::default())
                    .await;
            }
        }
        let _ = self.connection.close(200, "bench done".into()).await;
    }
}

/// Section 1: the broker's own limit. Returns the rate per level.
async fn raw_broker(admin: &mut Admin, n: usize, payload: &Arc<Vec<u8>>) -> Option<[f64; 2]> {
    let mut table = Table::new("1. RabbitMQ limit: raw lapin publish-with-confirm");
    let topology = admin.topology("fazhi.bench.raw.");
    let setup = async {
        let connection = Connection::connect(AMQP_URL, ConnectionProperties::default())
            .await
            .map_err(amqp_err("connect"))?;
        let channel = connection
            .create_channel()
            .await
            .map_err(amqp_err("channel"))?;
        declare(&channel, &topology).await?;
        channel
            .confirm_select(ConfirmSelectOptions::default())
            .await
            .map_err(amqp_err("confirm.select"))?;
        Ok::<_, String>((connection, channel))
    };
    let (connection, channel) = match setup.await {
        Ok(c) => c,
        Err(e) => {
            println!("\nRabbitMQ publisher setup failed ({e}); skipping the RabbitMQ rows.");
            return None;
        }
    };
    for _ in 0..WARMUP {
        let _ = raw_publish(&channel, &topology.exchange, payload).await;
    }
    let mut rates = [0.0; 2];
    for (slot, &c) in LEVELS.iter().enumerate() {
        admin.purge(&topology).await;
        let (channel, exchange, payload) = (
            channel.clone(),
            Arc::new(topology.exchange.clone()),
            payload.clone(),
        );
        let stats = measure(c, n, move |_| {
            let (channel, exchange, payload) = (channel.clone(), exchange.clone(), payload.clone());
            async move { raw_publish(&channel, &exchange, &payload).await }
        })
        .await;
        rates[slot] = stats.rate();
        table.push(
            Row::from_stats(
                "lapin basic_publish + confirm (one channel)",
                c,
                &stats,
                Some(rates[slot]),
            ),
            Some(&stats),
        );
    }
    table.note(format!(
        "Message: the sample wrapped as the real JSON message ({} bytes), persistent, mandatory, \
         message id and traceparent header; quorum queue declared like `Topology`.",
        payload.len()
    ));
    table.print();
    let _ = connection.close(200, "bench done".into()).await;
    Some(rates)
}

/// Section 2: our publisher through the trait.
async fn amqp_queue(admin: &mut Admin, n: usize, content: &Arc<Vec<u8>>, limits: [f64; 2]) {
    let mut table = Table::new("2. `AmqpQueue::publish` (through `dyn Queue`)");
    let topology = admin.topology("fazhi.bench.amqp.");
    let defaults = QueueSettings::default();
    let queue: Arc<dyn Queue> = Arc::new(AmqpQueue::new(AmqpSettings {
        url: AMQP_URL.to_owned(),
        topology: topology.clone(),
        prefetch: defaults.prefetch,
        confirm_timeout: Duration::from_millis(defaults.confirm_timeout_ms),
        connect_timeout: Duration::from_millis(defaults.connect_timeout_ms),
    }));
    let content = content.clone();
    for _ in 0..WARMUP {
        let _ = queue
            .publish(&message(&record(&content, "xymj", "warm-up")))
            .await;
    }
    for (slot, &c) in LEVELS.iter().enumerate() {
        admin.purge(&topology).await;
        let (queue, content) = (queue.clone(), content.clone());
        let stats = measure(c, n, move |i| {
            let (queue, content) = (queue.clone(), content.clone());
            async move {
                // Building the message is part of what SubmitReport pays too.
                let m = message(&record(&content, "xymj", &i.to_string()));
                queue.publish(&m).await.map_err(|e| e.to_string())
            }
        })
        .await;
        table.push(
            Row::from_stats("AmqpQueue::publish", c, &stats, Some(limits[slot])),
            Some(&stats),
        );
    }
    table.note("Ratio: against the raw lapin row of the same concurrency (section 1).".into());
    table.print();
}

/// What a SubmitReport series needs besides the server.
struct Submits<'a> {
    n: usize,
    content: &'a Arc<Vec<u8>>,
    agencies: &'a Arc<Vec<String>>,
    /// The limit's rate at each of `LEVELS`.
    limits: [f64; 2],
    /// Row label for the real server.
    label: &'a str,
}

/// SubmitReport rows at each level, first against the real server, then
/// the TCP_NODELAY diagnostic; `purge` empties the broker queue before
/// each row. Returns the real server's rates.
async fn submit_rows(
    table: &mut Table,
    store: &Store,
    queue: &Arc<dyn Queue>,
    s: &Submits<'_>,
    purge: Option<(&Admin, &Topology)>,
) -> Result<[f64; 2], String> {
    let mut rates = [0.0; 2];
    for how in [Serve::Real, Serve::NoDelay] {
        let server = start_server(store.clone(), queue.clone(), how).await?;
        let warm = submit_op(&server, s.content, s.agencies);
        for i in 0..WARMUP {
            warm(i)
                .await
                .map_err(|e| format!("warm-up SubmitReport: {e}"))?;
        }
        for (slot, &c) in LEVELS.iter().enumerate() {
            if let Some((admin, topology)) = purge {
                admin.purge(topology).await;
            }
            let stats = measure(c, s.n, submit_op(&server, s.content, s.agencies)).await;
            let label = match how {
                Serve::Real => {
                    rates[slot] = stats.rate();
                    s.label.to_owned()
                }
                Serve::NoDelay => "diagnostic: same service, TCP_NODELAY on server sockets".into(),
            };
            table.push(
                Row::from_stats(&label, c, &stats, Some(s.limits[slot])),
                Some(&stats),
            );
        }
        if how == Serve::NoDelay {
            // Everything SubmitReport does before the queue: gRPC with the
            // 12 KB document, validation (decode, SHA-256), agency lookup.
            let unknown = Arc::new(vec![UNKNOWN_AGENCY.to_owned()]);
            let stats = measure(1, s.n, submit_op(&server, s.content, &unknown)).await;
            table.push(
                Row::from_stats(
                    "component: SubmitReport refused at agency lookup (no queue, no insert; TCP_NODELAY)",
                    1,
                    &stats,
                    None,
                ),
                Some(&stats),
            );
        }
        server.stop().await;
    }
    Ok(rates)
}

/// Section 3: SubmitReport end to end, RabbitMQ queue.
async fn submit_rabbit(
    admin: &mut Admin,
    dir: &Path,
    s: &Submits<'_>,
    fast: usize,
) -> Result<(), String> {
    let mut table = Table::new("3. `SubmitReport` over gRPC, RabbitMQ queue, SQLite store");
    let topology = admin.topology("fazhi.bench.grpc.");
    let store = fresh_store(dir, "grpc-rabbit").await?;
    let queue = fazhi_queue::from_settings(
        &queue_settings(&topology.queue, true),
        &WorkerSettings::default(),
        store.db().clone(),
    );
    let rates = submit_rows(&mut table, &store, &queue, s, Some((admin, &topology))).await;
    drop(queue);
    let rates = rates?;

    // Its other durable step, alone: the submission row SubmitReport writes
    // after the broker's confirm (same store, so same table size).
    let mut insert_rate = 0.0;
    for &c in &LEVELS {
        let (store, content) = (store.clone(), s.content.clone());
        let stats = measure(c, fast, move |i| {
            let (store, content) = (store.clone(), content.clone());
            async move {
                let r = record(&content, "xymj", &format!("direct-{i}"));
                store.record_queued(&r).await.map_err(|e| e.to_string())
            }
        })
        .await;
        if c == 1 {
            insert_rate = stats.rate();
        }
        table.push(
            Row::from_stats(
                "component: Store::record_queued (SQLite insert)",
                c,
                &stats,
                None,
            ),
            Some(&stats),
        );
    }
    table.note("Ratio: against the raw lapin row of the same concurrency (section 1).".into());
    if s.limits[0] > 0.0 && insert_rate > 0.0 {
        let serial = 1.0 / (1.0 / s.limits[0] + 1.0 / insert_rate);
        table.note(format!(
            "At concurrency 1 SubmitReport waits for the broker's confirm and then for the \
             SQLite insert: 1/(1/{:.0} + 1/{:.0}) = {serial:.0}/s is its ceiling before any \
             gRPC or lookup cost; it reaches {:.0}/s ({:.2} of that).",
            s.limits[0],
            insert_rate,
            rates[0],
            rates[0] / serial
        ));
    }
    table.print();
    Ok(())
}

// -------------------------------------------------------------- embedded --

/// Section 4: SubmitReport with the embedded queue, against its own limit.
async fn submit_embedded(
    dir: &Path,
    n: usize,
    fast: usize,
    content: &Arc<Vec<u8>>,
    agencies: &Arc<Vec<String>>,
) -> Result<(), String> {
    let mut table = Table::new("4. Embedded queue (SQLite): raw publish and `SubmitReport`");

    // The limit: EmbeddedQueue::publish alone, on its own fresh file.
    let store = fresh_store(dir, "embedded-raw").await?;
    let queue = fazhi_queue::from_settings(
        &queue_settings("fazhi.bench.embedded", false),
        &WorkerSettings::default(),
        store.db().clone(),
    );
    for i in 0..WARMUP {
        let _ = queue
            .publish(&message(&record(content, "xymj", &format!("w{i}"))))
            .await;
    }
    let mut limits = [0.0; 2];
    for (slot, &c) in LEVELS.iter().enumerate() {
        let (queue, content) = (queue.clone(), content.clone());
        let stats = measure(c, fast, move |i| {
            let (queue, content) = (queue.clone(), content.clone());
            async move {
                let m = message(&record(&content, "xymj", &i.to_string()));
                queue.publish(&m).await.map_err(|e| e.to_string())
            }
        })
        .await;
        limits[slot] = stats.rate();
        table.push(
            Row::from_stats(
                "EmbeddedQueue::publish (limit)",
                c,
                &stats,
                Some(limits[slot]),
            ),
            Some(&stats),
        );
    }
    drop(queue);
    drop(store);

    let store = fresh_store(dir, "embedded-grpc").await?;
    let queue = fazhi_queue::from_settings(
        &queue_settings("fazhi.bench.embedded", false),
        &WorkerSettings::default(),
        store.db().clone(),
    );
    let s = Submits {
        n,
        content,
        agencies,
        limits,
        label: "SubmitReport (gRPC → embedded)",
    };
    submit_rows(&mut table, &store, &queue, &s, None).await?;
    table.note(
        "Ratio: against `EmbeddedQueue::publish` of the same concurrency, measured just before \
         on a fresh SQLite file. SubmitReport commits twice (queue row, then submission row)."
            .into(),
    );
    table.print();
    Ok(())
}

// ---------------------------------------------------------------- worker --

/// For a sequential series: mean latency of the first and the last tenth,
/// which shows a cost that grows with the data.
fn drift(label: &str, stats: &Stats) -> Option<String> {
    let tenth = stats.latencies.len() / 10;
    if tenth == 0 {
        return None;
    }
    let mean = |d: &[Duration]| {
        d.iter().map(Duration::as_secs_f64).sum::<f64>() / d.len().max(1) as f64 * 1e3
    };
    Some(format!(
        "{label}: mean {:.2} ms over the first {tenth} operations, {:.2} ms over the last {tenth}.",
        mean(&stats.latencies[..tenth]),
        mean(&stats.latencies[stats.latencies.len() - tenth..])
    ))
}

/// Section 5: the worker draining K queued submissions, against the parser.
async fn worker(
    dir: &Path,
    k: usize,
    content: &Arc<Vec<u8>>,
    agencies: &Arc<Vec<String>>,
) -> Result<(), String> {
    let mut table = Table::new("5. Worker throughput (embedded queue, SQLite)");
    let options = fazhi_core::ParseOptions {
        expected_year: Some(YEAR),
        ..fazhi_core::ParseOptions::default()
    };

    // The limit: the pure parse, same document, same options.
    let reps = (4 * k).max(200);
    let parse_once = {
        let content = content.clone();
        move || {
            let parsed = fazhi_core::parse_bytes(std::hint::black_box(&content), &options);
            std::hint::black_box(parsed.map(|(_, p)| p.sections.len()).unwrap_or(0))
        }
    };
    let _ = parse_once();
    let start = Instant::now();
    let mut latencies = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t = Instant::now();
        parse_once();
        latencies.push(t.elapsed());
    }
    let parse = Stats {
        ok: reps,
        total: start.elapsed(),
        latencies,
        ..Stats::default()
    };
    let parse_rate = parse.rate();
    table.push(
        Row::from_stats(
            "fazhi_core::parse_bytes (limit)",
            1,
            &parse,
            Some(parse_rate),
        ),
        None,
    );
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let parse_once = parse_once.clone();
            s.spawn(move || {
                for _ in 0..reps / threads {
                    parse_once();
                }
            });
        }
    });
    let parallel = Stats {
        ok: reps / threads * threads,
        total: start.elapsed(),
        ..Stats::default()
    };
    table.push(
        Row::from_stats(
            "fazhi_core::parse_bytes, one thread per core",
            threads,
            &parallel,
            Some(parse_rate),
        ),
        None,
    );

    // The worker's transaction alone, outcome computed once: a processed
    // report (submission row, parse, district summary rebuilt), then a
    // rejected one (submission row only: no parse stored, no rebuild).
    let processed = fazhi_worker::analyze(&record(content, "xymj", "x"), content, None);
    let rejected = Outcome::Rejected {
        reason: "bench".into(),
    };
    // The sample roster has 5 agencies; a district has dozens. The last
    // row adds 50 synthetic agencies that all report (fewer reports: each
    // rebuild then consolidates up to 50).
    for (file, label, outcome, extra, count) in [
        (
            "complete-processed",
            "component: Store::complete, processed (txn + summary rebuild)",
            processed.clone(),
            0,
            k,
        ),
        (
            "complete-rejected",
            "component: Store::complete, rejected (txn, no rebuild)",
            rejected,
            0,
            k,
        ),
        (
            "complete-roster-50",
            "component: Store::complete, processed, district of 50 reporting agencies",
            processed,
            SYNTHETIC_AGENCIES,
            k.min(SYNTHETIC_REPORTS),
        ),
    ] {
        let store = fresh_store(dir, file).await?;
        let a = if extra == 0 {
            agencies.clone()
        } else {
            let rows: Vec<RosterRow> = (0..extra)
                .map(|i| RosterRow {
                    code: format!("bench-{i:03}"),
                    name: format!("基准测试单位{i:03}"),
                    kind: fazhi_store::AgencyKind::Department,
                    district: DISTRICT.into(),
                })
                .collect();
            store
                .upsert_agencies(&rows)
                .await
                .map_err(|e| e.to_string())?;
            Arc::new(rows.into_iter().map(|r| r.code).collect::<Vec<_>>())
        };
        let outcome = Arc::new(outcome);
        let (s, c) = (store.clone(), content.clone());
        let stats = measure(1, count, move |i| {
            let (s, outcome) = (s.clone(), outcome.clone());
            let r = record(&c, &a[i % a.len()], &format!("c{i}"));
            async move {
                s.complete(&r, &outcome)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        })
        .await;
        if let Some(note) = drift(label, &stats) {
            table.note(note);
        }
        table.push(
            Row::from_stats(label, 1, &stats, Some(parse_rate)),
            Some(&stats),
        );
    }

    // The embedded queue's own consume rate: K messages published (untimed),
    // then claimed and acked one by one with no processing in between.
    {
        let label = "component: EmbeddedQueue claim + ack, no processing (starts K deep)";
        let store = fresh_store(dir, "consume").await?;
        let queue = fazhi_queue::from_settings(
            &queue_settings("fazhi.bench.consume", false),
            &WorkerSettings::default(),
            store.db().clone(),
        );
        for i in 0..k {
            queue
                .publish(&message(&record(content, "xymj", &format!("q{i}"))))
                .await
                .map_err(|e| e.to_string())?;
        }
        let mut deliveries = queue.subscribe().await.map_err(|e| e.to_string())?;
        let mut stats = Stats::default();
        let start = Instant::now();
        for _ in 0..k {
            let t = Instant::now();
            let settled =
                match tokio::time::timeout(Duration::from_secs(10), deliveries.next()).await {
                    Ok(Some(Ok(delivery))) => delivery.ack().await.map_err(|e| e.to_string()),
                    Ok(Some(Err(e))) => Err(e.to_string()),
                    Ok(None) | Err(_) => Err("no delivery within 10 s".to_owned()),
                };
            match settled {
                Ok(()) => {
                    stats.ok += 1;
                    stats.latencies.push(t.elapsed());
                }
                Err(e) => {
                    stats.errors += 1;
                    stats.first_error.get_or_insert(e);
                    break;
                }
            }
        }
        stats.total = start.elapsed();
        if let Some(note) = drift(label, &stats) {
            table.note(note);
        }
        table.push(
            Row::from_stats(label, 1, &stats, Some(parse_rate)),
            Some(&stats),
        );
    }

    for &concurrency in &WORKER_LEVELS {
        let name = format!("worker-{concurrency}");
        let store = fresh_store(dir, &name).await?;
        let settings = queue_settings("fazhi.bench.worker", false);
        let queue =
            fazhi_queue::from_settings(&settings, &WorkerSettings::default(), store.db().clone());
        // Queue K submissions through the real service, with no worker running.
        let server = start_server(store.clone(), queue.clone(), Serve::Real).await?;
        let fill = measure(16, k, submit_op(&server, content, agencies)).await;
        server.stop().await;
        if let Some(e) = fill.first_error {
            return Err(format!("queueing for the worker: {e}"));
        }
        let queued = store
            .count_by_status(SubmissionStatus::Queued)
            .await
            .map_err(|e| e.to_string())?;

        let worker = fazhi_worker::Worker::new(
            store.clone(),
            queue.clone(),
            WorkerSettings {
                concurrency,
                ..WorkerSettings::default()
            },
            settings.max_attempts,
        );
        let shutdown = CancellationToken::new();
        let start = Instant::now();
        let task = {
            let shutdown = shutdown.clone();
            tokio::spawn(async move { worker.run(shutdown).await })
        };
        // Poll the store (a COUNT every 20 ms) until nothing is left queued.
        let mut half = None;
        let finished = loop {
            let left = store
                .count_by_status(SubmissionStatus::Queued)
                .await
                .map_err(|e| e.to_string())?;
            if half.is_none() && left <= queued / 2 {
                half = Some(start.elapsed());
            }
            if left == 0 {
                break true;
            }
            if start.elapsed() > WORKER_LIMIT {
                break false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let total = start.elapsed();
        shutdown.cancel();
        let _ = task.await;
        let processed = store
            .count_by_status(SubmissionStatus::Processed)
            .await
            .map_err(|e| e.to_string())?;
        let ok = usize::try_from(processed).unwrap_or(0);
        let stats = Stats {
            ok,
            errors: usize::try_from(queued).unwrap_or(0).saturating_sub(ok),
            first_error: (!finished).then(|| format!("unfinished after {WORKER_LIMIT:?}")),
            total,
            latencies: Vec::new(),
        };
        if let Some(half) = half.filter(|_| finished && queued >= 2) {
            let h = queued as f64 / 2.0;
            table.note(format!(
                "Worker, concurrency {concurrency}: first half of the queue at {:.1}/s, second half at {:.1}/s.",
                h / half.as_secs_f64(),
                h / (total - half).as_secs_f64().max(1e-9)
            ));
        }
        table.push(
            Row::from_stats(
                "Worker: start → all K PROCESSED",
                concurrency,
                &stats,
                Some(parse_rate),
            ),
            Some(&stats),
        );
    }
    table.note(format!(
        "Ratio: against `parse_bytes` on one thread, same document ({} bytes), same run. \
         K = {k} submissions, agencies of the roster in turn, queued through SubmitReport \
         before the worker starts; the worker rows count reports PROCESSED, timed from \
         `Worker::run` until a poll finds none QUEUED.",
        content.len()
    ));
    table.print();
    Ok(())
}

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
