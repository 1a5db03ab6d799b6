//! `spawn_app()` and friends: every test gets its own database (SQLite file
//! or fresh PostgreSQL database), its own queue names, its own port.

use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_client::DistrictSummaryServiceClient;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use fazhi_queue::Queue;
use fazhi_store::Store;
use sea_orm::{ConnectionTrait, Database};
use tonic::transport::Channel;

pub const DISTRICT: &str = "示例区";
pub const ROSTER: &str = include_str!("../../samples/agencies.csv");

/// (agency code, reporting year, file) of the bundled samples.
pub const SAMPLES: [(&str, i32, &str); 5] = [
    ("xc-yllhj", 2022, "000_694a7727829af4aa.txt"),
    ("xc-cgzhzx", 2023, "001_6193ebd917cce1b8.txt"),
    ("xymj", 2022, "002_8688029d397398e8.txt"),
    ("sjs-qzf", 2023, "003_cb32341b71933a80.txt"),
    ("jgz", 2022, "004_f20b88b3a1d009b5.txt"),
];

pub fn sample(file: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples/reports")
        .join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn reachable(addr: &str) -> bool {
    addr.parse::<SocketAddr>()
        .ok()
        .is_some_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(1)).is_ok())
}

/// A service the test needs: its URL, or `None` (skip) on a machine without
/// it. Under CI=true a missing service fails the test instead.
fn require(name: &str, env: &str, default_url: &str, addr: &str) -> Option<String> {
    if let Ok(url) = std::env::var(env) {
        return Some(url);
    }
    if reachable(addr) {
        return Some(default_url.to_owned());
    }
    if in_ci() {
        panic!("{name} is not reachable at {addr}, and CI=true: this suite must run, not skip");
    }
    eprintln!("SKIP: {name} not reachable at {addr} (set {env} or start it)");
    None
}

pub fn rabbit_url() -> Option<String> {
    require(
        "RabbitMQ",
        "FAZHI_TEST_AMQP_URL",
        "amqp://guest:guest@127.0.0.1:5672/%2f",
        "127.0.0.1:5672",
    )
}

pub fn postgres_admin_url() -> Option<String> {
    require(
        "PostgreSQL",
        "FAZHI_TEST_PG_URL",
        "postgres://postgres@127.0.0.1:5432/postgres",
        "127.0.0.1:5432",
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broker {
    Embedded,
    Rabbit,
}

pub fn unique(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4().simple())
}

pub fn scratch_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(unique("it-"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Settings for one test, or `None` when a needed service is absent (skip).
pub async fn settings(db: Db, broker: Broker) -> Option<Settings> {
    let mut s = Settings::default();
    s.grpc.listen = "127.0.0.1:0".parse().unwrap();
    s.metrics.listen = None;
    s.queue.name = unique("fazhi.test.");
    s.queue.poll_interval = Duration::from_millis(50);
    s.queue.confirm_timeout = Duration::from_secs(3);
    s.queue.connect_timeout = Duration::from_secs(2);
    s.queue.lease = Duration::from_secs(3);
    s.worker.retry_delay = Duration::from_millis(100);
    s.log.filter = "warn".into();
    s.database.url = match db {
        Db::Sqlite => format!(
            "sqlite://{}?mode=rwc",
            scratch_dir().join("fazhi.db").display()
        ),
        Db::Postgres => {
            let admin = postgres_admin_url()?;
            let name = unique("fazhi_t_");
            let conn = Database::connect(&admin)
                .await
                .expect("connect to PostgreSQL");
            conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            conn.close().await.ok();
            match admin.rsplit_once('/') {
                Some((base, _)) => format!("{base}/{name}"),
                None => panic!("bad PostgreSQL URL {admin}"),
            }
        }
    };
    if broker == Broker::Rabbit {
        s.queue.amqp_url = Some(rabbit_url()?);
    }
    Some(s)
}

/// A channel that carries a credential (the CLI's interceptor).
pub use fazhi_services::bearer::Authed;

pub fn authed(channel: Channel, token: Option<&str>) -> Authed {
    fazhi_services::bearer::authed(channel, token).expect("a token a header can carry")
}

/// Issue a token straight in the store (as `fazhi credentials issue` does).
pub async fn issue_token(store: &Store, role: fazhi_store::Role, scope: &[&str]) -> String {
    let new = fazhi_store::NewCredential {
        login: unique("test-"),
        role,
        scope: scope.iter().map(|s| s.to_string()).collect(),
        expires_at: None,
        created_by: "test".into(),
    };
    store.issue_token(&new).await.expect("issue token").1
}

pub struct TestApp {
    pub url: String,
    /// The district office's token for [`DISTRICT`] (what most tests act as).
    pub token: String,
    pub store: Store,
    pub queue: Arc<dyn Queue>,
    pub settings: Settings,
    app: fazhi::app::Application,
}

/// Start server (and worker, if asked) in this test's runtime, through the
/// same [`fazhi::app::Application`] the binary uses.
pub async fn spawn_app(settings: &Settings, with_worker: bool) -> TestApp {
    let mut settings = settings.clone();
    settings.grpc.listen = "127.0.0.1:0".parse().unwrap();
    // Not `fazhi::app::connect`: that also creates the embedded defaults'
    // local administrator, which would show in tests of credentials and audit.
    let store = Store::connect(&settings.database.url, settings.database.max_connections)
        .await
        .expect("open database");
    let queue = fazhi_queue::from_settings(&settings.queue, &settings.worker, store.db().clone());
    let parts = fazhi::app::Parts { store, queue };
    let rows = fazhi_store::agencies::parse_roster(ROSTER).unwrap();
    parts.store.upsert_agencies(&rows).await.unwrap();
    let token = issue_token(&parts.store, fazhi_store::Role::Admin, &[]).await;
    let roles = fazhi::app::Roles {
        worker: with_worker,
        ..fazhi::app::Roles::HEADLESS
    };
    let app = fazhi::app::Application::build_with(&settings, roles, parts)
        .await
        .expect("build the application");
    TestApp {
        url: format!("http://{}", app.grpc_addr().unwrap()),
        token,
        store: app.store().clone(),
        queue: app.queue().clone(),
        settings,
        app,
    }
}

impl TestApp {
    pub fn start_worker(&mut self) {
        self.app.start_worker();
    }

    pub async fn channel(&self) -> Channel {
        Channel::from_shared(self.url.clone())
            .unwrap()
            .connect()
            .await
            .unwrap()
    }

    pub async fn ingest(&self) -> ReportIngestServiceClient<Authed> {
        self.ingest_as(Some(&self.token)).await
    }

    pub async fn summaries(&self) -> DistrictSummaryServiceClient<Authed> {
        self.summaries_as(Some(&self.token)).await
    }

    pub async fn ingest_as(&self, token: Option<&str>) -> ReportIngestServiceClient<Authed> {
        ReportIngestServiceClient::new(authed(self.channel().await, token))
    }

    pub async fn summaries_as(&self, token: Option<&str>) -> DistrictSummaryServiceClient<Authed> {
        DistrictSummaryServiceClient::new(authed(self.channel().await, token))
    }

    pub async fn submit(
        &self,
        agency: &str,
        year: i32,
        content: Vec<u8>,
        key: Option<&str>,
    ) -> Result<pb::SubmitReportResponse, tonic::Status> {
        submit_to(&mut self.ingest().await, agency, year, content, key).await
    }

    pub async fn wait_done(&self, id: &str) -> pb::Submission {
        wait_done(&mut self.ingest().await, id, Duration::from_secs(60)).await
    }

    /// Submit and wait until processed (failing the test otherwise); the id.
    pub async fn submit_processed(&self, agency: &str, year: i32, content: Vec<u8>) -> String {
        let r = self.submit(agency, year, content, None).await.unwrap();
        let done = self.wait_done(&r.submission_id).await;
        assert_eq!(
            done.status,
            pb::SubmissionStatus::Processed as i32,
            "{} not processed: {}",
            r.submission_id,
            done.reject_reason
        );
        r.submission_id
    }

    pub async fn summary(&self, year: i32) -> fazhi_summary::DistrictSummary {
        summary_of(&mut self.summaries().await, DISTRICT, year).await
    }

    pub async fn stop(self) {
        self.app.stop().await;
        remove_broker_objects(&self.settings).await;
        let _ = self.store.db().clone().close().await;
        drop_test_database(&self.settings).await;
    }
}

/// The `fazhi` binary with a clean environment: `PATH` and the client
/// token only, so the machine's own settings never leak into a test.
pub fn fazhi_cli(token: &str) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_fazhi"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FAZHI_CLIENT__TOKEN", token);
    cmd
}

/// Run a command to its end; fail the test (showing its stderr) unless it
/// succeeded.
pub async fn succeed(cmd: &mut tokio::process::Command) -> std::process::Output {
    let out = cmd.output().await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub async fn submit_to(
    client: &mut ReportIngestServiceClient<Authed>,
    agency: &str,
    year: i32,
    content: Vec<u8>,
    key: Option<&str>,
) -> Result<pb::SubmitReportResponse, tonic::Status> {
    client
        .submit_report(pb::SubmitReportRequest {
            agency_code: agency.into(),
            reporting_year: year,
            document: Some(pb::Document {
                content,
                media_type: "text/plain".into(),
                file_name: "report.txt".into(),
            }),
            idempotency_key: key.map(Into::into),
        })
        .await
        .map(|r| r.into_inner())
}

/// Poll (never a fixed sleep) until the submission leaves QUEUED.
pub async fn wait_done(
    client: &mut ReportIngestServiceClient<Authed>,
    id: &str,
    limit: Duration,
) -> pb::Submission {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if let Ok(r) = client
            .get_submission(pb::GetSubmissionRequest {
                submission_id: id.into(),
            })
            .await
        {
            let s = r.into_inner().submission.unwrap();
            if s.status != pb::SubmissionStatus::Queued as i32 {
                return s;
            }
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "submission {id} not processed in {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn summary_of(
    client: &mut DistrictSummaryServiceClient<Authed>,
    district: &str,
    year: i32,
) -> fazhi_summary::DistrictSummary {
    let s = client
        .get_district_summary(pb::GetDistrictSummaryRequest {
            district: district.into(),
            year,
            ..Default::default()
        })
        .await
        .expect("GetDistrictSummary")
        .into_inner()
        .summary
        .unwrap();
    serde_json::from_str(&s.summary_json).expect("summary_json is a DistrictSummary")
}

/// How many quantities in the summary's totals come from this submission.
pub fn sources_from(summary: &fazhi_summary::DistrictSummary, submission_id: &str) -> usize {
    summary
        .indicators
        .iter()
        .chain(&summary.other_quantities)
        .flat_map(|t| &t.sources)
        .filter(|src| src.submission_id == submission_id)
        .count()
}

/// Poll a condition with a deadline.
pub async fn eventually<F, Fut>(what: &str, limit: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + limit;
    while !check().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for: {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Delete this test's queues and exchanges from the shared broker (they are
/// durable and uniquely named, so they would pile up run after run).
pub async fn remove_broker_objects(settings: &Settings) {
    use lapin::options::{ExchangeDeleteOptions, QueueDeleteOptions};
    let Some(url) = settings.queue.amqp_url.as_deref() else {
        return;
    };
    let topology = fazhi_queue::topology::Topology::new(&settings.queue.name);
    // Through the proxy of a test that cut it, this may fail: then use the direct URL.
    let direct = rabbit_url().unwrap_or_else(|| url.to_owned());
    let Ok(conn) =
        lapin::Connection::connect(&direct, lapin::ConnectionProperties::default()).await
    else {
        return;
    };
    if let Ok(channel) = conn.create_channel().await {
        for queue in [&topology.queue, &topology.dead_letter_queue] {
            let _ = channel
                .queue_delete(queue.as_str().into(), QueueDeleteOptions::default())
                .await;
        }
        for exchange in [&topology.exchange, &topology.dead_letter_exchange] {
            let _ = channel
                .exchange_delete(exchange.as_str().into(), ExchangeDeleteOptions::default())
                .await;
        }
    }
    let _ = conn.close(200, "test done".into()).await;
}

/// Drop this test's PostgreSQL database (they are uniquely named and would
/// pile up on the shared server run after run).
pub async fn drop_test_database(settings: &Settings) {
    let url = &settings.database.url;
    if !url.starts_with("postgres") {
        return;
    }
    let (Some(admin), Some((_, name))) = (postgres_admin_url(), url.rsplit_once('/')) else {
        return;
    };
    if !name.starts_with("fazhi_t_") {
        return;
    }
    if let Ok(conn) = Database::connect(&admin).await {
        let _ = conn
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
        let _ = conn.close().await;
    }
}

/// Put a message no release can read straight into `queue` (as a corrupted
/// copy would arrive): the worker dead-letters it at once.
pub async fn publish_unreadable(queue: &dyn Queue, message_id: &str) {
    queue
        .publish(&fazhi_queue::OutgoingMessage {
            message_id: message_id.into(),
            payload: b"not a message".to_vec(),
            headers: Default::default(),
        })
        .await
        .expect("publish an unreadable message");
}
