//! The worker: concurrency, retries and how long an outage is held.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::duration;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct WorkerSettings {
    /// Reports processed concurrently by one worker.
    pub concurrency: usize,
    /// Wait before a failed delivery is retried (embedded queue).
    #[serde(with = "duration")]
    pub retry_delay: Duration,
    /// Pause after each processed report; 0 in production. Lets an operator
    /// throttle a bulk re-import, and lets tests kill a worker mid-batch.
    #[serde(with = "duration")]
    pub pause: Duration,
    /// Longest the transaction storing one report may take; past it the
    /// attempt is abandoned as an outage (a silent database connection).
    #[serde(with = "duration")]
    pub transaction_timeout: Duration,
    /// Back-off between attempts while a dependency is down: starts at
    /// `retry_delay`, doubles, and never exceeds this.
    #[serde(with = "duration")]
    pub outage_backoff_max: Duration,
    /// How long one delivery is held and retried during an outage before it
    /// is handed back to the queue uncounted (RabbitMQ closes a channel that
    /// holds a delivery past its consumer timeout, 30 min by default).
    #[serde(with = "duration")]
    pub outage_hold: Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        WorkerSettings {
            concurrency: 4,
            retry_delay: Duration::from_secs(1),
            pause: Duration::ZERO,
            transaction_timeout: Duration::from_secs(60),
            outage_backoff_max: Duration::from_secs(60),
            outage_hold: Duration::from_secs(10 * 60),
        }
    }
}
