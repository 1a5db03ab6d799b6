//! Settling one embedded delivery: ack deletes its row, retry and release
//! hand it back (a retry counted and delayed by `available_at`, a release
//! not), a dead letter keeps it with its reason.

use super::*;

pub(super) struct EmbeddedSettle {
    pub(super) db: DatabaseConnection,
    pub(super) id: i64,
    /// Our lease; settling is a no-op if the lease was lost to another consumer.
    pub(super) lease_until: i64,
    pub(super) retry_delay: Duration,
    pub(super) timeout: Duration,
}

impl EmbeddedSettle {
    async fn execute(&self, sql: &str, mut values: Vec<Value>) -> Result<(), QueueError> {
        values.push(self.id.into());
        values.push(self.lease_until.into());
        within(self.timeout, async {
            self.db
                .execute_raw(statement(self.db.get_database_backend(), sql, values))
                .await?;
            Ok(())
        })
        .await
    }
}

#[async_trait]
impl Settle for EmbeddedSettle {
    async fn ack(&self) -> Result<(), QueueError> {
        self.execute(
            "DELETE FROM queue_messages WHERE id = ? AND lease_until = ?",
            vec![],
        )
        .await
    }

    async fn retry(&self) -> Result<(), QueueError> {
        let at = now_ms() + i64::try_from(self.retry_delay.as_millis()).unwrap_or(0);
        self.execute(
            "UPDATE queue_messages SET lease_until = NULL, available_at = ? WHERE id = ? AND lease_until = ?",
            vec![at.into()],
        )
        .await
    }

    async fn release(&self, _message: &OutgoingMessage) -> Result<(), QueueError> {
        self.execute(
            "UPDATE queue_messages SET lease_until = NULL, available_at = ?, \
             attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END \
             WHERE id = ? AND lease_until = ?",
            vec![now_ms().into()],
        )
        .await
    }

    async fn dead_letter(
        &self,
        _message: &OutgoingMessage,
        reason: &str,
    ) -> Result<(), QueueError> {
        self.execute(
            "UPDATE queue_messages SET dead = ?, lease_until = NULL, last_error = ? WHERE id = ? AND lease_until = ?",
            vec![true.into(), reason.to_owned().into()],
        )
        .await
    }
}
