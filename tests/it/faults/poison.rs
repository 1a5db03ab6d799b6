//! Poison messages and dead letters end to end: a report the database
//! refuses is `FAILED` at once (never retried, never `QUEUED` forever), and
//! an operator's replay gets a dead letter processed exactly once, on both
//! queue backends.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use fazhi_proto::v1 as pb;
use fazhi_queue::{DEAD_REASON, OutgoingMessage};
use fazhi_store::SubmissionRecord;
use futures::StreamExt;

use crate::crash::{REPORT, fazhi_with};
use crate::helpers::*;

fn record(agency: &str, key: &str) -> SubmissionRecord {
    SubmissionRecord {
        submission_id: uuid::Uuid::new_v4().to_string(),
        agency_code: agency.into(),
        district: DISTRICT.into(),
        reporting_year: 2022,
        file_name: "report.txt".into(),
        media_type: "text/plain".into(),
        content: sample(REPORT),
        content_sha256: "test".into(),
        size_bytes: 0,
        idempotency_key: Some(key.into()),
        submitted_at: fazhi_store::now_ms(),
    }
}

/// Straight onto the queue, as an older or faulty service might.
async fn publish(app: &TestApp, record: &SubmissionRecord) {
    let message = OutgoingMessage {
        message_id: record.submission_id.clone(),
        payload: fazhi_services::message::payload(record),
        headers: BTreeMap::new(),
    };
    app.queue.publish(&message).await.unwrap();
}

async fn dead_letters(app: &TestApp, n: usize) -> Vec<OutgoingMessage> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let dead = app.queue.dead_letters().await.unwrap_or_default();
        if dead.len() >= n {
            return dead;
        }
        assert!(
            Instant::now() < deadline,
            "{n} dead letter(s) listed in time"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `fazhi dead-letters …` as an operator runs it; its standard output.
async fn operator(app: &TestApp, command: &str) -> String {
    let log = scratch_dir().join("cli.log");
    let child = fazhi_with(command, &app.settings, 0, &log, &[]);
    let out = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("the command finished")
        .unwrap();
    let stderr = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(out.status.success(), "{command}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_report_the_database_refuses_is_failed_at_once_and_never_retried() {
    let Some(mut settings) = settings(Db::Postgres, Broker::Rabbit).await else {
        return;
    };
    // Were it retried, the first retry alone would take this long.
    settings.worker.retry_delay = std::time::Duration::from_secs(30);
    settings.queue.max_attempts = 5;
    let app = spawn_app(&settings, true).await;
    // PostgreSQL refuses NUL in text (SQLSTATE 22021).
    let poison = record("jgz", "key-with-\0-nul");
    let started = Instant::now();
    publish(&app, &poison).await;
    let s = app.wait_done(&poison.submission_id).await;
    assert_eq!(s.status, pb::SubmissionStatus::Failed as i32);
    assert_eq!(s.reject_reason, fazhi_worker::failures::REFUSED);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "dead-lettered on the first attempt: {:?}",
        started.elapsed()
    );
    let dead = dead_letters(&app, 1).await;
    assert_eq!(dead.len(), 1);
    let reason = dead[0]
        .headers
        .get(DEAD_REASON)
        .cloned()
        .unwrap_or_default();
    assert!(reason.contains("22021"), "technical cause kept: {reason}");

    // The worker is healthy: a normal report goes through right after.
    let ok = app
        .submit("xymj", 2022, sample(REPORT), Some("after-poison"))
        .await
        .unwrap();
    let s = app.wait_done(&ok.submission_id).await;
    assert_eq!(s.status, pb::SubmissionStatus::Processed as i32);
    app.stop().await;
}

async fn a_replayed_dead_letter_is_processed_once(db: Db, broker: Broker) {
    let Some(settings) = settings(db, broker).await else {
        return;
    };
    let mut app = spawn_app(&settings, false).await;
    // xymj: the unit the report names (another unit's would be held).
    let r = record("xymj", "set-aside");
    publish(&app, &r).await;
    app.store.record_queued(&r).await.unwrap();
    {
        // What the worker does with a message it gives up on.
        let mut deliveries = app.queue.subscribe().await.unwrap();
        let d = tokio::time::timeout(Duration::from_secs(20), deliveries.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        d.dead_letter("set aside by the test").await.unwrap();
    }
    dead_letters(&app, 1).await;
    // The worker could not mark it (database down at the time): listing does.
    let listed = operator(&app, "dead-letters list").await;
    assert!(listed.contains(&r.submission_id), "{listed}");
    assert!(listed.contains("set aside by the test"), "{listed}");
    let s = app
        .store
        .submission(&r.submission_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        s.status,
        fazhi_store::SubmissionStatus::Failed,
        "never QUEUED forever"
    );

    let replayed = operator(&app, "dead-letters replay --all").await;
    assert!(replayed.contains("已放回队列 1 份"), "{replayed}");
    app.start_worker();
    let s = app.wait_done(&r.submission_id).await;
    assert_eq!(s.status, pb::SubmissionStatus::Processed as i32);

    // Replaying again finds nothing and changes nothing.
    let again = operator(&app, &format!("dead-letters replay {}", r.submission_id)).await;
    assert!(again.contains("已放回队列 0 份"), "{again}");
    let summary = app.summary(2022).await;
    assert_eq!(summary.submitted, 1, "counted once");
    assert!(sources_from(&summary, &r.submission_id) > 0);
    app.stop().await;
}

#[tokio::test]
async fn embedded_dead_letter_replayed_is_processed_once() {
    a_replayed_dead_letter_is_processed_once(Db::Sqlite, Broker::Embedded).await;
}

#[tokio::test]
async fn rabbitmq_dead_letter_replayed_is_processed_once() {
    a_replayed_dead_letter_is_processed_once(Db::Postgres, Broker::Rabbit).await;
}
