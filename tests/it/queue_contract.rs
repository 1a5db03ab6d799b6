//! One suite, both queues: what the worker relies on.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use fazhi_queue::{Deliveries, Delivery, OutgoingMessage, Queue};
use futures::StreamExt;

use crate::helpers::*;

async fn queue_for(broker: Broker) -> Option<(Arc<dyn Queue>, fazhi_config::Settings)> {
    let mut s = settings(Db::Sqlite, broker).await?;
    s.queue.lease = std::time::Duration::from_millis(500);
    let store = fazhi_store::Store::connect(&s.database.url, 1)
        .await
        .unwrap();
    Some((
        fazhi_queue::from_settings(&s.queue, &s.worker, store.db().clone()),
        s,
    ))
}

fn message(id: &str) -> OutgoingMessage {
    OutgoingMessage {
        message_id: id.into(),
        payload: format!("payload of {id}").into_bytes(),
        headers: BTreeMap::from([("traceparent".to_owned(), "00-x-y-01".to_owned())]),
    }
}

async fn next(deliveries: &mut Deliveries) -> Delivery {
    tokio::time::timeout(Duration::from_secs(20), deliveries.next())
        .await
        .expect("a delivery in time")
        .expect("stream open")
        .expect("no error")
}

async fn nothing_within(deliveries: &mut Deliveries, wait: Duration) -> bool {
    tokio::time::timeout(wait, deliveries.next()).await.is_err()
}

async fn published_messages_are_delivered_with_headers_and_ack_removes_them(broker: Broker) {
    let Some((queue, settings)) = queue_for(broker).await else {
        return;
    };
    queue.publish(&message("m-1")).await.unwrap();
    let mut deliveries = queue.subscribe().await.unwrap();
    let d = next(&mut deliveries).await;
    assert_eq!(d.message_id, "m-1");
    assert_eq!(d.payload, b"payload of m-1");
    assert_eq!(
        d.headers.get("traceparent").map(String::as_str),
        Some("00-x-y-01")
    );
    assert_eq!(d.attempt, 1);
    d.ack().await.unwrap();
    assert!(nothing_within(&mut deliveries, Duration::from_millis(1500)).await);
    drop(deliveries);
    remove_broker_objects(&settings).await;
}

async fn a_delivery_lost_with_its_consumer_comes_back(broker: Broker) {
    let Some((queue, settings)) = queue_for(broker).await else {
        return;
    };
    queue.publish(&message("m-2")).await.unwrap();
    {
        let mut deliveries = queue.subscribe().await.unwrap();
        let d = next(&mut deliveries).await;
        assert_eq!(d.attempt, 1);
        // The consumer dies: neither ack nor reject.
        drop(d);
        drop(deliveries);
    }
    let mut deliveries = queue.subscribe().await.unwrap();
    let d = next(&mut deliveries).await;
    assert_eq!(d.message_id, "m-2");
    assert!(d.attempt >= 2, "attempt counted: {}", d.attempt);
    d.ack().await.unwrap();
    drop(deliveries);
    remove_broker_objects(&settings).await;
}

async fn retry_redelivers_and_dead_letter_parks(broker: Broker) {
    let Some((queue, settings)) = queue_for(broker).await else {
        return;
    };
    queue.publish(&message("m-3")).await.unwrap();
    let mut deliveries = queue.subscribe().await.unwrap();
    let d = next(&mut deliveries).await;
    d.retry().await.unwrap();
    let d = next(&mut deliveries).await;
    assert_eq!(d.message_id, "m-3");
    assert_eq!(d.attempt, 2);
    d.dead_letter("test says so").await.unwrap();
    assert!(nothing_within(&mut deliveries, Duration::from_millis(1500)).await);
    drop(deliveries);
    let mut dead = Vec::new();
    for _ in 0..50 {
        dead = queue.dead_letters().await.unwrap();
        if !dead.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].message_id, "m-3");
    assert_eq!(dead[0].payload, b"payload of m-3");
    remove_broker_objects(&settings).await;
}

#[tokio::test]
async fn embedded_queue_delivers_with_headers_and_ack_removes() {
    published_messages_are_delivered_with_headers_and_ack_removes_them(Broker::Embedded).await;
}

#[tokio::test]
async fn rabbitmq_queue_delivers_with_headers_and_ack_removes() {
    published_messages_are_delivered_with_headers_and_ack_removes_them(Broker::Rabbit).await;
}

#[tokio::test]
async fn embedded_queue_redelivers_what_a_dead_consumer_held() {
    a_delivery_lost_with_its_consumer_comes_back(Broker::Embedded).await;
}

#[tokio::test]
async fn rabbitmq_queue_redelivers_what_a_dead_consumer_held() {
    a_delivery_lost_with_its_consumer_comes_back(Broker::Rabbit).await;
}

#[tokio::test]
async fn embedded_queue_retries_and_dead_letters() {
    retry_redelivers_and_dead_letter_parks(Broker::Embedded).await;
}

#[tokio::test]
async fn rabbitmq_queue_retries_and_dead_letters() {
    retry_redelivers_and_dead_letter_parks(Broker::Rabbit).await;
}

#[tokio::test]
async fn embedded_queue_takes_a_message_id_once() {
    let Some((queue, _)) = queue_for(Broker::Embedded).await else {
        return;
    };
    queue.publish(&message("same")).await.unwrap();
    queue.publish(&message("same")).await.unwrap();
    let mut deliveries = queue.subscribe().await.unwrap();
    next(&mut deliveries).await.ack().await.unwrap();
    assert!(nothing_within(&mut deliveries, Duration::from_millis(800)).await);
}
