//! Server time per dashboard page for a district of 300 units (not a test):
//! `cargo bench -p fazhi-web --bench dashboard`. Prints p50/p95/max over
//! repeated GETs of `/dashboard` (and the CSV export) over loopback, with a
//! real signed-in session, SQLite file store, 300 roster units and 250
//! submissions in mixed states.

use std::time::{Duration, Instant};

use fazhi_store::entity::submission;
use fazhi_store::{NewCredential, Role, Store};
use sea_orm::{ActiveValue::Set, EntityTrait};
use tokio_util::sync::CancellationToken;

const UNITS: usize = 300;
const SUBMITTED: usize = 250;
const RUNS: usize = 200;
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
    use fazhi_store::SubmissionStatus::{Processed, Queued, Rejected, Withdrawn};
    let statuses = [Processed, Processed, Queued, Rejected, Withdrawn];
    let rows: Vec<submission::ActiveModel> = (0..SUBMITTED)
        .map(|i| submission::ActiveModel {
            id: Set(format!("00000000-0000-4000-8000-{i:012}")),
            agency_code: Set(format!("u{:03}", i % UNITS)),
            district: Set(DISTRICT.into()),
            reporting_year: Set(2024),
            status: Set(statuses[i % statuses.len()]),
            reject_reason: Set(None),
            file_name: Set("报告.docx".into()),
            media_type: Set("text/plain".into()),
            // A realistic document size: the dashboard must not read it.
            content: Set(vec![b'x'; 40_000]),
            content_sha256: Set(format!("{i:064}")),
            idempotency_key: Set(None),
            submitted_at: Set(1_709_000_000_000 + i as i64 * 60_000),
            processed_at: Set(None),
            size_bytes: Set(40_000),
        })
        .collect();
    submission::Entity::insert_many(rows)
        .exec(store.db())
        .await?;
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

    for (path, label) in [
        ("/dashboard?year=2024", "dashboard"),
        (
            "/dashboard?year=2024&state=missing&sort=time",
            "dashboard filtered",
        ),
        ("/dashboard.csv?year=2024", "csv export"),
    ] {
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            let r = client.get(format!("{base}{path}")).send().await?;
            anyhow::ensure!(r.status().is_success(), "{path}: {}", r.status());
            let body = r.bytes().await?;
            times.push(t.elapsed());
            anyhow::ensure!(body.len() > 1000, "{path}: short page");
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
