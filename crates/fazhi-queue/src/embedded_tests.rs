//! The embedded queue on a real SQLite file.

use std::time::Instant;

use futures::StreamExt;

use super::*;

async fn queue(retry_delay: Duration) -> EmbeddedQueue {
    let dir = std::env::temp_dir().join(format!(
        "fazhi-queue-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("q.db").display());
    // The queue makes its own table: no store, no migrations.
    let db = sea_orm::Database::connect(&url).await.unwrap();
    EmbeddedQueue::new(
        db,
        EmbeddedSettings {
            queue: "q".into(),
            max_attempts: 5,
            poll_interval: Duration::from_millis(20),
            lease: Duration::from_secs(30),
            retry_delay,
        },
    )
}

fn message(id: &str) -> OutgoingMessage {
    OutgoingMessage {
        message_id: id.into(),
        payload: b"p".to_vec(),
        headers: BTreeMap::new(),
    }
}

async fn next(deliveries: &mut Deliveries) -> Delivery {
    tokio::time::timeout(Duration::from_secs(10), deliveries.next())
        .await
        .expect("a delivery in time")
        .expect("stream open")
        .expect("no error")
}

#[tokio::test]
async fn a_retry_waits_the_retry_delay_once() {
    let delay = Duration::from_millis(800);
    let q = queue(delay).await;
    q.publish(&message("m")).await.unwrap();
    let mut deliveries = q.subscribe().await.unwrap();
    let d = next(&mut deliveries).await;
    let asked = Instant::now();
    d.retry().await.unwrap();
    assert!(asked.elapsed() < delay / 2, "retry returns at once");
    let d = next(&mut deliveries).await;
    let waited = asked.elapsed();
    assert!(waited >= delay, "not before the delay: {waited:?}");
    assert!(waited < delay * 2, "the delay is waited once: {waited:?}");
    assert_eq!(d.attempt, 2);
    d.ack().await.unwrap();
}

#[tokio::test]
async fn a_release_is_not_counted_as_an_attempt() {
    let q = queue(Duration::from_secs(5)).await;
    q.publish(&message("m")).await.unwrap();
    let mut deliveries = q.subscribe().await.unwrap();
    for _ in 0..8 {
        let d = next(&mut deliveries).await;
        assert_eq!(d.attempt, 1);
        d.release().await.unwrap();
    }
    assert_eq!(q.dead_letters().await.unwrap().len(), 0, "never parked");
    next(&mut deliveries).await.ack().await.unwrap();
}

#[tokio::test]
async fn a_dead_letter_keeps_its_reason_and_replays_with_a_fresh_count() {
    let q = queue(Duration::from_millis(10)).await;
    q.publish(&message("m")).await.unwrap();
    q.publish(&message("other")).await.unwrap();
    assert_eq!(Queue::depth(&q).await.unwrap(), 2);
    let mut deliveries = q.subscribe().await.unwrap();
    for _ in 0..2 {
        let d = next(&mut deliveries).await;
        d.dead_letter("the database refused it").await.unwrap();
    }
    assert_eq!(Queue::depth(&q).await.unwrap(), 0);
    let dead = q.dead_letters().await.unwrap();
    assert_eq!(dead.len(), 2);
    assert_eq!(
        dead[0].headers.get(DEAD_REASON).map(String::as_str),
        Some("the database refused it")
    );
    let replayed = q.replay(Some(&["m".to_owned()])).await.unwrap();
    assert_eq!(replayed, ["m"]);
    let d = next(&mut deliveries).await;
    assert_eq!((d.message_id.as_str(), d.attempt), ("m", 1));
    d.ack().await.unwrap();
    assert_eq!(
        q.dead_letters().await.unwrap().len(),
        1,
        "the other stays dead"
    );
    assert!(q.replay(Some(&["m".to_owned()])).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_oldest_age_follows_the_first_unsettled_message() {
    let q = queue(Duration::from_millis(10)).await;
    let empty = Some(Duration::ZERO);
    assert_eq!(EmbeddedQueue::oldest_age(&q).await.unwrap(), empty);
    q.publish(&message("first")).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before_second = Instant::now();
    q.publish(&message("second")).await.unwrap();
    let age = EmbeddedQueue::oldest_age(&q).await.unwrap().unwrap();
    assert!(
        age >= Duration::from_millis(300),
        "the first one's age: {age:?}"
    );
    let mut deliveries = q.subscribe().await.unwrap();
    next(&mut deliveries).await.ack().await.unwrap();
    let age = EmbeddedQueue::oldest_age(&q).await.unwrap().unwrap();
    // The second's age, at most the time since it was published (the
    // clock has millisecond steps); the first's would be 300 ms more.
    assert!(
        age <= before_second.elapsed() + Duration::from_millis(2),
        "now the second's: {age:?}"
    );
    next(&mut deliveries).await.dead_letter("x").await.unwrap();
    assert_eq!(
        EmbeddedQueue::oldest_age(&q).await.unwrap(),
        empty,
        "a dead letter does not wait"
    );
}
