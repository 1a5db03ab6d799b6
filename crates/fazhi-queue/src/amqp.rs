//! RabbitMQ through lapin.
//!
//! Publishing: a confirm-mode channel; each message persistent and
//! `mandatory`; success only for an ack with no returned message (the broker
//! acks unroutable messages too, after returning them). A confirm that does
//! not come in time (a broker under a memory or disk alarm blocks publishers
//! silently) is a failure. Any failure drops the connection, and the next
//! publish connects again, so the service recovers without a restart.
//!
//! Consuming: manual acks, `basic_qos` prefetch; the worker acks only after
//! its transaction commits.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use futures::StreamExt;
use lapin::options::{
    BasicAckOptions, BasicConsumeOptions, BasicGetOptions, BasicPublishOptions, BasicQosOptions,
    BasicRejectOptions, ConfirmSelectOptions, ExchangeDeclareOptions, QueueBindOptions,
    QueueDeclareOptions,
};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties, ExchangeKind};
use tokio::sync::Mutex;

use crate::topology::{DELIVERY_COUNT_HEADER, PERSISTENT, ROUTING_KEY, Topology};
use crate::{Deliveries, Delivery, OutgoingMessage, Queue, QueueError, Settle};

#[derive(Debug, Clone)]
pub struct AmqpSettings {
    pub url: String,
    pub topology: Topology,
    pub prefetch: u16,
    pub confirm_timeout: Duration,
    pub connect_timeout: Duration,
}

/// Confirm-mode channels used for publishing. Each carries at most one
/// publish awaiting its confirm: lapin attaches a returned (unroutable)
/// message to whichever confirm resolves next on the channel, so two in
/// flight on one channel could swap their outcomes.
const PUBLISH_CHANNELS: usize = 8;

pub struct AmqpQueue {
    settings: AmqpSettings,
    /// The publishing connection with its generation, if open.
    connection: Mutex<Option<(u64, Arc<Connection>)>>,
    generation: AtomicU64,
    /// One publish at a time per slot; the channel belongs to a generation.
    slots: Vec<Mutex<Option<(u64, Channel)>>>,
    next_slot: AtomicUsize,
}

fn unavailable(what: &str, e: impl std::fmt::Display) -> QueueError {
    QueueError::Unavailable(format!("{what}: {e}"))
}

impl AmqpQueue {
    pub fn new(settings: AmqpSettings) -> Self {
        AmqpQueue {
            settings,
            connection: Mutex::new(None),
            generation: AtomicU64::new(0),
            slots: (0..PUBLISH_CHANNELS).map(|_| Mutex::new(None)).collect(),
            next_slot: AtomicUsize::new(0),
        }
    }

    pub fn topology(&self) -> &Topology {
        &self.settings.topology
    }

    async fn connect(&self) -> Result<Connection, QueueError> {
        let connecting = Connection::connect(&self.settings.url, ConnectionProperties::default());
        let connection = tokio::time::timeout(self.settings.connect_timeout, connecting)
            .await
            .map_err(|_| QueueError::Unavailable("connecting to RabbitMQ timed out".into()))?
            .map_err(|e| unavailable("connecting to RabbitMQ", e))?;
        Ok(connection)
    }

    /// Declare exchange, queue, dead-letter exchange and queue (idempotent).
    /// The dead-letter pair first: the main queue names its exchange.
    async fn declare(&self, channel: &Channel) -> Result<(), QueueError> {
        let t = &self.settings.topology;
        declare_bound_queue(
            channel,
            &t.dead_letter_exchange,
            &t.dead_letter_queue,
            t.dead_letter_queue_arguments(),
        )
        .await?;
        declare_bound_queue(channel, &t.exchange, &t.queue, t.queue_arguments()).await
    }

    /// The publishing connection, opened (and the topology declared) if needed.
    async fn publisher_connection(&self) -> Result<(u64, Arc<Connection>), QueueError> {
        let mut guard = self.connection.lock().await;
        if let Some((generation, connection)) = guard.as_ref()
            && connection.status().connected()
        {
            return Ok((*generation, connection.clone()));
        }
        let connection = Arc::new(self.connect().await?);
        let channel = connection
            .create_channel()
            .await
            .map_err(|e| unavailable("opening channel", e))?;
        self.declare(&channel).await?;
        let _ = channel.close(200, "declared".into()).await;
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        *guard = Some((generation, connection.clone()));
        Ok((generation, connection))
    }

    /// Close the publishing connection if it is still the one that failed
    /// (a newer one opened meanwhile by another request is left alone).
    async fn drop_connection(&self, generation: u64) {
        let mut guard = self.connection.lock().await;
        if guard.as_ref().is_some_and(|(g, _)| *g == generation)
            && let Some((_, connection)) = guard.take()
        {
            // Best effort: the connection may already be dead.
            let _ =
                tokio::time::timeout(Duration::from_secs(1), connection.close(0, "reset".into()))
                    .await;
        }
    }

    /// Publish on one slot's channel and await the confirm, holding the slot
    /// throughout. Records the connection generation used in `used`.
    async fn publish_on(
        &self,
        slot: &Mutex<Option<(u64, Channel)>>,
        message: &OutgoingMessage,
        used: &AtomicU64,
    ) -> Result<(), QueueError> {
        let mut slot = slot.lock().await;
        let (generation, connection) = self.publisher_connection().await?;
        used.store(generation, Ordering::SeqCst);
        let channel = match slot.as_ref() {
            Some((g, channel)) if *g == generation && channel.status().connected() => {
                channel.clone()
            }
            _ => {
                *slot = None;
                let channel = connection
                    .create_channel()
                    .await
                    .map_err(|e| unavailable("opening channel", e))?;
                channel
                    .confirm_select(ConfirmSelectOptions::default())
                    .await
                    .map_err(|e| unavailable("enabling publisher confirms", e))?;
                *slot = Some((generation, channel.clone()));
                channel
            }
        };
        let result = self.publish_with_confirm(&channel, message).await;
        if result.is_err() {
            // A channel with an unsettled confirm or a stray return is not reused.
            *slot = None;
        }
        result
    }

    async fn publish_with_confirm(
        &self,
        channel: &Channel,
        message: &OutgoingMessage,
    ) -> Result<(), QueueError> {
        let mut headers = FieldTable::default();
        for (k, v) in &message.headers {
            headers.insert(
                ShortString::from(k.as_str()),
                AMQPValue::LongString(LongString::from(v.as_str())),
            );
        }
        let properties = BasicProperties::default()
            .with_delivery_mode(PERSISTENT)
            .with_message_id(message.message_id.as_str().into())
            .with_content_type("application/json".into())
            .with_headers(headers);
        let t = &self.settings.topology;
        let confirm = channel
            .basic_publish(
                t.exchange.as_str().into(),
                ROUTING_KEY.into(),
                BasicPublishOptions {
                    mandatory: true,
                    ..BasicPublishOptions::default()
                },
                &message.payload,
                properties,
            )
            .await
            .map_err(|e| unavailable("publishing", e))?;
        let confirmation = tokio::time::timeout(self.settings.confirm_timeout, confirm)
            .await
            .map_err(|_| QueueError::Unavailable("RabbitMQ did not confirm in time".into()))?
            .map_err(|e| unavailable("waiting for confirm", e))?;
        if !confirmation.is_ack() {
            return Err(QueueError::Unavailable(
                "RabbitMQ refused the message (nack)".into(),
            ));
        }
        if confirmation.take_message().is_some() {
            return Err(QueueError::Unavailable(
                "RabbitMQ could not route the message".into(),
            ));
        }
        Ok(())
    }
}

/// A durable direct exchange with a durable queue bound to it by [`ROUTING_KEY`].
async fn declare_bound_queue(
    channel: &Channel,
    exchange: &str,
    queue: &str,
    arguments: FieldTable,
) -> Result<(), QueueError> {
    let durable = ExchangeDeclareOptions {
        durable: true,
        ..ExchangeDeclareOptions::default()
    };
    channel
        .exchange_declare(
            exchange.into(),
            ExchangeKind::Direct,
            durable,
            FieldTable::default(),
        )
        .await
        .map_err(|e| unavailable(&format!("declaring exchange {exchange}"), e))?;
    channel
        .queue_declare(queue.into(), QueueDeclareOptions::durable(), arguments)
        .await
        .map_err(|e| unavailable(&format!("declaring queue {queue}"), e))?;
    channel
        .queue_bind(
            queue.into(),
            exchange.into(),
            ROUTING_KEY.into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await
        .map_err(|e| unavailable(&format!("binding queue {queue}"), e))
}

struct AmqpSettle {
    acker: lapin::Acker,
}

#[async_trait]
impl Settle for AmqpSettle {
    async fn ack(&self) -> Result<(), QueueError> {
        self.acker
            .ack(BasicAckOptions::default())
            .await
            .map(|_| ())
            .map_err(|e| unavailable("ack", e))
    }

    async fn retry(&self) -> Result<(), QueueError> {
        // reject(requeue) counts as a delivery attempt on 3.x quorum queues;
        // never nack-spin.
        self.acker
            .reject(BasicRejectOptions { requeue: true })
            .await
            .map(|_| ())
            .map_err(|e| unavailable("reject", e))
    }

    async fn dead_letter(&self, _reason: &str) -> Result<(), QueueError> {
        self.acker
            .reject(BasicRejectOptions { requeue: false })
            .await
            .map(|_| ())
            .map_err(|e| unavailable("reject to dead letters", e))
    }
}

fn headers_of(properties: &BasicProperties) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(table) = properties.headers() {
        for (k, v) in table.inner() {
            let value = match v {
                AMQPValue::LongString(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
                AMQPValue::ShortString(s) => s.as_str().to_owned(),
                AMQPValue::LongLongInt(n) => n.to_string(),
                AMQPValue::LongInt(n) => n.to_string(),
                AMQPValue::LongUInt(n) => n.to_string(),
                AMQPValue::ShortInt(n) => n.to_string(),
                AMQPValue::ShortUInt(n) => n.to_string(),
                _ => continue,
            };
            out.insert(k.as_str().to_owned(), value);
        }
    }
    out
}

fn to_delivery(delivery: lapin::message::Delivery) -> Delivery {
    let headers = headers_of(&delivery.properties);
    // A quorum queue counts earlier deliveries in x-delivery-count.
    let earlier = headers
        .get(DELIVERY_COUNT_HEADER)
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(u32::from(delivery.redelivered));
    let message_id = delivery
        .properties
        .message_id()
        .as_ref()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_default();
    Delivery::new(
        message_id,
        delivery.data,
        headers,
        earlier.saturating_add(1),
        Box::new(AmqpSettle {
            acker: delivery.acker,
        }),
    )
}

#[async_trait]
impl Queue for AmqpQueue {
    async fn publish(&self, message: &OutgoingMessage) -> Result<(), QueueError> {
        let index = self.next_slot.fetch_add(1, Ordering::Relaxed) % self.slots.len();
        let slot = &self.slots[index];
        let used = AtomicU64::new(0);
        // One deadline over everything: connecting, declaring, writing the
        // frames (a broker under a resource alarm stops reading the socket)
        // and the confirm.
        let limit = self.settings.connect_timeout + self.settings.confirm_timeout;
        let result = match tokio::time::timeout(limit, self.publish_on(slot, message, &used)).await
        {
            Ok(result) => result,
            Err(_) => {
                *slot.lock().await = None;
                Err(QueueError::Unavailable(
                    "RabbitMQ did not take the message in time".into(),
                ))
            }
        };
        if result.is_err() {
            let generation = used.load(Ordering::SeqCst);
            if generation != 0 {
                self.drop_connection(generation).await;
            }
        }
        result
    }

    async fn subscribe(&self) -> Result<Deliveries, QueueError> {
        let connection = self.connect().await?;
        let channel = connection
            .create_channel()
            .await
            .map_err(|e| unavailable("opening channel", e))?;
        self.declare(&channel).await?;
        channel
            .basic_qos(self.settings.prefetch.max(1), BasicQosOptions::default())
            .await
            .map_err(|e| unavailable("setting prefetch", e))?;
        let consumer = channel
            .basic_consume(
                self.settings.topology.queue.as_str().into(),
                format!("fazhi-worker-{}", uuid::Uuid::new_v4()).into(),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(|e| unavailable("starting consumer", e))?;
        // The stream owns the connection: dropping it closes the connection
        // and the broker redelivers whatever was not acked.
        let stream = consumer.map(move |item| {
            let _keep = (&connection, &channel);
            item.map(to_delivery)
                .map_err(|e| unavailable("consuming", e))
        });
        Ok(stream.boxed())
    }

    async fn dead_letters(&self) -> Result<Vec<OutgoingMessage>, QueueError> {
        // Read without consuming: get and reject back with requeue. Only for
        // operators and tests; order is not preserved.
        let connection = self.connect().await?;
        let channel = connection
            .create_channel()
            .await
            .map_err(|e| unavailable("opening channel", e))?;
        self.declare(&channel).await?;
        let mut out = Vec::new();
        let mut held = Vec::new();
        while let Some(message) = channel
            .basic_get(
                self.settings.topology.dead_letter_queue.as_str().into(),
                BasicGetOptions::default(),
            )
            .await
            .map_err(|e| unavailable("reading dead letters", e))?
        {
            let delivery = message.delivery;
            out.push(OutgoingMessage {
                message_id: delivery
                    .properties
                    .message_id()
                    .as_ref()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
                payload: delivery.data.clone(),
                headers: headers_of(&delivery.properties),
            });
            held.push(delivery.acker);
        }
        // Closing the channel returns every held message to the queue.
        let _ = channel.close(200, "done".into()).await;
        let _ = connection.close(200, "done".into()).await;
        drop(held);
        Ok(out)
    }

    async fn ready(&self) -> bool {
        self.publisher_connection().await.is_ok()
    }
}
