//! RabbitMQ through lapin.
//!
//! Publishing: see [`publisher`] (confirms, returns, one deadline, outcome
//! unknown once sent). Consuming: manual acks, `basic_qos` prefetch; the
//! worker acks only after its transaction commits. The connection asks for a
//! heartbeat, so one that goes silent is closed by lapin and the consumer
//! subscribes again; every other broker call has a deadline.

mod dead;
mod publisher;

pub use publisher::{declare, publish_confirmed};
mod settle;

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use futures::StreamExt;
use lapin::BasicProperties;
use lapin::options::{BasicConsumeOptions, BasicQosOptions, QueueDeclareOptions};
use lapin::types::{AMQPValue, FieldTable};
use tokio::sync::Mutex;

use crate::topology::{DELIVERY_COUNT_HEADER, Topology};
use crate::{Deliveries, Delivery, OutgoingMessage, Queue, QueueError};
use publisher::{Publisher, unavailable, with_heartbeat};
use settle::AmqpSettle;

#[derive(Debug, Clone)]
pub struct AmqpSettings {
    pub url: String,
    pub topology: Topology,
    pub prefetch: u16,
    pub confirm_timeout: Duration,
    pub connect_timeout: Duration,
}

/// Settings added later, kept apart so existing struct literals still build.
#[derive(Debug, Clone, Copy)]
pub struct AmqpOptions {
    /// Heartbeat asked of the broker, in seconds (0: the broker's).
    pub heartbeat_s: u16,
    /// Deadline of every broker call other than publish.
    pub operation_timeout: Duration,
    /// Wait before a retried delivery is handed back.
    pub retry_delay: Duration,
}

impl Default for AmqpOptions {
    fn default() -> Self {
        AmqpOptions {
            heartbeat_s: 20,
            operation_timeout: Duration::from_secs(10),
            retry_delay: Duration::from_secs(1),
        }
    }
}

/// How long a depth reading is reused: back-pressure needs a rough number,
/// not a broker round trip per request.
const DEPTH_CACHE: Duration = Duration::from_millis(500);

pub struct AmqpQueue {
    settings: AmqpSettings,
    options: AmqpOptions,
    tls_ca: Option<String>,
    publisher: Arc<Publisher>,
    depth: Mutex<Option<(Instant, u64)>>,
}

/// `what` must finish within `limit`, else the broker counts as unavailable.
pub(crate) async fn within<T>(
    limit: Duration,
    what: &str,
    work: impl Future<Output = Result<T, QueueError>>,
) -> Result<T, QueueError> {
    tokio::time::timeout(limit, work)
        .await
        .map_err(|_| QueueError::Unavailable(format!("{what}: no answer from RabbitMQ in time")))?
}

impl AmqpQueue {
    pub fn new(settings: AmqpSettings) -> Self {
        Self::build(settings, AmqpOptions::default(), None)
    }

    pub fn with_options(self, options: AmqpOptions) -> Self {
        Self::build(self.settings, options, self.tls_ca)
    }

    /// Trust this PEM CA for `amqps://` URLs.
    pub fn with_tls_ca(self, pem: Option<String>) -> Self {
        Self::build(self.settings, self.options, pem)
    }

    fn build(settings: AmqpSettings, options: AmqpOptions, tls_ca: Option<String>) -> Self {
        let publisher = Publisher::new(
            with_heartbeat(&settings.url, options.heartbeat_s),
            settings.topology.clone(),
            settings.connect_timeout,
            settings.confirm_timeout,
        )
        .with_tls_ca(tls_ca.clone());
        AmqpQueue {
            settings,
            options,
            tls_ca,
            publisher: Arc::new(publisher),
            depth: Mutex::new(None),
        }
    }

    pub fn topology(&self) -> &Topology {
        &self.settings.topology
    }

    async fn subscribe_now(&self) -> Result<Deliveries, QueueError> {
        let connection = self.publisher.connect().await?;
        let channel = connection
            .create_channel()
            .await
            .map_err(|e| unavailable("opening channel", e))?;
        self.publisher.declare(&channel).await?;
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
        let (publisher, options) = (self.publisher.clone(), self.options);
        let stream = consumer.map(move |item| {
            let _keep = (&connection, &channel);
            item.map(|d| to_delivery(d, &publisher, options))
                .map_err(|e| unavailable("consuming", e))
        });
        Ok(stream.boxed())
    }

    async fn depth_now(&self) -> Result<u64, QueueError> {
        let (_, connection) = self.publisher.connection().await?;
        let channel = connection
            .create_channel()
            .await
            .map_err(|e| unavailable("opening channel", e))?;
        let queue = channel
            .queue_declare(
                self.settings.topology.queue.as_str().into(),
                QueueDeclareOptions {
                    passive: true,
                    ..QueueDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map_err(|e| unavailable("reading the queue depth", e))?;
        let _ = channel.close(200, "depth".into()).await;
        Ok(u64::from(queue.message_count()))
    }
}

fn to_delivery(
    delivery: lapin::message::Delivery,
    publisher: &Arc<Publisher>,
    options: AmqpOptions,
) -> Delivery {
    let headers = headers_of(&delivery.properties);
    // A quorum queue counts earlier deliveries in x-delivery-count.
    let earlier = headers
        .get(DELIVERY_COUNT_HEADER)
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(u32::from(delivery.redelivered));
    let message_id = message_id_of(&delivery.properties);
    let settle = AmqpSettle {
        acker: delivery.acker,
        publisher: publisher.clone(),
        retry_delay: options.retry_delay,
        timeout: options.operation_timeout,
    };
    Delivery::new(
        message_id,
        delivery.data,
        headers,
        earlier.saturating_add(1),
        Box::new(settle),
    )
}

pub(crate) fn message_id_of(properties: &BasicProperties) -> String {
    properties
        .message_id()
        .as_ref()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_default()
}

pub(crate) fn headers_of(properties: &BasicProperties) -> BTreeMap<String, String> {
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

/// A copy to publish again: the broker's own `x-…` headers (delivery count,
/// death records) belong to the old message, and a fresh count is the point.
pub(crate) fn fresh_copy(message: &OutgoingMessage) -> OutgoingMessage {
    OutgoingMessage {
        message_id: message.message_id.clone(),
        payload: message.payload.clone(),
        headers: message
            .headers
            .iter()
            .filter(|(k, _)| !k.starts_with("x-"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    }
}

#[async_trait]
impl Queue for AmqpQueue {
    async fn publish(&self, message: &OutgoingMessage) -> Result<(), QueueError> {
        let exchange = self.settings.topology.exchange.as_str();
        self.publisher.publish_to(exchange, message).await
    }

    async fn subscribe(&self) -> Result<Deliveries, QueueError> {
        within(
            self.options.operation_timeout + self.settings.connect_timeout,
            "subscribing",
            self.subscribe_now(),
        )
        .await
    }

    async fn dead_letters(&self) -> Result<Vec<OutgoingMessage>, QueueError> {
        dead::list(&self.publisher, self.options.operation_timeout).await
    }

    async fn replay(&self, ids: Option<&[String]>) -> Result<Vec<String>, QueueError> {
        dead::replay(&self.publisher, self.options.operation_timeout, ids).await
    }

    async fn depth(&self) -> Result<u64, QueueError> {
        let mut cached = self.depth.lock().await;
        if let Some((at, depth)) = *cached
            && at.elapsed() < DEPTH_CACHE
        {
            return Ok(depth);
        }
        let depth = within(self.options.operation_timeout, "depth", self.depth_now()).await?;
        *cached = Some((Instant::now(), depth));
        Ok(depth)
    }

    async fn ready(&self) -> bool {
        within(
            self.options.operation_timeout + self.settings.connect_timeout,
            "health check",
            self.publisher.connection(),
        )
        .await
        .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_copy_drops_the_brokers_headers_and_keeps_ours() {
        let message = OutgoingMessage {
            message_id: "m".into(),
            payload: b"p".to_vec(),
            headers: BTreeMap::from([
                ("traceparent".to_owned(), "00-a-b-01".to_owned()),
                (DELIVERY_COUNT_HEADER.to_owned(), "49".to_owned()),
                ("x-first-death-reason".to_owned(), "rejected".to_owned()),
                (crate::DEAD_REASON.to_owned(), "old reason".to_owned()),
            ]),
        };
        let copy = fresh_copy(&message);
        assert_eq!(copy.message_id, "m");
        assert_eq!(copy.payload, b"p");
        assert_eq!(
            copy.headers.keys().collect::<Vec<_>>(),
            ["traceparent"],
            "a replayed or released copy starts with a fresh delivery count"
        );
    }
}
