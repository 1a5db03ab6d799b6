//! A workbench on port 0 over a fresh SQLite file, the embedded queue and a
//! worker, with three people: the district office and two units.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fazhi_config::Settings;
use fazhi_queue::Queue;
use fazhi_store::{NewCredential, Principal, Role, Store};
use tokio_util::sync::CancellationToken;

pub const DISTRICT: &str = "示例区";
pub const ROSTER: &str = include_str!("../../../../samples/agencies.csv");
pub const PASSWORD: &str = "Fazhi-Test-2024!";
/// The unit whose DOCX fixture the tests upload (`word_001.docx` is its 2023 report).
pub const UNIT_A: (&str, &str) = ("cgzx", "xc-cgzhzx");
/// Another unit of the same district.
pub const UNIT_B: (&str, &str) = ("sjs", "sjs-qzf");
pub const OFFICE: &str = "office";

pub fn repo_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

pub struct App {
    pub url: String,
    pub store: Store,
    pub queue: Arc<dyn Queue>,
    shutdown: CancellationToken,
}

impl Drop for App {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

pub fn settings() -> Settings {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("web-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = Settings::default();
    s.database.url = format!("sqlite://{}?mode=rwc", dir.join("fazhi.db").display());
    s.web.listen = "127.0.0.1:0".parse().unwrap();
    s.queue.poll_interval = std::time::Duration::from_millis(50);
    s.worker.retry_delay = std::time::Duration::from_millis(100);
    s
}

async fn person(store: &Store, login: &str, role: Role, scope: &[&str]) {
    store
        .set_password(
            &NewCredential {
                login: login.into(),
                role,
                scope: scope.iter().map(|s| s.to_string()).collect(),
                expires_at: None,
                created_by: "test".into(),
            },
            PASSWORD,
        )
        .await
        .unwrap();
}

/// The workbench and a worker, started by the binary's own builder
/// (`fazhi::app::Application`, as `fazhi up` does), on port 0.
pub async fn spawn() -> App {
    let s = settings();
    let roles = fazhi::app::Roles {
        server: false,
        web: true,
        worker: true,
        metrics: false,
    };
    let app = fazhi::app::Application::build(&s, roles).await.unwrap();
    let store = app.store().clone();
    let rows = fazhi_store::agencies::parse_roster(ROSTER).unwrap();
    store.upsert_agencies(&rows).await.unwrap();
    person(&store, OFFICE, Role::District, &[DISTRICT]).await;
    person(&store, UNIT_A.0, Role::Unit, &[UNIT_A.1]).await;
    person(&store, UNIT_B.0, Role::Unit, &[UNIT_B.1]).await;
    let url = format!("http://{}", app.web_addr().expect("the workbench listens"));
    App {
        url,
        store,
        queue: app.queue().clone(),
        shutdown: app.shutdown_token(),
    }
}

impl App {
    /// Submit a sample report the way the gRPC edge would, as the office.
    pub async fn submit_as_office(&self, agency: &str, year: i32, file: &str) -> String {
        let content = std::fs::read(repo_file(&format!("samples/reports/{file}"))).unwrap();
        self.submit_bytes_as_office(agency, year, file, content)
            .await
    }

    /// Submit this text (e.g. an edited sample) and wait until processed.
    pub async fn submit_bytes_as_office(
        &self,
        agency: &str,
        year: i32,
        file: &str,
        content: Vec<u8>,
    ) -> String {
        let ingest = fazhi_services::ingest::Ingest::new(
            self.store.clone(),
            self.queue.clone(),
            10 * 1024 * 1024,
        );
        let office = Principal {
            credential_id: "t".into(),
            login: OFFICE.into(),
            role: Role::District,
            scope: vec![DISTRICT.into()],
        };
        let r = ingest
            .submit(
                &office,
                "test".into(),
                fazhi_proto::v1::SubmitReportRequest {
                    agency_code: agency.into(),
                    reporting_year: year,
                    document: Some(fazhi_proto::v1::Document {
                        content,
                        media_type: "text/plain; charset=utf-8".into(),
                        file_name: file.into(),
                    }),
                    idempotency_key: None,
                },
            )
            .await
            .unwrap();
        self.wait_processed(&r.submission_id).await;
        r.submission_id
    }

    pub async fn wait_processed(&self, id: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(row) = self.store.submission(id).await.unwrap()
                && row.status != fazhi_store::SubmissionStatus::Queued
            {
                assert_eq!(
                    row.status,
                    fazhi_store::SubmissionStatus::Processed,
                    "{:?}",
                    row.reject_reason
                );
                return;
            }
            assert!(Instant::now() < deadline, "{id} not processed in time");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
