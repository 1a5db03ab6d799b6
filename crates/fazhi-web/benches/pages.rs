//! Server time per page for a district of 300 units (not a test):
//! `cargo bench -p fazhi-web --bench pages`. Seeds 300 processed reports
//! (the sample texts, parsed by the real parser) through the store's own
//! `complete`, so the district summary, parsed reports and audit trail are
//! the worker's; then prints p50/p95/max over repeated GETs of each main
//! page over loopback with a real signed-in session and a SQLite file.

use std::time::{Duration, Instant};

use fazhi_store::processing::Outcome;
use fazhi_store::record::SubmissionRecord;
use fazhi_store::{NewCredential, Role, Store};
use tokio_util::sync::CancellationToken;

const UNITS: usize = 300;
const RUNS: usize = 100;
const DISTRICT: &str = "基准区";

fn csrf(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + 19;
    Some(html[at..].split('"').next()?.to_owned())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn run() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("fazhi-web-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
    let store = Store::connect(&url, 5).await?;
    let mut csv = String::from("code,name,kind,district\n");
    for i in 0..UNITS {
        csv.push_str(&format!("u{i:03},基准区第{i}单位,department,{DISTRICT}\n"));
    }
    store
        .upsert_agencies(&fazhi_store::agencies::parse_roster(&csv)?)
        .await?;
    let samples: Vec<String> = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/reports"
    ))?
    .filter_map(|e| e.ok())
    .map(|e| e.path())
    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
    .take(20)
    .map(std::fs::read_to_string)
    .collect::<Result<_, _>>()?;
    anyhow::ensure!(!samples.is_empty(), "no sample reports");
    let t = Instant::now();
    let mut first_id = String::new();
    for i in 0..UNITS {
        let text = samples[i % samples.len()].clone();
        let id = format!("00000000-0000-4000-8000-{i:012}");
        let record = SubmissionRecord {
            submission_id: id.clone(),
            agency_code: format!("u{i:03}"),
            district: DISTRICT.into(),
            reporting_year: 2024,
            file_name: "报告.txt".into(),
            media_type: "text/plain".into(),
            content: text.clone().into_bytes(),
            size_bytes: text.len() as u64,
            content_sha256: format!("{i:064}"),
            idempotency_key: None,
            submitted_at: 1_709_000_000_000 + i as i64 * 60_000,
        };
        let parsed = fazhi_core::parse_text(
            &text,
            &fazhi_core::ParseOptions {
                expected_year: Some(2024),
                expected_agency: None,
            },
        );
        store
            .complete(
                &record,
                &Outcome::Processed {
                    text,
                    parsed: Box::new(parsed),
                },
            )
            .await?;
        if i == 0 {
            first_id = id;
        }
    }
    println!(
        "seeded {UNITS} processed reports in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    store
        .set_password(
            &NewCredential {
                login: "office".into(),
                role: Role::District,
                scope: vec![DISTRICT.into()],
                expires_at: None,
                created_by: "bench".into(),
            },
            "bench-password",
        )
        .await?;
    let queue = fazhi_queue::from_settings(
        &fazhi_config::QueueSettings::default(),
        &fazhi_config::WorkerSettings::default(),
        store.db().clone(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let shutdown = CancellationToken::new();
    let state = fazhi_web::AppState::new(store.clone(), queue, 10 << 20, false);
    let token = shutdown.clone();
    tokio::spawn(async move { fazhi_web::serve(listener, state, token).await });

    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let page = client
        .get(format!("{base}/login"))
        .send()
        .await?
        .text()
        .await?;
    let token = csrf(&page).ok_or_else(|| anyhow::anyhow!("no csrf field"))?;
    let r = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf", token.as_str()),
            ("login", "office"),
            ("password", "bench-password"),
        ])
        .send()
        .await?;
    anyhow::ensure!(r.status().is_success(), "sign-in failed: {}", r.status());

    let report = format!("/reports/{first_id}");
    for (path, label) in [
        ("/dashboard?year=2024", "dashboard"),
        (
            "/dashboard?year=2024&state=processed&sort=time",
            "dashboard filtered",
        ),
        ("/dashboard.csv?year=2024", "csv export"),
        ("/dashboard.xlsx?year=2024", "xlsx export"),
        ("/charts?year=2024", "charts"),
        ("/draft?year=2024", "draft"),
        (report.as_str(), "report"),
        ("/audit", "audit"),
        ("/roster", "roster"),
    ] {
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            let r = client.get(format!("{base}{path}")).send().await?;
            anyhow::ensure!(r.status().is_success(), "{path}: {}", r.status());
            let body = r.bytes().await?;
            times.push(t.elapsed());
            anyhow::ensure!(body.len() > 500, "{path}: short page");
        }
        times.sort();
        println!(
            "{label:<20} {UNITS} units, {RUNS} runs: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3,
            times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        );
    }
    shutdown.cancel();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn main() -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(run())
}
