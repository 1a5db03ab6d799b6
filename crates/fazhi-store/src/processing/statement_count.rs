//! The worker's transaction costs a fixed number of statements per report,
//! whatever the district's (and the city's) size: counted with SeaORM's
//! metric callback, one report into a district of 3 and one into a district
//! of 30 (with another district of 30 beside it) run the same statements.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use fazhi_core::{ParseOptions, parse_text};
use sea_orm::{ConnectionTrait, Database};

use crate::agencies::RosterRow;
use crate::processing::{Completion, Outcome};
use crate::{AgencyKind, Store, SubmissionRecord, SubmissionStatus};

const TEXT: &str = "XX区司法局2024年法治政府建设年度报告\n\n一、主要举措\n（一）开展普法宣传活动12场。\n二、存在的不足\n执法队伍专业化水平有待提高。\n三、下一年度工作安排\n继续推进严格规范公正文明执法。\n";

fn record(district: &str, code: &str, n: i64) -> SubmissionRecord {
    SubmissionRecord {
        submission_id: format!("{district}-{code}-{n}"),
        agency_code: code.into(),
        district: district.into(),
        reporting_year: 2024,
        file_name: "report.txt".into(),
        media_type: "text/plain".into(),
        content: Vec::new(),
        content_sha256: "x".into(),
        size_bytes: 0,
        idempotency_key: None,
        submitted_at: 1_700_000_000_000 + n,
    }
}

fn outcome() -> Outcome {
    Outcome::Processed {
        parsed: Box::new(parse_text(TEXT, &ParseOptions::default())),
        text: TEXT.to_owned(),
    }
}

/// Statements run by one more report of a district of `size` reporting
/// units, in a city that also holds another district of `size`.
async fn statements_for_one_more(url: &str, size: usize) -> usize {
    let mut store = Store::connect(url, 2).await.expect("connect");
    let roster: Vec<RosterRow> = ["本区", "邻区"]
        .iter()
        .flat_map(|d| {
            (0..size).map(move |i| RosterRow {
                code: format!("{d}{i:03}"),
                name: format!("{d}第{i}单位"),
                kind: AgencyKind::Department,
                district: (*d).into(),
            })
        })
        .collect();
    store.upsert_agencies(&roster).await.expect("roster");
    for r in &roster {
        let done = store
            .complete(&record(&r.district, &r.code, 0), &outcome())
            .await
            .expect("fill");
        assert_eq!(done, Completion::Stored(SubmissionStatus::Processed));
    }
    let counted = Arc::new(AtomicUsize::new(0));
    let counter = counted.clone();
    store.db_mut().set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    // A second version from the first unit: replaces its piece.
    let done = store
        .complete(&record("本区", "本区000", 1), &outcome())
        .await
        .expect("one more");
    assert_eq!(done, Completion::Stored(SubmissionStatus::Processed));
    counted.load(Ordering::SeqCst)
}

fn sqlite_url() -> String {
    let dir = std::env::temp_dir().join(format!("fazhi-count-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    format!("sqlite://{}?mode=rwc", dir.join("fazhi.db").display())
}

/// A fresh PostgreSQL database, `None` (skipped) outside CI when none runs.
async fn postgres_url() -> Option<String> {
    let admin = std::env::var("FAZHI_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let conn = match Database::connect(&admin).await {
        Ok(c) => c,
        Err(e) if std::env::var("CI").is_err() => {
            eprintln!("SKIP: PostgreSQL not reachable at {admin}: {e}");
            return None;
        }
        Err(e) => panic!("PostgreSQL not reachable at {admin}: {e}"),
    };
    let name = format!("fazhi_count_{}", uuid::Uuid::new_v4().simple());
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create database");
    let (base, _) = admin.rsplit_once('/')?;
    Some(format!("{base}/{name}"))
}

#[tokio::test]
async fn one_report_costs_the_same_statements_in_a_small_and_a_large_district_on_sqlite() {
    let (small, large) = (
        statements_for_one_more(&sqlite_url(), 3).await,
        statements_for_one_more(&sqlite_url(), 30).await,
    );
    eprintln!("SQLite: {small} statements per report");
    assert_eq!(small, large);
}

#[tokio::test]
async fn one_report_costs_the_same_statements_in_a_small_and_a_large_district_on_postgres() {
    let (Some(a), Some(b)) = (postgres_url().await, postgres_url().await) else {
        return;
    };
    let (small, large) = (
        statements_for_one_more(&a, 3).await,
        statements_for_one_more(&b, 30).await,
    );
    eprintln!("PostgreSQL: {small} statements per report");
    assert_eq!(small, large);
}
