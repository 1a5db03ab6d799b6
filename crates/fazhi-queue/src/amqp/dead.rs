//! The dead-letter queue for operators: read without consuming, and replay
//! onto the main queue.

use std::time::Duration;

use lapin::options::{BasicAckOptions, BasicGetOptions};
use lapin::{Channel, Connection};

use super::publisher::{Publisher, unavailable};
use super::{fresh_copy, headers_of, message_id_of, within};
use crate::{DEAD_REASON, OutgoingMessage, QueueError};

/// Header RabbitMQ (3.8+) sets on a message it dead-lettered itself
/// (`rejected`, `delivery_limit`, …).
const FIRST_DEATH_REASON: &str = "x-first-death-reason";

async fn open(publisher: &Publisher, limit: Duration) -> Result<(Connection, Channel), QueueError> {
    within(limit, "opening the dead letters", async {
        let connection = publisher.connect().await?;
        let channel = connection
            .create_channel()
            .await
            .map_err(|e| unavailable("opening channel", e))?;
        publisher.declare(&channel).await?;
        Ok((connection, channel))
    })
    .await
}

/// The next dead letter, held (unacked) until acked or the channel closes.
async fn next(
    channel: &Channel,
    queue: &str,
    limit: Duration,
) -> Result<Option<(OutgoingMessage, lapin::Acker)>, QueueError> {
    let got = within(limit, "reading dead letters", async {
        channel
            .basic_get(queue.into(), BasicGetOptions::default())
            .await
            .map_err(|e| unavailable("reading dead letters", e))
    })
    .await?;
    Ok(got.map(|message| {
        let delivery = message.delivery;
        let mut headers = headers_of(&delivery.properties);
        if !headers.contains_key(DEAD_REASON)
            && let Some(reason) = headers.get(FIRST_DEATH_REASON).cloned()
        {
            headers.insert(DEAD_REASON.to_owned(), format!("broker: {reason}"));
        }
        let message = OutgoingMessage {
            message_id: message_id_of(&delivery.properties),
            payload: delivery.data,
            headers,
        };
        (message, delivery.acker)
    }))
}

async fn close(connection: Connection, channel: Channel) {
    // Closing the channel returns every held message to the queue.
    let limit = Duration::from_secs(2);
    let _ = tokio::time::timeout(limit, channel.close(200, "done".into())).await;
    let _ = tokio::time::timeout(limit, connection.close(200, "done".into())).await;
}

pub(crate) async fn list(
    publisher: &Publisher,
    limit: Duration,
) -> Result<Vec<OutgoingMessage>, QueueError> {
    let (connection, channel) = open(publisher, limit).await?;
    let queue = publisher.topology.dead_letter_queue.clone();
    let mut out = Vec::new();
    let mut held = Vec::new();
    let result = loop {
        match next(&channel, &queue, limit).await {
            Ok(Some((message, acker))) => {
                out.push(message);
                held.push(acker);
            }
            Ok(None) => break Ok(out),
            Err(e) => break Err(e),
        }
    };
    close(connection, channel).await;
    drop(held);
    result
}

pub(crate) async fn replay(
    publisher: &Publisher,
    limit: Duration,
    ids: Option<&[String]>,
) -> Result<Vec<String>, QueueError> {
    let (connection, channel) = open(publisher, limit).await?;
    let queue = publisher.topology.dead_letter_queue.clone();
    let exchange = publisher.topology.exchange.clone();
    let mut replayed = Vec::new();
    let mut held = Vec::new();
    let result = loop {
        let (message, acker) = match next(&channel, &queue, limit).await {
            Ok(Some(got)) => got,
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        };
        if ids.is_some_and(|ids| !ids.contains(&message.message_id)) {
            held.push(acker);
            continue;
        }
        // On the main queue first, then off the dead letters: a failure in
        // between leaves it in both, never in neither.
        if let Err(e) = publisher.publish_to(&exchange, &fresh_copy(&message)).await {
            break Err(e);
        }
        let acked = within(limit, "removing a replayed dead letter", async {
            acker
                .ack(BasicAckOptions::default())
                .await
                .map_err(|e| unavailable("ack", e))
        })
        .await;
        if let Err(e) = acked {
            break Err(e);
        }
        replayed.push(message.message_id);
    };
    close(connection, channel).await;
    drop(held);
    result.map(|()| replayed)
}
