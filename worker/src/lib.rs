//! fazhi-worker: turns queued submissions into stored parses and summaries.
//!
//! For each delivery: decode and parse (pure, on a blocking thread), then one
//! database transaction stores the outcome and the rebuilt district summary,
//! then the delivery is acked. A crash anywhere before the ack means a
//! redelivery, which the transaction recognises as a duplicate: every
//! accepted submission is processed exactly once.
//!
//! A failure is classified ([`classify`]): poison is dead-lettered at once
//! and its submission marked `failed`; an outage is waited out with capped
//! exponential back-off, holding the delivery, never counted as an attempt;
//! anything else is retried by the queue (its delay, not ours) up to
//! `max_attempts`. The transaction has a deadline, so a silent database
//! connection is an outage, not a hang.

mod analyze;
mod classify;
pub mod failures;
pub mod message;
mod policy;
mod render;

pub use analyze::analyze;

use std::sync::Arc;
use std::time::{Duration, Instant};

use fazhi_config::WorkerSettings;
use fazhi_queue::{Delivery, Queue, TRACEPARENT};
use fazhi_store::processing::{Completion, Outcome};
use fazhi_store::{Store, StoreError, SubmissionRecord};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use classify::Class;
use policy::{Action, Backoff};

/// One attempt's failure: its class, the clerk's reason, the technical cause.
#[derive(Debug)]
struct Failure {
    class: Class,
    clerk: &'static str,
    cause: String,
}

impl Failure {
    fn of_store(e: &StoreError) -> Failure {
        let class = classify::of_store(e);
        let clerk = match (class, e) {
            (_, StoreError::Corrupt(_)) => failures::CORRUPT,
            (Class::Poison, _) => failures::REFUSED,
            _ => failures::GAVE_UP,
        };
        Failure {
            class,
            clerk,
            cause: format!("{e:?}"),
        }
    }

    fn timed_out(limit: Duration) -> Failure {
        Failure {
            class: Class::Outage,
            clerk: failures::GAVE_UP,
            cause: format!("the transaction took longer than {limit:?}"),
        }
    }
}

#[derive(Clone)]
pub struct Worker {
    store: Store,
    queue: Arc<dyn Queue>,
    settings: WorkerSettings,
    max_attempts: u32,
    pending: failures::Pending,
    renderer: render::Renderer,
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
            max_attempts: max_attempts.max(1),
            renderer: render::Renderer::default(),
            pending: failures::Pending::new(settings.transaction_timeout),
            settings,
        }
    }

    /// Consume until `shutdown`; reconnects with back-off whenever the queue
    /// connection is lost.
    pub async fn run(&self, shutdown: CancellationToken) {
        // Alongside consuming, not before it: reading a long dead-letter
        // queue must not delay the live one.
        let reconcile = {
            let (store, queue) = (self.store.clone(), self.queue.clone());
            // Many dead letters may take a while; one pass is bounded anyway.
            let limit = self.settings.transaction_timeout * 10;
            tokio::spawn(async move { failures::reconcile_queue(&store, &queue, limit).await })
        };
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
                    self.pending.flush(&self.store).await;
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
        reconcile.abort();
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
                    Some(Ok(delivery)) => in_flight.push(self.handle(delivery, shutdown)),
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

    async fn handle(&self, delivery: Delivery, shutdown: &CancellationToken) {
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
        // A child of the RPC that accepted it: one trace from caller to database.
        fazhi_queue::trace::adopt(&span, delivery.headers.get(TRACEPARENT).map(String::as_str));
        async move {
            let settled = self.settle(delivery, shutdown).await;
            if let Err(e) = settled {
                // The delivery will come back; the transaction makes that harmless.
                tracing::warn!(error = %e, "could not settle delivery");
            }
            if !self.settings.pause.is_zero() {
                tokio::time::sleep(self.settings.pause).await;
            }
        }
        .instrument(span)
        .await
    }

    /// Process one delivery to its end: acked, retried, released or
    /// dead-lettered (or dropped on shutdown, to be delivered again).
    async fn settle(
        &self,
        delivery: Delivery,
        shutdown: &CancellationToken,
    ) -> Result<(), fazhi_queue::QueueError> {
        let (record, reprocess) = match message::job(&delivery.payload) {
            Ok(job) => (job.record, job.reprocess),
            Err(e) => {
                let cause = e.to_string();
                metrics::counter!("fazhi_dead_letters_total").increment(1);
                tracing::error!(%cause, "unprocessable message: dead-lettered");
                let id = delivery.message_id.clone();
                self.pending.mark(&self.store, &id, None, e.reason()).await;
                return delivery.dead_letter(&cause).await;
            }
        };
        // Acceptance to now: on RabbitMQ, which cannot tell the oldest
        // message's age, this is how a backlog that ages shows.
        if reprocess.is_none() {
            let waited = fazhi_store::now_ms().saturating_sub(record.submitted_at);
            metrics::histogram!("fazhi_queue_wait_seconds").record(waited.max(0) as f64 / 1000.0);
        }
        if let Some(job) = reprocess {
            // A redelivered re-read costs one small read, not a parse.
            match self.store.reread_done(&record.submission_id, job).await {
                Ok(true) => {
                    metrics::counter!("fazhi_processing_total", "outcome" => "duplicate")
                        .increment(1);
                    return delivery.ack().await;
                }
                Ok(false) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "could not read the parse to re-read; the queue will retry it");
                    return delivery.retry().await;
                }
            }
        }
        let (content, expected_agency) = match self.inputs(&record).await {
            Ok(inputs) => inputs,
            Err(e) => {
                let failure = Failure::of_store(&e);
                if failure.class == Class::Poison {
                    tracing::error!(cause = %failure.cause, "the kept file is missing or corrupt: dead-lettered");
                    return self.give_up(delivery, &record, &failure).await;
                }
                tracing::warn!(cause = %failure.cause, "could not read the kept file; the queue will retry it");
                return delivery.retry().await;
            }
        };
        let outcome = self.analyze(&record, content, expected_agency).await;
        let initial = self.settings.retry_delay;
        let cap = self.settings.outage_backoff_max;
        let hold_limit = self.settings.outage_hold;
        let mut backoff = Backoff::new(initial, cap);
        let held_since = Instant::now();
        loop {
            let failure = match self.store_outcome(&record, &outcome, reprocess).await {
                Ok(completion) => {
                    match completion {
                        Completion::Stored(status) => {
                            let outcome = if reprocess.is_some() {
                                "reprocessed"
                            } else {
                                status.as_str()
                            };
                            metrics::counter!("fazhi_processing_total", "outcome" => outcome)
                                .increment(1);
                            tracing::info!(status = outcome, "submission processed");
                            if status == fazhi_store::SubmissionStatus::Processed {
                                self.renderer.changed(
                                    &self.store,
                                    &record.district,
                                    record.reporting_year,
                                );
                            }
                        }
                        Completion::Duplicate => {
                            metrics::counter!("fazhi_processing_total", "outcome" => "duplicate")
                                .increment(1);
                            tracing::info!(
                                "already completed or withdrawn: redelivery acknowledged, nothing changed"
                            )
                        }
                    }
                    let acked = delivery.ack().await;
                    self.pending.flush(&self.store).await;
                    return acked;
                }
                Err(failure) => failure,
            };
            let action = policy::after_failure(
                failure.class,
                delivery.attempt,
                self.max_attempts,
                held_since.elapsed(),
                hold_limit,
                backoff.peek(),
            );
            match action {
                Action::DeadLetter => {
                    tracing::error!(cause = %failure.cause, class = ?failure.class, attempt = delivery.attempt, "dead-lettered; submission marked failed");
                    return self.give_up(delivery, &record, &failure).await;
                }
                Action::Retry => {
                    metrics::counter!("fazhi_retries_total").increment(1);
                    tracing::warn!(cause = %failure.cause, "processing failed; the queue will retry it");
                    return delivery.retry().await;
                }
                Action::Release => {
                    tracing::warn!(cause = %failure.cause, held = ?held_since.elapsed(), "still failing for an outage; handed back uncounted");
                    return delivery.release().await;
                }
                Action::Wait(wait) => {
                    backoff.step();
                    tracing::warn!(cause = %failure.cause, retry_in = ?wait, "a dependency is down; waiting");
                    tokio::select! {
                        // Dropped unsettled: delivered again after the restart.
                        _ = shutdown.cancelled() => return Ok(()),
                        _ = tokio::time::sleep(wait) => {}
                    }
                }
            }
        }
    }

    /// The file (from the message of an older release, else kept by its
    /// hash) and the roster's name of the unit it was submitted for.
    /// Set the delivery aside for an operator and mark its submission
    /// `failed` with the clerk's reason.
    async fn give_up(
        &self,
        delivery: Delivery,
        record: &SubmissionRecord,
        failure: &Failure,
    ) -> Result<(), fazhi_queue::QueueError> {
        metrics::counter!("fazhi_dead_letters_total").increment(1);
        self.pending
            .mark(
                &self.store,
                &record.submission_id,
                Some(record.clone()),
                failure.clerk,
            )
            .await;
        delivery.dead_letter(&failure.cause).await
    }

    async fn inputs(
        &self,
        record: &SubmissionRecord,
    ) -> Result<(Vec<u8>, Option<String>), fazhi_store::StoreError> {
        let content = if record.content.is_empty() {
            self.store
                .document(&record.content_sha256)
                .await?
                .ok_or_else(|| {
                    fazhi_store::StoreError::Corrupt(format!(
                        "the file of {} ({}) is not kept",
                        record.submission_id, record.content_sha256
                    ))
                })?
        } else {
            record.content.clone()
        };
        let name = self
            .store
            .agency(&record.agency_code)
            .await?
            .map(|a| a.name);
        Ok((content, name))
    }

    async fn analyze(
        &self,
        record: &SubmissionRecord,
        content: Vec<u8>,
        expected_agency: Option<String>,
    ) -> Outcome {
        let for_parse = record.clone();
        let started = Instant::now();
        let analyzed =
            tokio::task::spawn_blocking(move || analyze(&for_parse, &content, expected_agency))
                .await;
        metrics::histogram!("fazhi_parse_seconds").record(started.elapsed().as_secs_f64());
        match analyzed {
            Ok(outcome) => outcome,
            // The parser must never panic; if it does, the clerk still sees
            // a final status instead of QUEUED forever.
            Err(e) => {
                tracing::error!(error = %e, "parser failed");
                Outcome::Rejected {
                    reason: "解析报告时出现内部错误，已记录，请联系依法治区办".into(),
                }
            }
        }
    }

    /// The transaction, under its deadline (dropping it rolls it back).
    async fn store_outcome(
        &self,
        record: &SubmissionRecord,
        outcome: &Outcome,
        reprocess: Option<i64>,
    ) -> Result<Completion, Failure> {
        let limit = self.settings.transaction_timeout;
        let started = Instant::now();
        let write = tracing::info_span!("db.write", submission_id = %record.submission_id);
        let result = match reprocess {
            None => {
                tokio::time::timeout(
                    limit,
                    self.store.complete(record, outcome).instrument(write),
                )
                .await
            }
            Some(job) => {
                let reread = self.store.reread(record, outcome, job);
                tokio::time::timeout(limit, reread.instrument(write)).await
            }
        };
        metrics::histogram!("fazhi_transaction_seconds").record(started.elapsed().as_secs_f64());
        match result {
            Ok(Ok(completion)) => Ok(completion),
            Ok(Err(e)) => {
                metrics::counter!("fazhi_database_errors_total", "source" => "worker").increment(1);
                Err(Failure::of_store(&e))
            }
            Err(_) => {
                metrics::counter!("fazhi_database_errors_total", "source" => "worker").increment(1);
                Err(Failure::timed_out(limit))
            }
        }
    }
}

#[cfg(test)]
mod tests;
