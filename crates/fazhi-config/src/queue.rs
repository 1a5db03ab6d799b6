//! The queue: RabbitMQ or the embedded one, and how deliveries are retried.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::duration;

use crate::redact::redact_url;

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct QueueSettings {
    /// RabbitMQ URL. Unset: the embedded queue, durable in the database.
    pub amqp_url: Option<String>,
    /// Base name of the queue; the exchange, dead-letter exchange and
    /// dead-letter queue are derived from it (see `fazhi_queue::topology`).
    pub name: String,
    /// Deliveries a worker holds unacknowledged at once.
    pub prefetch: u16,
    /// Deliveries of one message before it is dead-lettered.
    pub max_attempts: u32,
    /// How long SubmitReport waits for the broker's confirm before UNAVAILABLE.
    #[serde(with = "duration")]
    pub confirm_timeout: Duration,
    /// How long a connection attempt to the broker may take.
    #[serde(with = "duration")]
    pub connect_timeout: Duration,
    /// Embedded queue: how often an idle consumer looks for new messages.
    #[serde(with = "duration")]
    pub poll_interval: Duration,
    /// Embedded queue: a delivery not acknowledged within this time is
    /// delivered again (the worker holding it is presumed dead).
    #[serde(with = "duration")]
    pub lease: Duration,
    /// Messages waiting beyond which SubmitReport answers RESOURCE_EXHAUSTED
    /// (back-pressure: the worker drains far slower than ingest accepts).
    pub max_backlog: u64,
    /// PEM CA certificate to trust for an `amqps://` URL (the broker's TLS).
    pub tls_ca_cert: Option<std::path::PathBuf>,
    /// AMQP heartbeat asked of the broker (whole seconds; 0: the broker's).
    /// A connection silent for two heartbeats is dropped and opened again.
    #[serde(with = "duration")]
    pub heartbeat: Duration,
    /// Longest any other broker operation (declare, consume, ack, reject,
    /// reading dead letters) may take before it counts as an outage.
    #[serde(with = "duration")]
    pub operation_timeout: Duration,
}

impl Default for QueueSettings {
    fn default() -> Self {
        QueueSettings {
            amqp_url: None,
            name: "fazhi.submissions".to_owned(),
            // Equal to worker.concurrency: a worker holds no more than it
            // works on, so a restart returns few untouched deliveries.
            prefetch: 4,
            max_attempts: 5,
            confirm_timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(3),
            poll_interval: Duration::from_millis(200),
            lease: Duration::from_secs(60),
            max_backlog: 10_000,
            tls_ca_cert: None,
            heartbeat: Duration::from_secs(20),
            operation_timeout: Duration::from_secs(10),
        }
    }
}

impl std::fmt::Debug for QueueSettings {
    // The broker URL may carry a password: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueueSettings")
            .field("amqp_url", &self.amqp_url.as_deref().map(redact_url))
            .field("name", &self.name)
            .field("prefetch", &self.prefetch)
            .field("max_attempts", &self.max_attempts)
            .field("max_backlog", &self.max_backlog)
            .finish_non_exhaustive()
    }
}
