//! What every section uses: synthetic reports and rosters, a fresh system
//! (database + queue, dropped at the end), the server and workers started
//! by `Application`, a SubmitReport operation.

use super::*;

pub(crate) fn unique(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4().simple())
}

pub(crate) fn reachable(addr: &str) -> bool {
    addr.parse::<SocketAddr>()
        .ok()
        .is_some_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(1)).is_ok())
}

/// A submission as the service puts it on the queue (the file kept apart).
pub(crate) fn record(content: &[u8], agency: &str, year: i32) -> SubmissionRecord {
    SubmissionRecord {
        submission_id: uuid::Uuid::new_v4().to_string(),
        agency_code: agency.to_owned(),
        district: DISTRICT.to_owned(),
        reporting_year: year,
        file_name: "report.txt".to_owned(),
        media_type: "text/plain".to_owned(),
        content: Vec::new(),
        content_sha256: hex::encode(sha2::Sha256::digest(content)),
        size_bytes: content.len() as u64,
        idempotency_key: Some(uuid::Uuid::new_v4().to_string()),
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

/// A sample report, the year it reports on and the unit it names.
pub(crate) struct Seed {
    pub(crate) text: String,
    year: i32,
    agency: Option<String>,
}

/// The sample reports, as the parser reads their year and unit.
pub(crate) fn seeds() -> Result<Vec<Seed>, String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/reports");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let parsed = fazhi_core::parse_text(&text, &fazhi_core::ParseOptions::default());
        out.push(Seed {
            year: parsed.year.unwrap_or(YEAR),
            agency: parsed.agency,
            text,
        });
    }
    if out.is_empty() {
        return Err(format!("no sample reports in {}", dir.display()));
    }
    Ok(out)
}

/// `123` as `一二三`: no digits in names (a digit in the draft's prose
/// must be a derived number).
fn chinese_digits(n: usize) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    n.to_string()
        .bytes()
        .map(|b| D[usize::from(b - b'0')])
        .collect()
}

/// The roster name of synthetic unit `i`: the unit its sample names (so
/// the report is not held as filed for another unit) and its own number.
pub(crate) fn unit_name(seeds: &[Seed], i: usize) -> String {
    let named = seeds[i % seeds.len()].agency.as_deref().unwrap_or("");
    format!("{named}压测第{}局", chinese_digits(i + 1))
}

/// `text` with every year moved by `shift` and every other number raised by
/// `salt % 9`, so copies differ in their figures and report on another year.
pub(crate) fn vary(text: &str, salt: usize, shift: i32) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let year = run.len() == 4 && (run.starts_with("19") || run.starts_with("20"));
        match run.parse::<i64>() {
            Ok(v) if year => out.push_str(&(v + i64::from(shift)).to_string()),
            Ok(v) => out.push_str(&(v + (salt % 9) as i64).to_string()),
            Err(_) => out.push_str(run),
        }
        run.clear();
    };
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            run.push(ch);
        } else {
            flush(&mut run, &mut out);
            out.push(ch);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The report of synthetic unit `unit` (the sample [`unit_name`] follows)
/// about `year`, numbers varied by `variant`, about `size` bytes (repeated
/// or cut at a character boundary; 0 keeps the sample's length).
pub(crate) fn report(
    seeds: &[Seed],
    unit: usize,
    variant: usize,
    year: i32,
    size: usize,
) -> Vec<u8> {
    let seed = &seeds[unit % seeds.len()];
    let text = vary(&seed.text, variant, year - seed.year);
    let text = if size == 0 {
        text
    } else {
        fazhi_core::adversarial::repeat_to(&text, size)
    };
    text.into_bytes()
}

/// `units` synthetic units spread over `districts` districts.
pub(crate) fn roster(
    seeds: &[Seed],
    prefix: &str,
    units: usize,
    districts: usize,
) -> Vec<RosterRow> {
    (0..units)
        .map(|i| RosterRow {
            code: format!("{prefix}{i:05}"),
            name: unit_name(seeds, i),
            kind: fazhi_store::AgencyKind::Department,
            district: district_name(prefix, i % districts.max(1)),
        })
        .collect()
}

pub(crate) fn district_name(prefix: &str, d: usize) -> String {
    format!("压测{prefix}{d:02}区")
}

/// Which system a figure is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum System {
    /// As deployed: RabbitMQ and PostgreSQL over TLS (`sslmode=require`).
    RabbitPostgres,
    /// The defaults: SQLite file and the embedded queue in it.
    Embedded,
}

impl System {
    pub(crate) fn label(self) -> &'static str {
        match self {
            System::RabbitPostgres => "RabbitMQ + PostgreSQL (TLS)",
            System::Embedded => "SQLite + embedded queue",
        }
    }
}

/// Settings of a bench process: every port free, no `/metrics`, no logs.
pub(crate) fn settings(database: String, queue: QueueSettings) -> Settings {
    let mut settings = Settings::default();
    settings.grpc.listen = SocketAddr::from(([127, 0, 0, 1], 0));
    settings.metrics.listen = None;
    settings.database.url = database;
    settings.queue = queue;
    settings
}

/// Settings of a fresh system: a new PostgreSQL database or SQLite file, a
/// new queue name; both are removed by [`Ctx::cleanup`].
pub(crate) async fn fresh(ctx: &Ctx, system: System) -> Result<Settings, String> {
    let name = unique("fazhi_bench_");
    let queue = QueueSettings {
        name: name.replace('_', "."),
        amqp_url: (system == System::RabbitPostgres).then(|| AMQP_URL.to_owned()),
        ..QueueSettings::default()
    };
    let url = match system {
        System::Embedded => format!("sqlite://{}?mode=rwc", ctx.dir.join(&name).display()),
        System::RabbitPostgres => {
            let admin = ctx.pg_admin.as_deref().ok_or("no PostgreSQL")?;
            let conn = sea_orm::Database::connect(admin)
                .await
                .map_err(|e| format!("PostgreSQL: {e}"))?;
            conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .map_err(|e| format!("create database: {e}"))?;
            conn.close().await.ok();
            lock(&ctx.created_dbs).push(name.clone());
            let (base, _) = admin.rsplit_once('/').ok_or("bad PostgreSQL URL")?;
            // TLS as deployed: the server has ssl=on; require it.
            format!("{base}/{name}?sslmode=require")
        }
    };
    if queue.amqp_url.is_some() {
        lock(&ctx.created_topologies).push(Topology::new(&queue.name));
    }
    let mut settings = settings(url, queue);
    // Nothing of the bench's lands in the user's data folder.
    settings.data_dir = Some(ctx.dir.clone());
    Ok(settings)
}

pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub(crate) async fn parts(settings: &Settings) -> Result<Parts, String> {
    fazhi::app::connect(settings)
        .await
        .map_err(|e| format!("{e:#}"))
}

/// `count` worker processes as `fazhi worker` starts them (own pool, own
/// queue connection each), running until stopped.
pub(crate) async fn start_workers(
    settings: &Settings,
    count: usize,
) -> Result<Vec<Application>, String> {
    let mut apps = Vec::with_capacity(count);
    for _ in 0..count {
        let parts = parts(settings).await?;
        apps.push(
            Application::build_with(settings, Roles::WORKER, parts)
                .await
                .map_err(|e| format!("{e:#}"))?,
        );
    }
    Ok(apps)
}

pub(crate) async fn stop_all(apps: Vec<Application>) {
    for app in apps {
        app.stop().await;
    }
}

pub(crate) struct Server {
    pub(crate) channel: tonic::transport::Channel,
    /// An administrator's token, issued in the store as `fazhi credentials issue` does.
    pub(crate) token: String,
    app: Application,
}

/// The gRPC server as `fazhi serve` starts it (`Application`, server role
/// only) on an ephemeral loopback port, and a client channel.
pub(crate) async fn start_server(settings: &Settings) -> Result<Server, String> {
    let parts = parts(settings).await?;
    let token = parts
        .store
        .issue_token(&fazhi_store::NewCredential {
            login: unique("bench-"),
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
    let app = Application::build_with(settings, roles, parts)
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

    fn bearer(&self) -> tonic::metadata::MetadataValue<tonic::metadata::Ascii> {
        format!("Bearer {}", self.token)
            .parse()
            .unwrap_or_else(|_| unreachable!("hex token"))
    }

    pub(crate) fn summaries(
        &self,
    ) -> DistrictSummaryServiceClient<
        tonic::service::interceptor::InterceptedService<
            tonic::transport::Channel,
            impl tonic::service::Interceptor + Clone,
        >,
    > {
        let bearer = self.bearer();
        DistrictSummaryServiceClient::with_interceptor(
            self.channel.clone(),
            move |mut r: tonic::Request<()>| {
                r.metadata_mut().insert("authorization", bearer.clone());
                Ok(r)
            },
        )
    }
}

/// One SubmitReport to make: which unit, which year, which document.
pub(crate) struct Submit {
    pub(crate) agency: String,
    pub(crate) year: i32,
    pub(crate) doc: Arc<Vec<u8>>,
}

/// One report of `YEAR` for each unit, the `i`-th made from the seeds with
/// variant `i`.
pub(crate) fn one_each(seeds: &[Seed], units: &[RosterRow]) -> Arc<Vec<Submit>> {
    Arc::new(
        units
            .iter()
            .enumerate()
            .map(|(i, u)| Submit {
                agency: u.code.clone(),
                year: YEAR,
                doc: Arc::new(report(seeds, i, i, YEAR, 0)),
            })
            .collect(),
    )
}

/// Agency code no roster has: SubmitReport refuses it after one lookup.
pub(crate) const UNKNOWN_AGENCY: &str = "bench-unknown-agency";

/// `SubmitReport` of `jobs[i % len]`, a fresh idempotency key each time.
/// Succeeds on QUEUED, or on NOT_FOUND for [`UNKNOWN_AGENCY`].
pub(crate) fn submit_op(
    server: &Server,
    jobs: Arc<Vec<Submit>>,
) -> impl Fn(usize) -> futures::future::BoxFuture<'static, Result<(), String>> + Send + Sync + 'static
{
    let bearer = server.bearer();
    let client = ReportIngestServiceClient::with_interceptor(
        server.channel.clone(),
        move |mut r: tonic::Request<()>| {
            r.metadata_mut().insert("authorization", bearer.clone());
            Ok(r)
        },
    );
    move |i| {
        let mut client = client.clone();
        let job = &jobs[i % jobs.len()];
        let request = pb::SubmitReportRequest {
            agency_code: job.agency.clone(),
            reporting_year: job.year,
            document: Some(pb::Document {
                content: job.doc.as_ref().clone(),
                media_type: "text/plain".into(),
                file_name: "report.txt".into(),
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

/// Poll `left` every `every` until it reads 0; gives up when it has not
/// changed for `stall` (a dead worker), saying how many were left.
pub(crate) async fn wait_drained<F, Fut>(
    stall: Duration,
    every: Duration,
    left: F,
) -> Result<Duration, String>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Option<u64>>,
{
    let start = Instant::now();
    let mut last = (u64::MAX, Instant::now());
    loop {
        match left().await {
            Some(0) => return Ok(start.elapsed()),
            Some(n) if n != last.0 => last = (n, Instant::now()),
            _ => {}
        }
        if last.1.elapsed() > stall {
            return Err(format!("no progress for {stall:?}, {} left", last.0));
        }
        tokio::time::sleep(every).await;
    }
}

/// Longest a drain may go without progress before its row is given up.
pub(crate) const STALL: Duration = Duration::from_secs(60);

/// How many submissions are in `status` (`None` when the count fails).
pub(crate) async fn count(store: &Store, status: SubmissionStatus) -> Option<u64> {
    store.count_by_status(status).await.ok()
}
