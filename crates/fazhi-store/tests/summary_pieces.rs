//! The incremental summary (one piece per agency, rendered after commit)
//! against a rebuild from scratch, on SQLite and PostgreSQL: after a random
//! run of processed, rejected, replaced and withdrawn reports, the summary a
//! reader gets is byte for byte `assemble` over the stored contributions of
//! each agency's latest processed report, and what the repair path stores.

use std::collections::BTreeMap;
use std::path::Path;

use fazhi_core::{ParseOptions, parse_text};
use fazhi_store::agencies::RosterRow;
use fazhi_store::processing::{Completion, Outcome};
use fazhi_store::{Store, SubmissionRecord, SubmissionStatus};
use fazhi_summary::{Agency, DistrictAggregate, DistrictSummary, ReportContribution, assemble};
use sea_orm::{ConnectionTrait, Database};

const DISTRICT: &str = "测试区";
const YEAR: i32 = 2024;
/// Agencies 0..ROSTERED belong to the district; the last one to another.
const AGENCIES: usize = 7;
const ROSTERED: usize = 6;

fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fazhi-summary/tests/fixtures");
    let mut files: Vec<_> = ["haitang", "qinghe"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("fixtures"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("fixture"))
        .collect()
}

fn code(a: usize) -> String {
    format!("u{a:02}")
}

fn roster_rows() -> Vec<RosterRow> {
    (0..AGENCIES)
        .map(|a| RosterRow {
            code: code(a),
            name: format!("第{a}局"),
            kind: if a == 0 {
                fazhi_store::AgencyKind::DistrictGovernment
            } else {
                fazhi_store::AgencyKind::Department
            },
            district: if a < ROSTERED { DISTRICT } else { "别区" }.into(),
        })
        .collect()
}

/// Deterministic pseudo-random numbers (no dependency, reproducible seeds).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

async fn postgres_url() -> Option<String> {
    let admin = std::env::var("FAZHI_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let conn = match Database::connect(&admin).await {
        Ok(c) => c,
        Err(e) if !in_ci() => {
            eprintln!("SKIP: PostgreSQL not reachable at {admin}: {e}");
            return None;
        }
        Err(e) => panic!("PostgreSQL not reachable at {admin} and CI=true: {e}"),
    };
    let name = format!("fazhi_pieces_{}", uuid::Uuid::new_v4().simple());
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    conn.close().await.ok();
    let (base, _) = admin.rsplit_once('/').expect("database URL");
    Some(format!("{base}/{name}"))
}

fn sqlite_url() -> String {
    let dir = std::env::temp_dir().join(format!("fazhi-pieces-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    format!("sqlite://{}?mode=rwc", dir.join("fazhi.db").display())
}

fn record(id: &str, a: usize, at: i64) -> SubmissionRecord {
    SubmissionRecord {
        submission_id: id.into(),
        agency_code: code(a),
        // Where the unit's service said it belongs; the roster decides.
        district: DISTRICT.into(),
        reporting_year: YEAR,
        file_name: "report.txt".into(),
        media_type: "text/plain".into(),
        content: Vec::new(),
        content_sha256: "x".into(),
        size_bytes: 0,
        idempotency_key: None,
        submitted_at: at,
    }
}

/// `assemble` over what the store holds for each agency's latest processed
/// report (by our own account of the run), ordered by agency code.
/// The summary `assemble` gives from the stored contributions, with the
/// season's figures and plan review the store read (computed afresh from the
/// database on every render, not kept incrementally) drafted in.
async fn from_scratch(
    store: &Store,
    counting: &BTreeMap<usize, String>,
    read: &DistrictSummary,
) -> String {
    let roster: Vec<Agency> = roster_rows()
        .iter()
        .filter(|r| r.district == DISTRICT)
        .map(|r| Agency {
            code: r.code.clone(),
            name: r.name.clone(),
            kind: Some(r.kind.into()),
        })
        .collect();
    let mut cs: Vec<ReportContribution> = Vec::new();
    for (a, id) in counting {
        if *a >= ROSTERED {
            continue;
        }
        let row = store
            .parsed_report(id)
            .await
            .unwrap()
            .expect("parse stored");
        let json = row.contribution.expect("contribution stored");
        cs.push(serde_json::from_str(&json).expect("contribution"));
    }
    let assembled = assemble(DISTRICT, YEAR, &roster, &cs);
    // `assemble` is the aggregate's reference (fazhi-summary's tests); the
    // season and the plans are inputs of the draft, given the same way.
    let mut aggregate = DistrictAggregate::from_contributions(DISTRICT, YEAR, &roster, &cs);
    aggregate.set_season(read.season.clone());
    aggregate.set_plan_delivery(read.plan_delivery.clone());
    let drafted = aggregate.summary();
    assert_eq!(
        DistrictSummary {
            season: None,
            plan_delivery: None,
            draft: Vec::new(),
            draft_markdown: String::new(),
            citations: Vec::new(),
            notes: Vec::new(),
            verification: Default::default(),
            ..drafted.clone()
        },
        DistrictSummary {
            draft: Vec::new(),
            draft_markdown: String::new(),
            citations: Vec::new(),
            notes: Vec::new(),
            verification: Default::default(),
            ..assembled
        },
        "everything but the draft is assemble's"
    );
    serde_json::to_string(&drafted).unwrap()
}

/// Where two JSON texts part, with a little context (they are large).
fn first_difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let near = |s: &str| {
        s.chars()
            .skip(at.saturating_sub(80))
            .take(200)
            .collect::<String>()
    };
    format!("at char {at}:\n  {}\n  {}", near(a), near(b))
}

/// The summary a reader gets, as JSON, checked against [`from_scratch`].
async fn read_as_scratch(store: &Store, counting: &BTreeMap<usize, String>, when: &str) -> String {
    let read = store
        .district_summary(DISTRICT, YEAR)
        .await
        .unwrap()
        .unwrap();
    let scratch = from_scratch(store, counting, &read).await;
    let read = serde_json::to_string(&read).unwrap();
    assert!(
        read == scratch,
        "{when}: incremental differs from scratch\n{}",
        first_difference(&read, &scratch)
    );
    read
}

async fn run(url: &str, seed: u64) {
    let store = Store::connect(url, 2).await.expect("connect");
    store.upsert_agencies(&roster_rows()).await.unwrap();
    let texts = texts();
    let mut rng = Lcg(seed);
    // agency → its processed submissions in order (latest last).
    let mut processed: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for step in 0..36 {
        let a = rng.below(AGENCIES);
        let id = format!("s{seed}-{step}");
        let at = 1_700_000_000_000 + step as i64 * 1_000;
        match rng.below(6) {
            0 => {
                // Withdraw one of the agency's processed reports, if any.
                if let Some(ids) = processed.get_mut(&a).filter(|v| !v.is_empty()) {
                    let gone = ids.remove(rng.below(ids.len()));
                    store
                        .withdraw(&gone, "撤回重报")
                        .await
                        .unwrap()
                        .expect("found");
                }
            }
            1 => {
                let outcome = Outcome::Rejected {
                    reason: "不是报告".into(),
                };
                let done = store.complete(&record(&id, a, at), &outcome).await.unwrap();
                assert_eq!(done, Completion::Stored(SubmissionStatus::Rejected));
            }
            _ => {
                let text = &texts[rng.below(texts.len())];
                let outcome = Outcome::Processed {
                    text: text.clone(),
                    parsed: Box::new(parse_text(text, &ParseOptions::default())),
                };
                let r = record(&id, a, at);
                let done = store.complete(&r, &outcome).await.unwrap();
                assert_eq!(done, Completion::Stored(SubmissionStatus::Processed));
                // A redelivery changes nothing.
                let again = store.complete(&r, &outcome).await.unwrap();
                assert_eq!(again, Completion::Duplicate);
                processed.entry(a).or_default().push(id.clone());
            }
        }
        // Sometimes the worker renders after commit, sometimes only a
        // reader finds the summary behind.
        if rng.below(3) == 0 {
            store.render_if_stale(DISTRICT, YEAR).await.unwrap();
        }
        if step % 12 == 11 {
            let counting: BTreeMap<usize, String> = processed
                .iter()
                .filter_map(|(a, ids)| ids.last().map(|id| (*a, id.clone())))
                .collect();
            let read =
                read_as_scratch(&store, &counting, &format!("seed {seed} step {step}")).await;
            // The repair path stores the same bytes, and a reader gets them.
            let rebuilt =
                serde_json::to_string(&store.rebuild(DISTRICT, YEAR).await.unwrap()).unwrap();
            assert!(
                rebuilt == read,
                "seed {seed} step {step}: repair differs\n{}",
                first_difference(&rebuilt, &read)
            );
            let again = store
                .district_summary(DISTRICT, YEAR)
                .await
                .unwrap()
                .unwrap();
            assert!(
                serde_json::to_string(&again).unwrap() == read,
                "seed {seed} step {step}: re-read differs"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_summary_equals_a_rebuild_from_scratch_on_sqlite() {
    for seed in [1, 7, 42] {
        run(&sqlite_url(), seed).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_summary_equals_a_rebuild_from_scratch_on_postgres() {
    for seed in [1, 7, 42] {
        let Some(url) = postgres_url().await else {
            return;
        };
        run(&url, seed).await;
    }
}

/// Workers completing reports of several agencies at once (PostgreSQL: side
/// by side under the shared district lock; two versions of one agency wait
/// for each other), with renders running meanwhile: afterwards the summary
/// counts each agency's latest report, as a rebuild from scratch does.
async fn run_concurrently(url: &str) {
    let store = Store::connect(url, 4).await.expect("connect");
    store.upsert_agencies(&roster_rows()).await.unwrap();
    let texts = texts();
    let reports: Vec<(SubmissionRecord, Outcome)> = (0..24)
        .map(|i| {
            let text = &texts[i % texts.len()];
            let outcome = Outcome::Processed {
                text: text.clone(),
                parsed: Box::new(parse_text(text, &ParseOptions::default())),
            };
            let r = record(
                &format!("c-{i}"),
                i % ROSTERED,
                1_700_000_000_000 + i as i64,
            );
            (r, outcome)
        })
        .collect();
    // The first one builds the district's pieces (the exclusive path).
    let (first, outcome) = &reports[0];
    store.complete(first, outcome).await.unwrap();
    let mut tasks = Vec::new();
    for (r, outcome) in reports.iter().skip(1) {
        let (store, r, outcome) = (store.clone(), r.clone(), outcome.clone());
        tasks.push(tokio::spawn(async move {
            let done = store.complete(&r, &outcome).await.unwrap();
            assert_eq!(done, Completion::Stored(SubmissionStatus::Processed));
            store.render_if_stale(DISTRICT, YEAR).await.unwrap();
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let counting: BTreeMap<usize, String> = reports
        .iter()
        .map(|(r, _)| {
            (
                r.agency_code[1..].parse::<usize>().unwrap(),
                r.submission_id.clone(),
            )
        })
        .collect();
    let read = read_as_scratch(&store, &counting, "concurrent completes").await;
    let rebuilt = serde_json::to_string(&store.rebuild(DISTRICT, YEAR).await.unwrap()).unwrap();
    assert!(rebuilt == read, "concurrent completes: repair differs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_workers_count_every_agency_once_on_sqlite() {
    run_concurrently(&sqlite_url()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_workers_count_every_agency_once_on_postgres() {
    let Some(url) = postgres_url().await else {
        return;
    };
    run_concurrently(&url).await;
}
