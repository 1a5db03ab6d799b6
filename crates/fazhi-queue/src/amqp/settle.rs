//! Settling a RabbitMQ delivery.
//!
//! A retry is a `reject(requeue)` after the retry delay, sent from a task of
//! its own so the worker's slot is free at once. Releasing (an outage, not
//! the message's fault) and dead-lettering publish a copy and then ack the
//! original: the copy starts with a fresh delivery count (3.x quorum queues
//! count every requeue towards `x-delivery-limit`), and a dead letter keeps
//! its reason. A crash between publish and ack leaves two copies, which the
//! worker's exactly-once effect makes harmless.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use lapin::options::{BasicAckOptions, BasicRejectOptions};

use super::publisher::{Publisher, unavailable};
use super::{fresh_copy, within};
use crate::{DEAD_REASON, OutgoingMessage, QueueError, Settle};

pub(crate) struct AmqpSettle {
    pub(crate) acker: lapin::Acker,
    pub(crate) publisher: Arc<Publisher>,
    pub(crate) retry_delay: Duration,
    pub(crate) timeout: Duration,
}

impl AmqpSettle {
    async fn reject(&self, requeue: bool) -> Result<(), QueueError> {
        within(self.timeout, "reject", async {
            self.acker
                .reject(BasicRejectOptions { requeue })
                .await
                .map(|_| ())
                .map_err(|e| unavailable("reject", e))
        })
        .await
    }
}

#[async_trait]
impl Settle for AmqpSettle {
    async fn ack(&self) -> Result<(), QueueError> {
        within(self.timeout, "ack", async {
            self.acker
                .ack(BasicAckOptions::default())
                .await
                .map(|_| ())
                .map_err(|e| unavailable("ack", e))
        })
        .await
    }

    async fn retry(&self) -> Result<(), QueueError> {
        // reject(requeue) counts as a delivery attempt on 3.x quorum queues;
        // never nack-spin.
        let (acker, delay, timeout) = (self.acker.clone(), self.retry_delay, self.timeout);
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let rejected =
                tokio::time::timeout(timeout, acker.reject(BasicRejectOptions { requeue: true }))
                    .await;
            if !matches!(rejected, Ok(Ok(_))) {
                // The channel is gone: the broker redelivers it anyway.
                tracing::warn!("could not hand a retried delivery back");
            }
        });
        Ok(())
    }

    async fn release(&self, message: &OutgoingMessage) -> Result<(), QueueError> {
        let exchange = self.publisher.topology.exchange.clone();
        self.publisher
            .publish_to(&exchange, &fresh_copy(message))
            .await?;
        self.ack().await
    }

    async fn dead_letter(&self, message: &OutgoingMessage, reason: &str) -> Result<(), QueueError> {
        let mut copy = fresh_copy(message);
        copy.headers
            .insert(DEAD_REASON.to_owned(), reason.to_owned());
        let exchange = self.publisher.topology.dead_letter_exchange.clone();
        match self.publisher.publish_to(&exchange, &copy).await {
            Ok(()) => self.ack().await,
            Err(e) => {
                // The broker's own dead-lettering still works without the
                // publisher; only the reason is lost.
                tracing::warn!(error = %e, "dead-lettering with its reason failed; rejecting instead");
                self.reject(false).await
            }
        }
    }
}
