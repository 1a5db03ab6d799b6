//! The one declaration of the queue topology, used by publisher, consumer
//! and tests alike. Every name derives from one base name so tests can use
//! their own.

use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};

/// Routing key of submission messages.
pub const ROUTING_KEY: &str = "submission";
/// Quorum queues replicate and survive broker restarts; required for delivery limits.
pub const QUEUE_TYPE: &str = "quorum";
/// AMQP delivery mode 2: written to disk.
pub const PERSISTENT: u8 = 2;
/// The broker's own delivery limit: a safety net far above the worker's
/// `max_attempts`, and a constant, because a queue argument cannot change
/// once the queue exists (a redeclare with another value is refused).
/// Connection losses count as deliveries on RabbitMQ 3.x, so it is generous.
/// An outage of the database does not use it up: the worker holds the
/// delivery while it waits, and hands it back as a fresh copy (new count),
/// never by a counted requeue (see `amqp::settle`).
pub const BROKER_DELIVERY_LIMIT: i32 = 50;
/// Header a quorum queue sets on redelivered messages.
pub const DELIVERY_COUNT_HEADER: &str = "x-delivery-count";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topology {
    pub exchange: String,
    pub queue: String,
    pub dead_letter_exchange: String,
    pub dead_letter_queue: String,
}

impl Topology {
    pub fn new(base: &str) -> Self {
        Topology {
            exchange: base.to_owned(),
            queue: base.to_owned(),
            dead_letter_exchange: format!("{base}.dlx"),
            dead_letter_queue: format!("{base}.dead"),
        }
    }

    pub fn queue_arguments(&self) -> FieldTable {
        let mut args = FieldTable::default();
        args.insert(
            ShortString::from("x-queue-type"),
            AMQPValue::LongString(LongString::from(QUEUE_TYPE)),
        );
        args.insert(
            ShortString::from("x-dead-letter-exchange"),
            AMQPValue::LongString(LongString::from(self.dead_letter_exchange.as_str())),
        );
        args.insert(
            ShortString::from("x-dead-letter-routing-key"),
            AMQPValue::LongString(LongString::from(ROUTING_KEY)),
        );
        args.insert(
            ShortString::from("x-delivery-limit"),
            AMQPValue::LongInt(BROKER_DELIVERY_LIMIT),
        );
        // Dead-letter at least once (the default, at-most-once, may drop a
        // message on the way to the dead-letter queue); requires
        // reject-publish overflow.
        args.insert(
            ShortString::from("x-dead-letter-strategy"),
            AMQPValue::LongString(LongString::from("at-least-once")),
        );
        args.insert(
            ShortString::from("x-overflow"),
            AMQPValue::LongString(LongString::from("reject-publish")),
        );
        args
    }

    pub fn dead_letter_queue_arguments(&self) -> FieldTable {
        let mut args = FieldTable::default();
        args.insert(
            ShortString::from("x-queue-type"),
            AMQPValue::LongString(LongString::from(QUEUE_TYPE)),
        );
        args
    }
}
