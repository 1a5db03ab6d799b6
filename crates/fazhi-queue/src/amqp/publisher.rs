//! Publishing to RabbitMQ with confirms, on one shared connection.
//!
//! A confirm-mode channel; each message persistent and `mandatory`; success
//! only for an ack with no returned message (the broker acks unroutable
//! messages too, after returning them). A confirm that does not come in time
//! (a broker under a memory or disk alarm blocks publishers silently) is a
//! failure. Any failure drops the connection, and the next publish connects
//! again, so the service recovers without a restart.
//!
//! A failure before the message was handed to the connection is
//! [`QueueError::Unavailable`] (not queued); after it, unless the broker
//! answered (nack, returned), it is [`QueueError::OutcomeUnknown`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use lapin::options::{
    BasicPublishOptions, ConfirmSelectOptions, ExchangeDeclareOptions, QueueBindOptions,
    QueueDeclareOptions,
};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties, ExchangeKind};
use tokio::sync::{Mutex, MutexGuard};

use crate::topology::{PERSISTENT, ROUTING_KEY, Topology};
use crate::{OutgoingMessage, QueueError};

/// Confirm-mode channels used for publishing. Each carries at most one
/// publish awaiting its confirm: lapin attaches a returned (unroutable)
/// message to whichever confirm resolves next on the channel, so two in
/// flight on one channel could swap their outcomes. So the pool's size is
/// the number of confirms in flight: under a deadline rush it, not the
/// broker, bounded ingest at 8. Channels are opened as publishes overlap
/// (the lowest idle slot is taken), so an idle service holds few.
const PUBLISH_CHANNELS: usize = 64;

pub(crate) fn unavailable(what: &str, e: impl std::fmt::Display) -> QueueError {
    QueueError::Unavailable(format!("{what}: {e}"))
}

/// The URL with `heartbeat` set, unless the URL sets it already: lapin
/// closes a connection that has been silent for two heartbeats, which is how
/// a consumer on a connection that stopped forwarding notices.
pub(crate) fn with_heartbeat(url: &str, heartbeat_s: u16) -> String {
    if heartbeat_s == 0 || url.contains("heartbeat=") {
        return url.to_owned();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}heartbeat={heartbeat_s}")
}

pub(crate) struct Publisher {
    pub(crate) url: String,
    pub(crate) topology: Topology,
    pub(crate) connect_timeout: Duration,
    pub(crate) confirm_timeout: Duration,
    /// The publishing connection with its generation, if open.
    connection: Mutex<Option<(u64, Arc<Connection>)>>,
    generation: AtomicU64,
    /// One publish at a time per slot; the channel belongs to a generation.
    slots: Vec<Mutex<Option<(u64, Channel)>>>,
    next_slot: AtomicUsize,
    /// PEM CA certificate(s) to trust for `amqps://` (lapin's rustls
    /// connector has no root store of its own).
    tls_ca: Option<String>,
}

impl Publisher {
    pub(crate) fn with_tls_ca(mut self, pem: Option<String>) -> Self {
        self.tls_ca = pem;
        self
    }

    pub(crate) fn new(
        url: String,
        topology: Topology,
        connect_timeout: Duration,
        confirm_timeout: Duration,
    ) -> Self {
        Publisher {
            url,
            topology,
            connect_timeout,
            confirm_timeout,
            connection: Mutex::new(None),
            generation: AtomicU64::new(0),
            slots: (0..PUBLISH_CHANNELS).map(|_| Mutex::new(None)).collect(),
            next_slot: AtomicUsize::new(0),
            tls_ca: None,
        }
    }

    pub(crate) async fn connect(&self) -> Result<Connection, QueueError> {
        let connecting = async {
            match &self.tls_ca {
                None => Connection::connect(&self.url, ConnectionProperties::default()).await,
                Some(pem) => {
                    let tls = lapin::tcp::OwnedTLSConfig {
                        identity: None,
                        cert_chain: Some(pem.clone()),
                    };
                    Connection::connect_with_config(
                        &self.url,
                        ConnectionProperties::default(),
                        tls,
                        lapin::runtime::default_runtime()?,
                    )
                    .await
                }
            }
        };
        tokio::time::timeout(self.connect_timeout, connecting)
            .await
            .map_err(|_| QueueError::Unavailable("connecting to RabbitMQ timed out".into()))?
            .map_err(|e| unavailable("connecting to RabbitMQ", e))
    }

    /// Declare exchange, queue, dead-letter exchange and queue (idempotent).
    /// The dead-letter pair first: the main queue names its exchange.
    pub(crate) async fn declare(&self, channel: &Channel) -> Result<(), QueueError> {
        declare(channel, &self.topology).await
    }

    /// The publishing connection, opened (and the topology declared) if needed.
    pub(crate) async fn connection(&self) -> Result<(u64, Arc<Connection>), QueueError> {
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
    pub(crate) async fn drop_connection(&self, generation: u64) {
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

    /// Publish to `exchange` and await the confirm, under one deadline over
    /// everything: connecting, declaring, writing the frames (a broker under
    /// a resource alarm stops reading the socket) and the confirm.
    pub(crate) async fn publish_to(
        &self,
        exchange: &str,
        message: &OutgoingMessage,
    ) -> Result<(), QueueError> {
        let index = AtomicUsize::new(0);
        let used = AtomicU64::new(0);
        let sent = AtomicBool::new(false);
        let limit = self.connect_timeout + self.confirm_timeout;
        let attempt = async {
            let slot = self.free_slot(&index).await;
            self.publish_on(slot, exchange, message, &used, &sent).await
        };
        let result = match tokio::time::timeout(limit, attempt).await {
            Ok(result) => result,
            Err(_) => {
                *self.slots[index.load(Ordering::SeqCst)].lock().await = None;
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
        match result {
            // Once the frames may have left, silence is not a refusal.
            Err(QueueError::Unavailable(cause)) if sent.load(Ordering::SeqCst) => {
                Err(QueueError::OutcomeUnknown(cause))
            }
            other => other,
        }
    }

    /// The lowest idle slot, so channels are opened only as far as
    /// publishes overlap (one at a time always reuses the first); all busy:
    /// the next slot in turn, once its publish is done. The slot taken is
    /// left in `index`.
    async fn free_slot(&self, index: &AtomicUsize) -> MutexGuard<'_, Option<(u64, Channel)>> {
        for (i, slot) in self.slots.iter().enumerate() {
            if let Ok(guard) = slot.try_lock() {
                index.store(i, Ordering::SeqCst);
                return guard;
            }
        }
        let i = self.next_slot.fetch_add(1, Ordering::Relaxed) % self.slots.len();
        index.store(i, Ordering::SeqCst);
        self.slots[i].lock().await
    }

    /// Publish on one slot's channel and await the confirm, holding the slot
    /// throughout. Records the connection generation used in `used`, and in
    /// `sent` that the message was handed to the connection.
    async fn publish_on(
        &self,
        mut slot: MutexGuard<'_, Option<(u64, Channel)>>,
        exchange: &str,
        message: &OutgoingMessage,
        used: &AtomicU64,
        sent: &AtomicBool,
    ) -> Result<(), QueueError> {
        let (generation, connection) = self.connection().await?;
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
        sent.store(true, Ordering::SeqCst);
        let result = publish_confirmed(&channel, exchange, message, self.confirm_timeout).await;
        if result.is_err() {
            // A channel with an unsettled confirm or a stray return is not reused.
            *slot = None;
        }
        result
    }
}

/// Declare exchange, queue, dead-letter exchange and queue of `t`
/// (idempotent). The dead-letter pair first: the main queue names its
/// exchange. The one declaration: the publisher, the consumer and the
/// benchmark's raw baseline use it.
pub async fn declare(channel: &Channel, t: &Topology) -> Result<(), QueueError> {
    declare_bound_queue(
        channel,
        &t.dead_letter_exchange,
        &t.dead_letter_queue,
        t.dead_letter_queue_arguments(),
    )
    .await?;
    declare_bound_queue(channel, &t.exchange, &t.queue, t.queue_arguments()).await
}

/// Publish one message as fazhi does (persistent, mandatory, message id,
/// headers) on a confirm-mode channel and await the broker's confirm.
pub async fn publish_confirmed(
    channel: &Channel,
    exchange: &str,
    message: &OutgoingMessage,
    confirm_timeout: Duration,
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
    let confirm = channel
        .basic_publish(
            exchange.into(),
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
    let confirmation = tokio::time::timeout(confirm_timeout, confirm)
        .await
        .map_err(|_| QueueError::OutcomeUnknown("RabbitMQ did not confirm in time".into()))?
        .map_err(|e| QueueError::OutcomeUnknown(format!("waiting for confirm: {e}")))?;
    // The broker answered: a nack or a return means it did not queue it.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heartbeat_is_added_to_the_url_unless_it_sets_one() {
        assert_eq!(
            with_heartbeat("amqp://h:5672/%2f", 20),
            "amqp://h:5672/%2f?heartbeat=20"
        );
        assert_eq!(
            with_heartbeat("amqp://h/%2f?frame_max=8192", 5),
            "amqp://h/%2f?frame_max=8192&heartbeat=5"
        );
        assert_eq!(
            with_heartbeat("amqp://h/%2f?heartbeat=60", 5),
            "amqp://h/%2f?heartbeat=60"
        );
        assert_eq!(with_heartbeat("amqp://h/%2f", 0), "amqp://h/%2f");
    }
}
