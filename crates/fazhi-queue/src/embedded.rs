//! The embedded queue: messages are rows of `queue_messages` in fazhi's own
//! database, so one command runs everything with no broker, and an
//! acknowledged publish (a committed insert) survives `kill -9`.
//!
//! A consumer claims a row by setting a lease; ack deletes it; a lease that
//! runs out (the worker died) makes the row deliverable again. Claiming
//! increments `attempts`; a row claimed more than `max_attempts` times is
//! dead-lettered, even if the worker crashes on it every time. A release
//! (outage) takes its claim back off `attempts`. A dead letter is the same row
//! marked `dead` with its reason; replaying clears the mark.
//!
//! Every statement has a client-side deadline (`operation_timeout`): the
//! server's `statement_timeout` cannot help when the network goes silent.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use futures::StreamExt;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, Statement, Value,
};
use tokio::sync::{Notify, OnceCell};

use crate::{DEAD_REASON, Deliveries, Delivery, OutgoingMessage, Queue, QueueError, Settle};

pub mod entity;
mod schema;
mod settle;

use settle::EmbeddedSettle;

use entity as queue_message;

/// Unix ms, the unit of every time in the table.
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Default deadline of one queue statement.
const OPERATION_TIMEOUT: Duration = Duration::from_secs(10);

async fn within<T>(
    limit: Duration,
    work: impl Future<Output = Result<T, QueueError>>,
) -> Result<T, QueueError> {
    tokio::time::timeout(limit, work).await.map_err(|_| {
        QueueError::Unavailable("the database did not answer the queue in time".into())
    })?
}

#[derive(Debug, Clone)]
pub struct EmbeddedSettings {
    pub queue: String,
    pub max_attempts: u32,
    pub poll_interval: Duration,
    pub lease: Duration,
    pub retry_delay: Duration,
}

#[derive(Clone)]
pub struct EmbeddedQueue {
    db: DatabaseConnection,
    settings: Arc<EmbeddedSettings>,
    /// Wakes consumers in this process as soon as something is published.
    wake: Arc<Notify>,
    operation_timeout: Duration,
    /// Set once the table is known to exist (see [`schema`]).
    schema: Arc<OnceCell<()>>,
}

impl EmbeddedQueue {
    pub fn new(db: DatabaseConnection, settings: EmbeddedSettings) -> Self {
        EmbeddedQueue {
            db,
            settings: Arc::new(settings),
            wake: Arc::new(Notify::new()),
            operation_timeout: OPERATION_TIMEOUT,
            schema: Arc::new(OnceCell::new()),
        }
    }

    /// Deadline of each statement (default 10 s).
    pub fn with_operation_timeout(mut self, limit: Duration) -> Self {
        self.operation_timeout = limit;
        self
    }

    /// Make the queue's table where it is missing, once per queue value
    /// (and its clones); every operation asks first.
    async fn ready_table(&self) -> Result<(), QueueError> {
        self.schema
            .get_or_try_init(|| {
                within(self.operation_timeout, async {
                    Ok(schema::ensure(&self.db).await?)
                })
            })
            .await?;
        Ok(())
    }

    /// Messages waiting or in flight (not dead).
    pub async fn depth(&self) -> Result<u64, QueueError> {
        use sea_orm::PaginatorTrait;
        self.ready_table().await?;
        Ok(queue_message::Entity::find()
            .filter(queue_message::Column::Queue.eq(self.settings.queue.as_str()))
            .filter(queue_message::Column::Dead.eq(false))
            .count(&self.db)
            .await?)
    }

    /// Age of the oldest message not dead (waiting or in flight); zero
    /// when there is none.
    pub async fn oldest_age(&self) -> Result<Option<Duration>, QueueError> {
        use sea_orm::QuerySelect;
        self.ready_table().await?;
        let oldest: Option<i64> = queue_message::Entity::find()
            .select_only()
            .column(queue_message::Column::EnqueuedAt)
            .filter(queue_message::Column::Queue.eq(self.settings.queue.as_str()))
            .filter(queue_message::Column::Dead.eq(false))
            .order_by_asc(queue_message::Column::Id)
            .into_tuple()
            .one(&self.db)
            .await?;
        Ok(Some(oldest.map_or(Duration::ZERO, |at| {
            Duration::from_millis(u64::try_from(now_ms() - at).unwrap_or(0))
        })))
    }

    /// Claim the oldest deliverable message, if any.
    async fn claim(&self) -> Result<Option<Delivery>, QueueError> {
        self.ready_table().await?;
        loop {
            let now = now_ms();
            let lease_until =
                now + i64::try_from(self.settings.lease.as_millis()).unwrap_or(i64::MAX / 2);
            let sql = "UPDATE queue_messages SET lease_until = ?, attempts = attempts + 1 \
                 WHERE id = (SELECT id FROM queue_messages WHERE queue = ? AND dead = ? AND available_at <= ? \
                 AND (lease_until IS NULL OR lease_until < ?) ORDER BY id LIMIT 1) \
                 AND dead = ? AND available_at <= ? AND (lease_until IS NULL OR lease_until < ?) \
                 RETURNING id, message_id, payload, headers, attempts";
            let values: Vec<Value> = vec![
                lease_until.into(),
                self.settings.queue.clone().into(),
                false.into(),
                now.into(),
                now.into(),
                // Checked again outside the subquery: on PostgreSQL a claim
                // that waited for a row lock re-reads only the outer WHERE.
                false.into(),
                now.into(),
                now.into(),
            ];
            let row = within(self.operation_timeout, async {
                Ok(self
                    .db
                    .query_one_raw(statement(self.db.get_database_backend(), sql, values))
                    .await?)
            })
            .await?;
            let Some(row) = row else { return Ok(None) };
            let id: i64 = row.try_get("", "id")?;
            let message_id: String = row.try_get("", "message_id")?;
            let payload: Vec<u8> = row.try_get("", "payload")?;
            let headers: String = row.try_get("", "headers")?;
            let attempts: i32 = row.try_get("", "attempts")?;
            let attempt = u32::try_from(attempts).unwrap_or(0);
            let settle = EmbeddedSettle {
                db: self.db.clone(),
                id,
                lease_until,
                retry_delay: self.settings.retry_delay,
                timeout: self.operation_timeout,
            };
            if attempt > self.settings.max_attempts {
                // Claimed too often without being settled: the worker keeps
                // dying on it. Park it instead of crashing forever.
                let parked = OutgoingMessage {
                    message_id: message_id.clone(),
                    payload: Vec::new(),
                    headers: BTreeMap::new(),
                };
                settle
                    .dead_letter(
                        &parked,
                        &format!("delivered {attempts} times without being processed"),
                    )
                    .await?;
                continue;
            }
            let headers: BTreeMap<String, String> =
                serde_json::from_str(&headers).unwrap_or_default();
            return Ok(Some(Delivery::new(
                message_id,
                payload,
                headers,
                attempt,
                Box::new(settle),
            )));
        }
    }
}

/// `?` placeholders become `$1, $2, …` on PostgreSQL.
fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DbBackend::Postgres {
        let mut out = String::with_capacity(sql.len() + 8);
        let mut n = 0;
        for c in sql.chars() {
            if c == '?' {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            } else {
                out.push(c);
            }
        }
        out
    } else {
        sql.to_owned()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

#[async_trait]
impl Queue for EmbeddedQueue {
    async fn publish(&self, message: &OutgoingMessage) -> Result<(), QueueError> {
        // A commit that never answered may still have happened.
        tokio::time::timeout(self.operation_timeout, self.insert(message))
            .await
            .map_err(|_| {
                QueueError::OutcomeUnknown("the database did not confirm the insert in time".into())
            })??;
        self.wake.notify_waiters();
        Ok(())
    }

    async fn subscribe(&self) -> Result<Deliveries, QueueError> {
        let queue = self.clone();
        let stream = futures::stream::unfold(queue, |queue| async move {
            loop {
                // Register interest before looking, so a publish in between
                // is not missed.
                let wake = queue.wake.clone();
                let notified = wake.notified();
                match queue.claim().await {
                    Ok(Some(delivery)) => return Some((Ok(delivery), queue)),
                    Ok(None) => {
                        let _ = tokio::time::timeout(queue.settings.poll_interval, notified).await;
                    }
                    Err(e) => return Some((Err(e), queue)),
                }
            }
        });
        Ok(stream.boxed())
    }

    async fn dead_letters(&self) -> Result<Vec<OutgoingMessage>, QueueError> {
        self.ready_table().await?;
        let rows = within(self.operation_timeout, async {
            Ok(queue_message::Entity::find()
                .filter(queue_message::Column::Queue.eq(self.settings.queue.as_str()))
                .filter(queue_message::Column::Dead.eq(true))
                .order_by_asc(queue_message::Column::Id)
                .all(&self.db)
                .await?)
        })
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let mut headers: BTreeMap<String, String> =
                    serde_json::from_str(&r.headers).unwrap_or_default();
                if let Some(reason) = r.last_error {
                    headers.insert(DEAD_REASON.to_owned(), reason);
                }
                OutgoingMessage {
                    message_id: r.message_id,
                    payload: r.payload,
                    headers,
                }
            })
            .collect())
    }

    async fn replay(&self, ids: Option<&[String]>) -> Result<Vec<String>, QueueError> {
        let dead: Vec<String> = self
            .dead_letters()
            .await?
            .into_iter()
            .map(|m| m.message_id)
            .filter(|id| ids.is_none_or(|ids| ids.contains(id)))
            .collect();
        for id in &dead {
            // The same row goes back to the main queue with a fresh count.
            let sql = "UPDATE queue_messages SET dead = ?, attempts = 0, lease_until = NULL, \
                       available_at = ?, last_error = NULL WHERE queue = ? AND message_id = ? AND dead = ?";
            let values: Vec<Value> = vec![
                false.into(),
                now_ms().into(),
                self.settings.queue.clone().into(),
                id.clone().into(),
                true.into(),
            ];
            within(self.operation_timeout, async {
                self.db
                    .execute_raw(statement(self.db.get_database_backend(), sql, values))
                    .await?;
                Ok(())
            })
            .await?;
        }
        if !dead.is_empty() {
            self.wake.notify_waiters();
        }
        Ok(dead)
    }

    async fn depth(&self) -> Result<u64, QueueError> {
        within(self.operation_timeout, EmbeddedQueue::depth(self)).await
    }

    async fn ready(&self) -> bool {
        within(self.operation_timeout, async { Ok(self.db.ping().await?) })
            .await
            .is_ok()
    }

    async fn oldest_age(&self) -> Result<Option<Duration>, QueueError> {
        within(self.operation_timeout, EmbeddedQueue::oldest_age(self)).await
    }
}

impl EmbeddedQueue {
    async fn insert(&self, message: &OutgoingMessage) -> Result<(), QueueError> {
        self.ready_table().await?;
        let now = now_ms();
        let headers = serde_json::to_string(&message.headers).unwrap_or_else(|_| "{}".into());
        queue_message::Entity::insert(queue_message::ActiveModel {
            queue: Set(self.settings.queue.clone()),
            message_id: Set(message.message_id.clone()),
            payload: Set(message.payload.clone()),
            headers: Set(headers),
            attempts: Set(0),
            available_at: Set(now),
            lease_until: Set(None),
            dead: Set(false),
            last_error: Set(None),
            enqueued_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                queue_message::Column::Queue,
                queue_message::Column::MessageId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&self.db)
        .await
        .map_err(|e| QueueError::Unavailable(format!("storing message: {e}")))?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "embedded_tests.rs"]
mod tests;
