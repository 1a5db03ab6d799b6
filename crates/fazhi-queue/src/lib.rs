//! fazhi-queue: where accepted submissions wait for the worker.
//!
//! One small trait, [`Queue`], with two implementations that pass the same
//! test suite: RabbitMQ ([`amqp::AmqpQueue`]) and the embedded queue kept in
//! the database ([`embedded::EmbeddedQueue`]). Both guarantee: `publish`
//! returns `Ok` only once the message is durable; a delivery not
//! acknowledged (worker crash) is delivered again; a message that keeps
//! failing is dead-lettered after `max_attempts` deliveries; a dead letter
//! keeps its reason and can be replayed onto the main queue. Every broker or
//! database call has a deadline, so a silent connection is an error, not a hang.

pub mod amqp;
pub mod embedded;
pub mod message;
pub mod topology;
pub mod trace;

use std::collections::BTreeMap;
use std::time::Duration;

use async_trait::async_trait;
use futures::stream::BoxStream;

/// Header carrying the W3C trace context from the RPC into the worker.
pub const TRACEPARENT: &str = "traceparent";
/// Header of a dead letter (as listed by [`Queue::dead_letters`]) saying why
/// it was set aside.
pub const DEAD_REASON: &str = "x-fazhi-dead-reason";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    /// Deterministic per submission, so a retried publish is recognised.
    pub message_id: String,
    pub payload: Vec<u8>,
    pub headers: BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// The queue could not take or give the message now; retrying later may
    /// work. For a publish: nothing was sent, the message is not queued.
    #[error("queue unavailable: {0}")]
    Unavailable(String),
    /// A publish was sent but its outcome never came back (the confirm timed
    /// out, or the connection was lost after sending): the message may or may
    /// not be queued. Retrying with the same `message_id` is safe.
    #[error("queue outcome unknown: {0}")]
    OutcomeUnknown(String),
    #[error("queue storage: {0}")]
    Storage(#[from] sea_orm::DbErr),
}

/// How a delivery is settled; implemented by each backend.
#[async_trait]
pub trait Settle: Send + Sync {
    async fn ack(&self) -> Result<(), QueueError>;
    /// Give it back to be delivered again after the queue's retry delay
    /// (the delay is the queue's, so the caller frees its slot at once);
    /// counts as an attempt.
    async fn retry(&self) -> Result<(), QueueError>;
    /// Give it back at once without counting an attempt (a dependency was
    /// down, not the message at fault).
    async fn release(&self, message: &OutgoingMessage) -> Result<(), QueueError>;
    /// Never deliver it again; keep it, with `reason`, for an operator.
    async fn dead_letter(&self, message: &OutgoingMessage, reason: &str) -> Result<(), QueueError>;
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

    /// See [`Settle::release`].
    pub async fn release(self) -> Result<(), QueueError> {
        let (settle, message) = self.into_parts();
        settle.release(&message).await
    }

    pub async fn dead_letter(self, reason: &str) -> Result<(), QueueError> {
        let (settle, message) = self.into_parts();
        settle.dead_letter(&message, reason).await
    }

    fn into_parts(self) -> (Box<dyn Settle>, OutgoingMessage) {
        let message = OutgoingMessage {
            message_id: self.message_id,
            payload: self.payload,
            headers: self.headers,
        };
        (self.settle, message)
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

    /// Messages dead-lettered so far (for operators and tests), each with
    /// its reason in the [`DEAD_REASON`] header when known.
    async fn dead_letters(&self) -> Result<Vec<OutgoingMessage>, QueueError>;

    /// Put dead letters back on the main queue (`None`: all of them; else
    /// those whose `message_id` is listed) and return the ids replayed. A
    /// replay interrupted half-way may leave a message both replayed and
    /// still dead; replaying it again is harmless (the worker's effect is
    /// exactly once).
    async fn replay(&self, ids: Option<&[String]>) -> Result<Vec<String>, QueueError>;

    /// Messages waiting to be delivered (back-pressure); cheap enough to
    /// ask on every publish (RabbitMQ's answer is cached briefly).
    async fn depth(&self) -> Result<u64, QueueError>;

    /// Whether the queue answers right now (for health checks).
    async fn ready(&self) -> bool;

    /// How long the oldest message not yet settled has waited (a backlog
    /// that ages is a stuck worker, whatever the depth); zero when empty.
    /// `None`: a backend that cannot tell without taking the message
    /// (RabbitMQ over AMQP; the worker's `fazhi_queue_wait_seconds` covers it).
    async fn oldest_age(&self) -> Result<Option<Duration>, QueueError> {
        Ok(None)
    }
}

/// The queue the settings ask for: RabbitMQ when an AMQP URL is set, else
/// the embedded queue in the given database.
pub fn from_settings(
    settings: &fazhi_config::QueueSettings,
    worker: &fazhi_config::WorkerSettings,
    db: sea_orm::DatabaseConnection,
) -> std::sync::Arc<dyn Queue> {
    match settings.amqp_url.as_deref().filter(|u| !u.is_empty()) {
        Some(url) => std::sync::Arc::new(
            amqp::AmqpQueue::new(amqp::AmqpSettings {
                url: url.to_owned(),
                topology: topology::Topology::new(&settings.name),
                prefetch: settings.prefetch,
                confirm_timeout: settings.confirm_timeout,
                connect_timeout: settings.connect_timeout,
            })
            .with_options(amqp::AmqpOptions {
                // validate() keeps it whole seconds within u16.
                heartbeat_s: u16::try_from(settings.heartbeat.as_secs()).unwrap_or(u16::MAX),
                operation_timeout: settings.operation_timeout,
                retry_delay: worker.retry_delay,
            })
            .with_tls_ca(settings.tls_ca_cert.as_deref().and_then(|path| {
                // Unreadable: say so; connecting then fails verification
                // (UNAVAILABLE), never silently without TLS.
                std::fs::read_to_string(path)
                    .map_err(|e| tracing::error!(path = %path.display(), error = %e, "queue.tls_ca_cert unreadable"))
                    .ok()
            })),
        ),
        None => std::sync::Arc::new(
            embedded::EmbeddedQueue::new(
                db,
                embedded::EmbeddedSettings {
                    queue: settings.name.clone(),
                    max_attempts: settings.max_attempts,
                    poll_interval: settings.poll_interval,
                    lease: settings.lease,
                    retry_delay: worker.retry_delay,
                },
            )
            .with_operation_timeout(settings.operation_timeout),
        ),
    }
}
