//! Cost of one report in the worker's transaction against the district's
//! size, and of the summary render after commit, on SQLite and PostgreSQL;
//! beside it the limit: the same rows written by one plain transaction each.
//!
//! `cargo bench -p fazhi-store --bench district_cost [-- N...]` (default
//! 10 100 300 1000). PostgreSQL at `FAZHI_BENCH_PG_URL` (default the local
//! `postgres` database; a fresh database per size, dropped afterwards).
//! Prints a Markdown table; with `FAZHI_BENCH_DOC=PATH` it rewrites the part
//! of that file between the `district-cost` markers. Plain `fn main`, timed
//! with `Instant`; figures are medians.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use fazhi_core::{ParseOptions, ParsedReport, parse_text};
use fazhi_store::agencies::RosterRow;
use fazhi_store::processing::Outcome;
use fazhi_store::{Store, SubmissionRecord};
use sea_orm::{ConnectionTrait, Database, TransactionTrait};

const DISTRICT: &str = "压测区";
const YEAR: i32 = 2024;

fn texts() -> Vec<(String, ParsedReport)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fazhi-summary/tests/fixtures");
    let mut files: Vec<_> = ["haitang", "qinghe", "yunxi"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("fixtures"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let t = std::fs::read_to_string(f).expect("fixture");
            let p = parse_text(&t, &ParseOptions::default());
            (t, p)
        })
        .collect()
}

fn record(i: usize) -> SubmissionRecord {
    SubmissionRecord {
        submission_id: format!("bench-{i}"),
        agency_code: format!("b{i:05}"),
        district: DISTRICT.into(),
        reporting_year: YEAR,
        file_name: "report.txt".into(),
        media_type: "text/plain".into(),
        content: Vec::new(),
        content_sha256: "x".into(),
        size_bytes: 0,
        idempotency_key: None,
        submitted_at: 1_700_000_000_000 + i as i64,
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

struct Row {
    db: &'static str,
    n: usize,
    first: Duration,
    last: Duration,
    render: Duration,
    raw: Duration,
    mb: f64,
}

async fn fresh_pg(admin: &str) -> Option<(String, String)> {
    let conn = Database::connect(admin).await.ok()?;
    let name = format!("fazhi_bench_{}", uuid::Uuid::new_v4().simple());
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .ok()?;
    conn.close().await.ok();
    let (base, _) = admin.rsplit_once('/')?;
    Some((format!("{base}/{name}"), name))
}

async fn measure(db: &'static str, url: &str, n: usize, texts: &[(String, ParsedReport)]) -> Row {
    let store = Store::connect(url, 5).await.expect("connect");
    let roster: Vec<RosterRow> = (0..n)
        .map(|i| RosterRow {
            code: format!("b{i:05}"),
            name: format!("第{i}单位"),
            kind: fazhi_store::AgencyKind::Department,
            district: DISTRICT.into(),
        })
        .collect();
    store.upsert_agencies(&roster).await.expect("roster");
    let mut costs = Vec::with_capacity(n);
    for i in 0..n {
        let (text, parsed) = &texts[i % texts.len()];
        let outcome = Outcome::Processed {
            text: text.clone(),
            parsed: Box::new(parsed.clone()),
        };
        let t = Instant::now();
        store
            .complete(&record(i), &outcome)
            .await
            .expect("complete");
        costs.push(t.elapsed());
    }
    let tenth = (n / 10).max(1);
    let first = median(costs[..tenth].to_vec());
    let last = median(costs[n - tenth..].to_vec());
    let t = Instant::now();
    let summary = store
        .render_if_stale(DISTRICT, YEAR)
        .await
        .expect("render")
        .expect("rendered");
    let render = t.elapsed();
    let mb = serde_json::to_string(&summary)
        .map(|s| s.len())
        .unwrap_or(0) as f64
        / 1e6;
    // The limit: the same parse row (text, parse, contribution-sized JSON)
    // written by one plain transaction each.
    store
        .db()
        .execute_unprepared(
            "CREATE TABLE bench_raw (id TEXT PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL)",
        )
        .await
        .expect("raw table");
    let mut raw = Vec::new();
    for i in 0..n.min(200) {
        let (text, parsed) = &texts[i % texts.len()];
        let json = serde_json::to_string(parsed).expect("json");
        let t = Instant::now();
        let txn = store.db().begin().await.expect("begin");
        let stmt = sea_orm::Statement::from_sql_and_values(
            store.backend(),
            match store.backend() {
                sea_orm::DbBackend::Postgres => "INSERT INTO bench_raw VALUES ($1, $2, $3)",
                _ => "INSERT INTO bench_raw VALUES (?, ?, ?)",
            },
            [format!("r{i}").into(), text.clone().into(), json.into()],
        );
        txn.execute_raw(stmt).await.expect("raw insert");
        txn.commit().await.expect("commit");
        raw.push(t.elapsed());
    }
    Row {
        db,
        n,
        first,
        last,
        render,
        raw: median(raw),
        mb,
    }
}

#[tokio::main]
async fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10, 100, 300, 1000]
    } else {
        sizes
    };
    let texts = texts();
    let admin = std::env::var("FAZHI_BENCH_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut rows = Vec::new();
    for &n in &sizes {
        let dir =
            std::env::temp_dir().join(format!("fazhi-bench-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = format!("sqlite://{}?mode=rwc", dir.join("b.db").display());
        rows.push(measure("SQLite", &url, n, &texts).await);
        std::fs::remove_dir_all(&dir).ok();
        if let Some((url, name)) = fresh_pg(&admin).await {
            rows.push(measure("PostgreSQL", &url, n, &texts).await);
            if let Ok(conn) = Database::connect(&admin).await {
                conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok();
            }
        } else {
            eprintln!("PostgreSQL not reachable at {admin}: its rows are left out");
        }
    }
    let load_after = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Run {} UTC, {} cores, load average before {} / after {}.\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M"),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
        load_after
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    );
    let _ = writeln!(
        out,
        "| database | reports in district | one report, first tenth, ms | one report, last tenth, ms | limit: plain insert transaction, ms | ratio (limit / last) | render after commit, ms | summary JSON, MB |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.2} | {} | {:.1} |",
            r.db,
            r.n,
            ms(r.first),
            ms(r.last),
            ms(r.raw),
            r.raw.as_secs_f64() / r.last.as_secs_f64().max(1e-9),
            ms(r.render),
            r.mb
        );
    }
    print!("{out}");
    if let Ok(path) = std::env::var("FAZHI_BENCH_DOC") {
        let doc = std::fs::read_to_string(&path).expect("read doc");
        let (begin, end) = ("<!-- district-cost:begin -->", "<!-- district-cost:end -->");
        if let (Some(b), Some(e)) = (doc.find(begin), doc.find(end)) {
            let new = format!("{}{begin}\n{out}{}", &doc[..b], &doc[e..]);
            std::fs::write(&path, new).expect("write doc");
        } else {
            eprintln!("{path} has no {begin} … {end} markers: not rewritten");
        }
    }
}
