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
/// Header a quorum queue sets on redelivered messages.
pub const DELIVERY_COUNT_HEADER: &str = "x-delivery-count";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topology {
    pub exchange: String,
    pub queue: String,
    pub dead_letter_exchange: String,
    pub dead_letter_queue: String,
    /// Deliveries before the broker dead-letters by itself (a safety net
    /// beside the worker's own count).
    pub delivery_limit: u32,
}

impl Topology {
    pub fn new(base: &str, delivery_limit: u32) -> Self {
        Topology {
            exchange: base.to_owned(),
            queue: base.to_owned(),
            dead_letter_exchange: format!("{base}.dlx"),
            dead_letter_queue: format!("{base}.dead"),
            delivery_limit: delivery_limit.max(1),
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
            AMQPValue::LongInt(i32::try_from(self.delivery_limit).unwrap_or(i32::MAX)),
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
