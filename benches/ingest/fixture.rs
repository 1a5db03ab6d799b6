//! What every section uses: the sample as a message, a fresh store, the
//! server started by `Application`, a SubmitReport operation.

use super::*;

pub(crate) fn unique(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4().simple())
}

pub(crate) fn reachable(addr: &str) -> bool {
    addr.parse::<SocketAddr>()
        .ok()
        .is_some_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(1)).is_ok())
}

/// What one submission of the sample looks like on the queue.
pub(crate) fn record(content: &[u8], agency: &str, key: &str) -> SubmissionRecord {
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

pub(crate) fn message(record: &SubmissionRecord) -> OutgoingMessage {
    OutgoingMessage {
        message_id: record.submission_id.clone(),
        payload: fazhi_services::message::payload(record),
        headers: BTreeMap::from([(
            TRACEPARENT.to_owned(),
            fazhi_queue::trace::new_traceparent(),
        )]),
    }
}

pub(crate) fn queue_settings(name: &str, amqp: bool) -> QueueSettings {
    QueueSettings {
        amqp_url: amqp.then(|| AMQP_URL.to_owned()),
        name: name.to_owned(),
        ..QueueSettings::default()
    }
}

/// A fresh SQLite file with the roster loaded.
pub(crate) async fn fresh_store(dir: &Path, name: &str) -> Result<Store, String> {
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

pub(crate) struct Server {
    pub(crate) channel: tonic::transport::Channel,
    /// An administrator's token, issued in the store as `fazhi credentials issue` does.
    pub(crate) token: String,
    app: Application,
}

/// Settings of a bench process: every port free, no `/metrics`, the
/// queue's name as given.
pub(crate) fn settings(queue: QueueSettings, worker: WorkerSettings) -> Settings {
    let mut settings = Settings::default();
    settings.grpc.listen = SocketAddr::from(([127, 0, 0, 1], 0));
    settings.metrics.listen = None;
    // A worker holds at most what it works on (what `validate` asks).
    settings.queue = QueueSettings {
        prefetch: queue
            .prefetch
            .max(u16::try_from(worker.concurrency).unwrap_or(u16::MAX)),
        ..queue
    };
    settings.worker = worker;
    settings
}

/// The gRPC server as `fazhi serve` starts it (`Application`, server role
/// only) on an ephemeral loopback port, and a client channel.
pub(crate) async fn start_server(store: Store, queue: Arc<dyn Queue>) -> Result<Server, String> {
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
    let roles = Roles {
        server: true,
        web: false,
        worker: false,
        metrics: false,
    };
    let settings = settings(QueueSettings::default(), WorkerSettings::default());
    let app = Application::build_with(&settings, roles, Parts { store, queue })
        .await
        .map_err(|e| format!("{e:#}"))?;
    let addr = app.grpc_addr().ok_or("the server has no address")?;
    let channel = tonic::transport::Channel::from_shared(format!("http://{addr}"))
        .map_err(|e| e.to_string())?
        .connect()
        .await
        .map_err(|e| e.to_string())?;
    Ok(Server {
        channel,
        token,
        app,
    })
}

impl Server {
    pub(crate) async fn stop(self) {
        drop(self.channel);
        self.app.stop().await;
    }
}

/// Agency code no roster has: SubmitReport refuses it after one lookup.
pub(crate) const UNKNOWN_AGENCY: &str = "bench-unknown-agency";

/// `SubmitReport` of the sample, a distinct submission per index: agencies
/// in roster order, a fresh idempotency key each time. Succeeds on QUEUED,
/// or on NOT_FOUND for [`UNKNOWN_AGENCY`].
pub(crate) fn submit_op(
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
