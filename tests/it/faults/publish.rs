//! What the service is told when the broker goes away around a publish:
//! `Unavailable` when nothing was sent, `OutcomeUnknown` when the message
//! was sent and its confirm never came back; and the queue depth used for
//! back-pressure, on both backends.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use fazhi_queue::{OutgoingMessage, QueueError};

use super::{proxy_for, through};
use crate::helpers::*;

fn message(id: &str) -> OutgoingMessage {
    OutgoingMessage {
        message_id: id.into(),
        payload: b"{}".to_vec(),
        headers: BTreeMap::new(),
    }
}

#[tokio::test]
async fn a_lost_confirm_is_reported_as_unknown_and_a_refused_connection_as_unavailable() {
    let Some(mut settings) = settings(Db::Sqlite, Broker::Rabbit).await else {
        return;
    };
    let amqp = settings.queue.amqp_url.clone().unwrap();
    let proxy = proxy_for(&amqp).await;
    settings.queue.amqp_url = Some(through(&amqp, &proxy));
    settings.queue.confirm_timeout = std::time::Duration::from_millis(1_500);
    let store = fazhi_store::Store::connect(&settings.database.url, 1)
        .await
        .unwrap();
    let queue = fazhi_queue::from_settings(&settings.queue, &settings.worker, store.db().clone());
    // The publishing channel opened (one publish at a time always takes
    // the first slot), so the next publish goes straight onto the wire.
    for i in 0..3 {
        queue
            .publish(&message(&format!("before-{i}")))
            .await
            .unwrap();
    }

    // Sent into a link that went silent: it may have arrived.
    proxy.freeze().await;
    let started = Instant::now();
    let err = queue.publish(&message("frozen")).await.unwrap_err();
    assert!(matches!(err, QueueError::OutcomeUnknown(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(10), "bounded wait");

    // Refused before anything was sent: certainly not queued.
    proxy.cut().await;
    let err = queue.publish(&message("refused")).await.unwrap_err();
    assert!(matches!(err, QueueError::Unavailable(_)), "{err:?}");

    // And the same queue recovers on its own.
    proxy.restore();
    queue.publish(&message("after")).await.unwrap();
    remove_broker_objects(&settings).await;
}

async fn depth_counts_what_waits(broker: Broker) {
    let Some(settings) = settings(Db::Sqlite, broker).await else {
        return;
    };
    let store = fazhi_store::Store::connect(&settings.database.url, 1)
        .await
        .unwrap();
    let queue = fazhi_queue::from_settings(&settings.queue, &settings.worker, store.db().clone());
    for i in 0..3 {
        queue.publish(&message(&format!("m-{i}"))).await.unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    // RabbitMQ's count is cached briefly and updated asynchronously.
    while queue.depth().await.unwrap() != 3 {
        assert!(Instant::now() < deadline, "depth reached 3");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    remove_broker_objects(&settings).await;
}

#[tokio::test]
async fn embedded_queue_depth_counts_waiting_messages() {
    depth_counts_what_waits(Broker::Embedded).await;
}

#[tokio::test]
async fn rabbitmq_queue_depth_counts_waiting_messages() {
    depth_counts_what_waits(Broker::Rabbit).await;
}
