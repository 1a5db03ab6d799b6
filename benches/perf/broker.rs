//! RabbitMQ for the bench: the raw publish-with-confirm (the broker's own
//! limit), and one admin connection that deletes every topology made.

use super::*;

pub(crate) fn amqp_err(what: &str) -> impl Fn(lapin::Error) -> String + '_ {
    move |e| format!("{what}: {e}")
}

/// The declarations `AmqpQueue` makes (the same function), on our own channel.
pub(crate) async fn declare(channel: &Channel, t: &Topology) -> Result<(), String> {
    fazhi_queue::amqp::declare(channel, t)
        .await
        .map_err(|e| e.to_string())
}

/// One publish as `AmqpQueue` makes it (the same function), awaiting the
/// broker's confirm, on one channel without `AmqpQueue`'s connection
/// handling: the broker's own cost.
pub(crate) async fn raw_publish(
    channel: &Channel,
    exchange: &str,
    message: &OutgoingMessage,
) -> Result<(), String> {
    let timeout = QueueSettings::default().confirm_timeout;
    fazhi_queue::amqp::publish_confirmed(channel, exchange, message, timeout)
        .await
        .map_err(|e| e.to_string())
}

/// A connection for declaring, purging and deleting the bench's queues.
pub(crate) struct Admin {
    pub(crate) connection: Connection,
    pub(crate) channel: Channel,
    /// Every topology created in this run, deleted at the end.
    pub(crate) created: Vec<Topology>,
}

impl Admin {
    pub(crate) async fn connect() -> Result<Admin, String> {
        let (connection, channel) = connect(Duration::from_secs(3)).await?;
        Ok(Admin {
            connection,
            channel,
            created: Vec::new(),
        })
    }

    pub(crate) async fn delete_all(self) {
        for t in &self.created {
            for queue in [&t.queue, &t.dead_letter_queue] {
                let _ = self
                    .channel
                    .queue_delete(queue.as_str().into(), QueueDeleteOptions::default())
                    .await;
            }
            for exchange in [&t.exchange, &t.dead_letter_exchange] {
                let _ = self
                    .channel
                    .exchange_delete(exchange.as_str().into(), ExchangeDeleteOptions::default())
                    .await;
            }
        }
        let _ = self.connection.close(200, "bench done".into()).await;
    }
}

/// A connection to the bench's broker and one channel on it, within `limit`.
async fn connect(limit: Duration) -> Result<(Connection, Channel), String> {
    let connection = tokio::time::timeout(
        limit,
        Connection::connect(AMQP_URL, ConnectionProperties::default()),
    )
    .await
    .map_err(|_| "connect timed out".to_owned())?
    .map_err(amqp_err("connect"))?;
    let channel = connection
        .create_channel()
        .await
        .map_err(amqp_err("channel"))?;
    Ok((connection, channel))
}

/// A confirm-mode channel with `t` declared, for raw publishes.
pub(crate) async fn raw_channel(t: &Topology) -> Result<(Connection, Channel), String> {
    let (connection, channel) = connect(Duration::from_secs(5)).await?;
    declare(&channel, t).await?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .map_err(amqp_err("confirm.select"))?;
    Ok((connection, channel))
}
