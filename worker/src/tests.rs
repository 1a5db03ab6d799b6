//! The worker's decisions on real SQLite stores and a recording queue.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use fazhi_queue::{Deliveries, OutgoingMessage, QueueError, Settle};
use fazhi_store::SubmissionStatus;
use fazhi_store::entity::{parsed_report, submission, summary_state};
use sea_orm::{ActiveValue::Set, ConnectionTrait, Database, EntityTrait};

use super::*;

const REPORT: &[u8] = include_bytes!("../../samples/reports/002_8688029d397398e8.txt");

/// How each delivery was settled, in order.
#[derive(Clone, Default)]
struct Settled(Arc<Mutex<Vec<String>>>);

impl Settled {
    fn all(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
    fn push(&self, what: String) {
        self.0.lock().unwrap().push(what);
    }
}

struct Recorder(Settled);

#[async_trait]
impl Settle for Recorder {
    async fn ack(&self) -> Result<(), QueueError> {
        self.0.push("ack".into());
        Ok(())
    }
    async fn retry(&self) -> Result<(), QueueError> {
        self.0.push("retry".into());
        Ok(())
    }
    async fn release(&self, _: &OutgoingMessage) -> Result<(), QueueError> {
        self.0.push("release".into());
        Ok(())
    }
    async fn dead_letter(&self, _: &OutgoingMessage, reason: &str) -> Result<(), QueueError> {
        self.0.push(format!("dead: {reason}"));
        Ok(())
    }
}

/// The worker only settles deliveries in these tests; nothing is consumed.
struct NoQueue;

#[async_trait]
impl Queue for NoQueue {
    async fn publish(&self, _: &OutgoingMessage) -> Result<(), QueueError> {
        Ok(())
    }
    async fn subscribe(&self) -> Result<Deliveries, QueueError> {
        Err(QueueError::Unavailable("not in this test".into()))
    }
    async fn dead_letters(&self) -> Result<Vec<OutgoingMessage>, QueueError> {
        Ok(Vec::new())
    }
    async fn replay(&self, _: Option<&[String]>) -> Result<Vec<String>, QueueError> {
        Ok(Vec::new())
    }
    async fn depth(&self) -> Result<u64, QueueError> {
        Ok(0)
    }
    async fn ready(&self) -> bool {
        true
    }
}

fn sqlite_url() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "fazhi-worker-{}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst),
        fazhi_store::now_ms()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    format!("sqlite://{}?mode=rwc", dir.join("w.db").display())
}

struct Setup {
    url: String,
    store: Store,
    worker: Worker,
}

async fn setup(settings: WorkerSettings) -> Setup {
    let url = sqlite_url();
    let store = Store::connect(&url, 1).await.unwrap();
    // Summaries count only agencies on the district's roster.
    let roster: Vec<fazhi_store::agencies::RosterRow> = ["a-1", "a-2"]
        .iter()
        .map(|code| fazhi_store::agencies::RosterRow {
            code: (*code).into(),
            // The name the report's own title gives (西营门街): a report
            // naming another unit is held out of the totals.
            name: format!("西营门街道办事处{code}"),
            kind: fazhi_store::AgencyKind::Street,
            district: "测试区".into(),
        })
        .collect();
    store.upsert_agencies(&roster).await.unwrap();
    let worker = Worker::new(store.clone(), Arc::new(NoQueue), settings, 3);
    Setup { url, store, worker }
}

fn record(id: &str, agency: &str) -> SubmissionRecord {
    SubmissionRecord {
        submission_id: id.into(),
        agency_code: agency.into(),
        district: "测试区".into(),
        reporting_year: 2022,
        file_name: "report.txt".into(),
        media_type: "text/plain".into(),
        content: REPORT.to_vec(),
        content_sha256: "x".into(),
        size_bytes: 0,
        idempotency_key: None,
        submitted_at: 1_650_000_000_000,
    }
}

/// The body the service publishes for `r` (the service's encoder; the
/// worker does not depend on the service).
fn payload(r: &SubmissionRecord) -> Vec<u8> {
    use fazhi_queue::message::{Message, SubmissionV1};
    let r = r.clone();
    Message::from(SubmissionV1 {
        submission_id: r.submission_id,
        agency_code: r.agency_code,
        district: r.district,
        reporting_year: r.reporting_year,
        file_name: r.file_name,
        media_type: r.media_type,
        content: r.content,
        size_bytes: r.size_bytes,
        content_sha256: r.content_sha256,
        idempotency_key: r.idempotency_key,
        submitted_at: r.submitted_at,
    })
    .encode()
}

fn delivery(id: &str, payload: Vec<u8>, attempt: u32, settled: &Settled) -> Delivery {
    Delivery::new(
        id.into(),
        payload,
        BTreeMap::new(),
        attempt,
        Box::new(Recorder(settled.clone())),
    )
}

async fn status_of(store: &Store, id: &str) -> (String, Option<String>) {
    let row = store.submission(id).await.unwrap().expect("submission row");
    (row.status.to_string(), row.reject_reason)
}

#[tokio::test]
async fn a_malformed_message_is_dead_lettered_at_once() {
    let s = setup(WorkerSettings::default()).await;
    let settled = Settled::default();
    let d = delivery("m-1", b"{not json".to_vec(), 1, &settled);
    s.worker.handle(d, &CancellationToken::new()).await;
    let all = settled.all();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(
        all[0].starts_with("dead: not a submission message"),
        "{all:?}"
    );
}

#[tokio::test]
async fn a_corrupt_stored_record_is_not_retried_and_the_clerk_sees_failed() {
    let s = setup(WorkerSettings::default()).await;
    // Another report of the district whose stored parse is damaged and has
    // no contribution: the summary rebuild must read it and cannot.
    let broken = record("s-broken", "a-1");
    s.store.record_queued(&broken).await.unwrap();
    let mut row: submission::ActiveModel = s
        .store
        .submission("s-broken")
        .await
        .unwrap()
        .unwrap()
        .into();
    row.status = Set(SubmissionStatus::Processed);
    sea_orm::ActiveModelTrait::update(row, s.store.db())
        .await
        .unwrap();
    parsed_report::Entity::insert(parsed_report::ActiveModel {
        submission_id: Set("s-broken".into()),
        agency_code: Set("a-1".into()),
        district: Set("测试区".into()),
        reporting_year: Set(2022),
        text: Set("x".into()),
        parsed: Set("{damaged".into()),
        created_at: Set(0),
        contribution: Set(None),
        ..Default::default()
    })
    .exec_without_returning(s.store.db())
    .await
    .unwrap();

    let settled = Settled::default();
    let r = record("s-new", "a-2");
    s.worker
        .handle(
            delivery("s-new", payload(&r), 1, &settled),
            &CancellationToken::new(),
        )
        .await;
    let all = settled.all();
    assert_eq!(all.len(), 1, "settled once, not retried: {all:?}");
    assert!(all[0].contains("Corrupt"), "{all:?}");
    let (status, reason) = status_of(&s.store, "s-new").await;
    assert_eq!(status, "failed");
    assert_eq!(reason.as_deref(), Some(failures::CORRUPT));
}

#[tokio::test]
async fn an_outage_is_waited_out_then_processed_without_a_retry() {
    let settings = WorkerSettings {
        retry_delay: Duration::from_millis(100),
        transaction_timeout: Duration::from_millis(300),
        ..WorkerSettings::default()
    };
    let s = setup(settings).await;
    // Another connection holds the write lock: the worker's transaction
    // cannot start (an unresponsive database, from the worker's side).
    let blocker = Database::connect(&s.url).await.unwrap();
    blocker.execute_unprepared("BEGIN EXCLUSIVE").await.unwrap();
    let settled = Settled::default();
    let r = record("s-out", "a-1");
    let started = Instant::now();
    let handling = {
        let worker = s.worker.clone();
        let d = delivery("s-out", payload(&r), 7, &settled);
        tokio::spawn(async move { worker.handle(d, &CancellationToken::new()).await })
    };
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert!(settled.all().is_empty(), "held while the database is out");
    blocker.execute_unprepared("COMMIT").await.unwrap();
    handling.await.unwrap();
    assert_eq!(
        settled.all(),
        ["ack"],
        "attempt 7 of 3 and still not dead-lettered"
    );
    assert!(started.elapsed() >= Duration::from_millis(1_500));
    let (status, _) = status_of(&s.store, "s-out").await;
    assert_eq!(status, "processed");
}

#[tokio::test]
async fn an_unknown_failure_frees_the_slot_at_once_and_gives_up_at_max_attempts() {
    // The old worker slept this long in its slot before handing it back.
    let settings = WorkerSettings {
        retry_delay: Duration::from_secs(30),
        ..WorkerSettings::default()
    };
    let s = setup(settings).await;
    // A missing table: neither the message's fault nor an outage.
    s.store
        .db()
        .execute_unprepared("DROP TABLE parsed_reports")
        .await
        .unwrap();
    let settled = Settled::default();
    let r = record("s-unk", "a-1");
    let started = Instant::now();
    s.worker
        .handle(
            delivery("s-unk", payload(&r), 1, &settled),
            &CancellationToken::new(),
        )
        .await;
    assert_eq!(settled.all(), ["retry"]);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the queue waits the retry delay, not the worker: {:?}",
        started.elapsed()
    );
    s.worker
        .handle(
            delivery("s-unk", payload(&r), 3, &settled),
            &CancellationToken::new(),
        )
        .await;
    let all = settled.all();
    assert_eq!(all.len(), 2);
    assert!(all[1].starts_with("dead: "), "{all:?}");
    let (status, reason) = status_of(&s.store, "s-unk").await;
    assert_eq!(status, "failed");
    assert_eq!(reason.as_deref(), Some(failures::GAVE_UP));
}

#[tokio::test]
async fn dead_letters_left_queued_are_marked_failed_on_reconcile() {
    let s = setup(WorkerSettings::default()).await;
    let r = record("s-dl", "a-1");
    s.store.record_queued(&r).await.unwrap();
    let done = record("s-done", "a-2");
    s.store
        .complete(
            &done,
            &Outcome::Rejected {
                reason: "不是报告".into(),
            },
        )
        .await
        .unwrap();
    let dead = [
        OutgoingMessage {
            message_id: "s-dl".into(),
            payload: payload(&r),
            headers: BTreeMap::new(),
        },
        OutgoingMessage {
            message_id: "s-done".into(),
            payload: payload(&done),
            headers: BTreeMap::new(),
        },
    ];
    assert_eq!(failures::reconcile(&s.store, &dead).await.unwrap(), 1);
    assert_eq!(status_of(&s.store, "s-dl").await.0, "failed");
    assert_eq!(
        status_of(&s.store, "s-done").await.0,
        "rejected",
        "final status kept"
    );
    assert_eq!(
        failures::reconcile(&s.store, &dead).await.unwrap(),
        0,
        "idempotent"
    );
}

#[tokio::test]
async fn processed_at_is_stamped_once_the_summary_pieces_are_updated() {
    let s = setup(WorkerSettings::default()).await;
    let settled = Settled::default();
    let r = record("s-time", "a-1");
    s.worker
        .handle(
            delivery("s-time", payload(&r), 1, &settled),
            &CancellationToken::new(),
        )
        .await;
    assert_eq!(settled.all(), ["ack"]);
    let row = s.store.submission("s-time").await.unwrap().unwrap();
    // The district's pieces change in the transaction; the summary is
    // rendered from them after commit.
    let state = summary_state::Entity::find_by_id(("测试区".to_owned(), 2022))
        .one(s.store.db())
        .await
        .unwrap()
        .unwrap();
    let processed_at = row.processed_at.unwrap();
    assert!(
        processed_at >= state.updated_at,
        "processed_at {processed_at} is before the summary pieces were updated at {}",
        state.updated_at
    );
    let summary = s
        .store
        .district_summary("测试区", 2022)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        summary.submitted, 1,
        "the processed report is in the summary"
    );
}

#[tokio::test]
async fn a_message_of_a_newer_type_is_dead_lettered_at_once_with_a_chinese_reason() {
    let s = setup(WorkerSettings::default()).await;
    // The service recorded it before a worker of this release got it.
    s.store.record_queued(&record("m-2", "a-1")).await.unwrap();
    let settled = Settled::default();
    let mut json: serde_json::Value =
        serde_json::from_slice(&payload(&record("m-2", "a-1"))).unwrap();
    json["type"] = "SubmissionV2".into();
    let d = delivery("m-2", serde_json::to_vec(&json).unwrap(), 1, &settled);
    s.worker.handle(d, &CancellationToken::new()).await;
    let all = settled.all();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(
        all[0].starts_with("dead: not a submission message"),
        "{all:?}"
    );
    assert!(all[0].contains("SubmissionV2"), "{all:?}");
    let (status, reason) = status_of(&s.store, "m-2").await;
    assert_eq!(status, "failed");
    assert_eq!(reason.as_deref(), Some(fazhi_queue::message::NEWER));
}

#[tokio::test]
async fn a_retried_message_waits_the_delay_once_in_the_queue_not_in_the_worker() {
    // An hour: a worker that slept it in its slot would never get here.
    let retry_delay = Duration::from_secs(3_600);
    let settings = WorkerSettings {
        retry_delay,
        ..WorkerSettings::default()
    };
    let s = setup(settings.clone()).await;
    let queue = fazhi_queue::embedded::EmbeddedQueue::new(
        s.store.db().clone(),
        fazhi_queue::embedded::EmbeddedSettings {
            queue: "q".into(),
            max_attempts: 3,
            poll_interval: Duration::from_millis(20),
            lease: Duration::from_secs(60),
            retry_delay,
        },
    );
    let worker = Worker::new(s.store.clone(), Arc::new(queue.clone()), settings, 3);
    // Neither the message's fault nor an outage: retried by the queue.
    s.store
        .db()
        .execute_unprepared("DROP TABLE parsed_reports")
        .await
        .unwrap();
    let r = record("s-once", "a-1");
    queue
        .publish(&OutgoingMessage {
            message_id: "s-once".into(),
            payload: payload(&r),
            headers: BTreeMap::new(),
        })
        .await
        .unwrap();
    let mut deliveries = queue.subscribe().await.unwrap();
    let d = futures::StreamExt::next(&mut deliveries)
        .await
        .unwrap()
        .unwrap();
    let before = fazhi_store::now_ms();
    tokio::time::timeout(
        Duration::from_secs(60),
        worker.handle(d, &CancellationToken::new()),
    )
    .await
    .expect("the worker hands the retry back at once");
    let after = fazhi_store::now_ms();
    let row = s
        .store
        .db()
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT available_at, attempts, lease_until FROM queue_messages WHERE message_id = 's-once'",
        ))
        .await
        .unwrap()
        .expect("still queued");
    let available_at: i64 = row.try_get("", "available_at").unwrap();
    let attempts: i32 = row.try_get("", "attempts").unwrap();
    let lease: Option<i64> = row.try_get("", "lease_until").unwrap();
    let delay = retry_delay.as_millis() as i64;
    // Delayed by the queue exactly once: not earlier (no double hand-back),
    // not later (nothing slept before handing it back).
    assert!(
        (before + delay..=after + delay).contains(&available_at),
        "available {} ms after the attempt began (delay {delay})",
        available_at - before
    );
    assert_eq!(attempts, 1, "one attempt counted");
    assert_eq!(lease, None, "handed back, not held");
}
