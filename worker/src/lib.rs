//! fazhi-worker: turns queued submissions into stored parses and summaries.
//!
//! For each delivery: decode and parse (pure, on a blocking thread), then one
//! database transaction stores the outcome and the rebuilt district summary,
//! then the delivery is acked. A crash anywhere before the ack means a
//! redelivery, which the transaction recognises as a duplicate: every
//! accepted submission is processed exactly once.

mod analyze;

pub use analyze::analyze;

use std::sync::Arc;
use std::time::Duration;

use fazhi_config::WorkerSettings;
use fazhi_queue::{Delivery, Queue, TRACEPARENT};
use fazhi_store::processing::Completion;
use fazhi_store::{Store, SubmissionRecord};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

/// Why a delivery failed, which decides what happens to it.
#[derive(Debug, thiserror::Error)]
enum DeliveryError {
    /// The message itself is bad: retrying cannot help.
    #[error("permanent: {0}")]
    Permanent(String),
    /// Something around it failed (database down): retry later.
    #[error("transient: {0}")]
    Transient(#[from] fazhi_store::StoreError),
}

#[derive(Clone)]
pub struct Worker {
    store: Store,
    queue: Arc<dyn Queue>,
    settings: WorkerSettings,
    max_attempts: u32,
}

impl Worker {
    pub fn new(
        store: Store,
        queue: Arc<dyn Queue>,
        settings: WorkerSettings,
        max_attempts: u32,
    ) -> Self {
        Worker {
            store,
            queue,
            settings,
            max_attempts: max_attempts.max(1),
        }
    }

    /// Consume until `shutdown`; reconnects with back-off whenever the queue
    /// connection is lost.
    pub async fn run(&self, shutdown: CancellationToken) {
        let mut backoff = Duration::from_millis(200);
        while !shutdown.is_cancelled() {
            let deliveries = tokio::select! {
                _ = shutdown.cancelled() => break,
                d = self.queue.subscribe() => d,
            };
            match deliveries {
                Ok(deliveries) => {
                    tracing::info!("worker consuming");
                    backoff = Duration::from_millis(200);
                    self.consume(deliveries, &shutdown).await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, retry_in = ?backoff, "cannot subscribe to the queue")
                }
            }
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(backoff) => {}
            }
            backoff = (backoff * 2).min(Duration::from_secs(10));
        }
        tracing::info!("worker stopped");
    }

    async fn consume(&self, mut deliveries: fazhi_queue::Deliveries, shutdown: &CancellationToken) {
        let limit = self.settings.concurrency.max(1);
        let mut in_flight = FuturesUnordered::new();
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => break,
                Some(()) = in_flight.next(), if !in_flight.is_empty() => {}
                item = deliveries.next(), if in_flight.len() < limit => match item {
                    Some(Ok(delivery)) => in_flight.push(self.handle(delivery)),
                    Some(Err(e)) => {
                        tracing::warn!(error = %e, "queue connection lost");
                        break;
                    }
                    None => {
                        tracing::warn!("queue closed the subscription");
                        break;
                    }
                },
            }
        }
        // Finish what was started: its results are committed and acked, or
        // the delivery returns to the queue when the connection drops.
        while in_flight.next().await.is_some() {}
    }

    async fn handle(&self, delivery: Delivery) {
        let trace_id = delivery
            .headers
            .get(TRACEPARENT)
            .and_then(|tp| fazhi_queue::trace::trace_id(tp))
            .unwrap_or_default()
            .to_owned();
        let span = tracing::info_span!(
            "submission",
            submission_id = %delivery.message_id,
            trace_id = %trace_id,
            attempt = delivery.attempt
        );
        async move {
            let attempt = delivery.attempt;
            let settled = match self.process(&delivery.payload).await {
                Ok(Completion::Stored(status)) => {
                    tracing::info!(status = status.as_str(), "submission processed");
                    delivery.ack().await
                }
                Ok(Completion::Duplicate) => {
                    tracing::info!("already completed or withdrawn: redelivery acknowledged, nothing changed");
                    delivery.ack().await
                }
                Err(DeliveryError::Permanent(reason)) => {
                    tracing::error!(%reason, "unprocessable message: dead-lettered");
                    delivery.dead_letter(&reason).await
                }
                Err(DeliveryError::Transient(e)) if attempt >= self.max_attempts => {
                    tracing::error!(error = ?e, "giving up after {attempt} attempts: dead-lettered");
                    delivery.dead_letter(&e.to_string()).await
                }
                Err(DeliveryError::Transient(e)) => {
                    tracing::warn!(error = ?e, "processing failed; will retry");
                    tokio::time::sleep(Duration::from_millis(self.settings.retry_delay_ms)).await;
                    delivery.retry().await
                }
            };
            if let Err(e) = settled {
                // The delivery will come back; the transaction makes that harmless.
                tracing::warn!(error = %e, "could not settle delivery");
            }
            if self.settings.pause_ms > 0 {
                tokio::time::sleep(Duration::from_millis(self.settings.pause_ms)).await;
            }
        }
        .instrument(span)
        .await
    }

    async fn process(&self, payload: &[u8]) -> Result<Completion, DeliveryError> {
        let record = SubmissionRecord::from_json(payload)
            .map_err(|e| DeliveryError::Permanent(format!("not a submission message: {e}")))?;
        let for_parse = record.clone();
        let outcome = match tokio::task::spawn_blocking(move || analyze(&for_parse)).await {
            Ok(outcome) => outcome,
            // The parser must never panic; if it does, the clerk still sees
            // a final status instead of QUEUED forever.
            Err(e) => {
                tracing::error!(error = %e, "parser failed");
                fazhi_store::processing::Outcome::Rejected {
                    reason: "解析报告时出现内部错误，已记录，请联系依法治区办".into(),
                }
            }
        };
        Ok(self.store.complete(&record, &outcome).await?)
    }
}
