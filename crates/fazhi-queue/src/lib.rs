//! fazhi-queue: where accepted submissions wait for the worker.
//!
//! One small trait, [`Queue`], with two implementations that pass the same
//! test suite: RabbitMQ ([`amqp::AmqpQueue`]) and the embedded queue kept in
//! the database ([`embedded::EmbeddedQueue`]). Both guarantee: `publish`
//! returns `Ok` only once the message is durable; a delivery not
//! acknowledged (worker crash) is delivered again; a message that keeps
//! failing is dead-lettered after `max_attempts` deliveries.

pub mod amqp;
pub mod embedded;
pub mod topology;
pub mod trace;

use std::collections::BTreeMap;

use async_trait::async_trait;
use futures::stream::BoxStream;

/// Header carrying the W3C trace context from the RPC into the worker.
pub const TRACEPARENT: &str = "traceparent";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    /// Deterministic per submission, so a retried publish is recognised.
    pub message_id: String,
    pub payload: Vec<u8>,
    pub headers: BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// The queue could not take or give the message now; retrying later may work.
    #[error("queue unavailable: {0}")]
    Unavailable(String),
    #[error("queue storage: {0}")]
    Storage(#[from] sea_orm::DbErr),
}

/// How a delivery is settled; implemented by each backend.
#[async_trait]
pub trait Settle: Send + Sync {
    async fn ack(&self) -> Result<(), QueueError>;
    /// Give it back to be delivered again later.
    async fn retry(&self) -> Result<(), QueueError>;
    /// Never deliver it again; keep it for an operator.
    async fn dead_letter(&self, reason: &str) -> Result<(), QueueError>;
}

pub struct Delivery {
    pub message_id: String,
    pub payload: Vec<u8>,
    pub headers: BTreeMap<String, String>,
    /// 1 on the first delivery.
    pub attempt: u32,
    settle: Box<dyn Settle>,
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("message_id", &self.message_id)
            .field("attempt", &self.attempt)
            .finish_non_exhaustive()
    }
}

impl Delivery {
    pub fn new(
        message_id: String,
        payload: Vec<u8>,
        headers: BTreeMap<String, String>,
        attempt: u32,
        settle: Box<dyn Settle>,
    ) -> Self {
        Delivery {
            message_id,
            payload,
            headers,
            attempt,
            settle,
        }
    }

    pub async fn ack(self) -> Result<(), QueueError> {
        self.settle.ack().await
    }

    pub async fn retry(self) -> Result<(), QueueError> {
        self.settle.retry().await
    }

    pub async fn dead_letter(self, reason: &str) -> Result<(), QueueError> {
        self.settle.dead_letter(reason).await
    }
}

/// A stream of deliveries; it ends or yields an error when the connection
/// is lost, and the consumer then subscribes again.
pub type Deliveries = BoxStream<'static, Result<Delivery, QueueError>>;

#[async_trait]
pub trait Queue: Send + Sync {
    /// Store the message durably; `Ok` only once it is (broker confirm, or
    /// database commit). Publishing the same `message_id` again is harmless.
    async fn publish(&self, message: &OutgoingMessage) -> Result<(), QueueError>;

    /// Start receiving deliveries (at most `prefetch` unsettled at a time).
    async fn subscribe(&self) -> Result<Deliveries, QueueError>;

    /// Messages dead-lettered so far (for operators and tests).
    async fn dead_letters(&self) -> Result<Vec<OutgoingMessage>, QueueError>;

    /// Whether the queue answers right now (for health checks).
    async fn ready(&self) -> bool;
}

/// The queue the settings ask for: RabbitMQ when an AMQP URL is set, else
/// the embedded queue in the given database.
pub fn from_settings(
    settings: &fazhi_config::QueueSettings,
    worker: &fazhi_config::WorkerSettings,
    db: sea_orm::DatabaseConnection,
) -> std::sync::Arc<dyn Queue> {
    use std::time::Duration;
    match settings.amqp_url.as_deref().filter(|u| !u.is_empty()) {
        Some(url) => std::sync::Arc::new(amqp::AmqpQueue::new(amqp::AmqpSettings {
            url: url.to_owned(),
            topology: topology::Topology::new(&settings.name),
            prefetch: settings.prefetch,
            confirm_timeout: Duration::from_millis(settings.confirm_timeout_ms),
            connect_timeout: Duration::from_millis(settings.connect_timeout_ms),
        })),
        None => std::sync::Arc::new(embedded::EmbeddedQueue::new(
            db,
            embedded::EmbeddedSettings {
                queue: settings.name.clone(),
                max_attempts: settings.max_attempts,
                poll_interval: Duration::from_millis(settings.poll_interval_ms),
                lease: Duration::from_millis(settings.lease_ms),
                retry_delay: Duration::from_millis(worker.retry_delay_ms),
            },
        )),
    }
}
