//! Sections 1 and 2: RabbitMQ's own publish-with-confirm limit, and
//! `AmqpQueue::publish` against it.

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
        let connection = tokio::time::timeout(
            Duration::from_secs(3),
            Connection::connect(AMQP_URL, ConnectionProperties::default()),
        )
        .await
        .map_err(|_| "connect timed out".to_owned())?
        .map_err(amqp_err("connect"))?;
        let channel = connection
            .create_channel()
            .await
            .map_err(amqp_err("channel"))?;
        Ok(Admin {
            connection,
            channel,
            created: Vec::new(),
        })
    }

    pub(crate) fn topology(&mut self, prefix: &str) -> Topology {
        let t = Topology::new(&unique(prefix));
        self.created.push(t.clone());
        t
    }

    /// Start each row from an empty queue.
    pub(crate) async fn purge(&self, t: &Topology) {
        if let Err(e) = self
            .channel
            .queue_purge(t.queue.as_str().into(), QueuePurgeOptions::default())
            .await
        {
            eprintln!("purge {}: {e}", t.queue);
        }
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

/// Section 1: the broker's own limit. Returns the rate per level.
pub(crate) async fn raw_broker(
    admin: &mut Admin,
    n: usize,
    payload: &Arc<Vec<u8>>,
) -> Option<[f64; 2]> {
    let mut table = Table::new("1. RabbitMQ limit: publish-with-confirm on one channel");
    let topology = admin.topology("fazhi.bench.raw.");
    let setup = async {
        let connection = Connection::connect(AMQP_URL, ConnectionProperties::default())
            .await
            .map_err(amqp_err("connect"))?;
        let channel = connection
            .create_channel()
            .await
            .map_err(amqp_err("channel"))?;
        declare(&channel, &topology).await?;
        channel
            .confirm_select(ConfirmSelectOptions::default())
            .await
            .map_err(amqp_err("confirm.select"))?;
        Ok::<_, String>((connection, channel))
    };
    let (connection, channel) = match setup.await {
        Ok(c) => c,
        Err(e) => {
            println!("\nRabbitMQ publisher setup failed ({e}); skipping the RabbitMQ rows.");
            return None;
        }
    };
    let message = Arc::new(OutgoingMessage {
        message_id: unique("raw-"),
        payload: payload.to_vec(),
        headers: BTreeMap::from([(
            TRACEPARENT.to_owned(),
            fazhi_queue::trace::new_traceparent(),
        )]),
    });
    for _ in 0..WARMUP {
        let _ = raw_publish(&channel, &topology.exchange, &message).await;
    }
    let mut rates = [0.0; 2];
    for (slot, &c) in LEVELS.iter().enumerate() {
        admin.purge(&topology).await;
        let (channel, exchange, message) = (
            channel.clone(),
            Arc::new(topology.exchange.clone()),
            message.clone(),
        );
        let stats = measure(c, n, move |_| {
            let (channel, exchange, message) = (channel.clone(), exchange.clone(), message.clone());
            async move { raw_publish(&channel, &exchange, &message).await }
        })
        .await;
        rates[slot] = stats.rate();
        table.push(
            Row::from_stats(
                "amqp::publish_confirmed (one channel)",
                c,
                &stats,
                Some(rates[slot]),
            ),
            Some(&stats),
        );
    }
    table.note(format!(
        "Message: the sample wrapped as the real JSON message ({} bytes), persistent, mandatory, \
         message id and traceparent header; quorum queue declared by `fazhi_queue::amqp::declare`.",
        payload.len()
    ));
    table.print();
    let _ = connection.close(200, "bench done".into()).await;
    Some(rates)
}

/// Section 2: our publisher through the trait.
pub(crate) async fn amqp_queue(
    admin: &mut Admin,
    n: usize,
    content: &Arc<Vec<u8>>,
    limits: [f64; 2],
) {
    let mut table = Table::new("2. `AmqpQueue::publish` (through `dyn Queue`)");
    let topology = admin.topology("fazhi.bench.amqp.");
    let defaults = QueueSettings::default();
    let queue: Arc<dyn Queue> = Arc::new(AmqpQueue::new(AmqpSettings {
        url: AMQP_URL.to_owned(),
        topology: topology.clone(),
        prefetch: defaults.prefetch,
        confirm_timeout: defaults.confirm_timeout,
        connect_timeout: defaults.connect_timeout,
    }));
    let content = content.clone();
    for _ in 0..WARMUP {
        let _ = queue
            .publish(&message(&record(&content, "xymj", "warm-up")))
            .await;
    }
    for (slot, &c) in LEVELS.iter().enumerate() {
        admin.purge(&topology).await;
        let (queue, content) = (queue.clone(), content.clone());
        let stats = measure(c, n, move |i| {
            let (queue, content) = (queue.clone(), content.clone());
            async move {
                // Building the message is part of what SubmitReport pays too.
                let m = message(&record(&content, "xymj", &i.to_string()));
                queue.publish(&m).await.map_err(|e| e.to_string())
            }
        })
        .await;
        table.push(
            Row::from_stats("AmqpQueue::publish", c, &stats, Some(limits[slot])),
            Some(&stats),
        );
    }
    table.note("Ratio: against the raw lapin row of the same concurrency (section 1).".into());
    table.print();
}
