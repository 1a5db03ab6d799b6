//! The database: its URL (never printed) and every deadline a call to it has.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::duration;

use crate::redact::redact_url;

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct DatabaseSettings {
    /// `sqlite://path?mode=rwc` or `postgres://…`. Empty (the default):
    /// `fazhi.db` in the data directory. Its password is never printed
    /// (see the `Debug` impl).
    pub url: String,
    pub max_connections: u32,
    /// Longest wait for a pooled connection; past it the call fails as an
    /// outage (and a connection stuck on a silent network is dropped).
    #[serde(with = "duration")]
    pub acquire_timeout: Duration,
    /// PostgreSQL `statement_timeout`: the server cancels a statement that
    /// runs (or waits for a lock) longer.
    #[serde(with = "duration")]
    pub statement_timeout: Duration,
    /// PostgreSQL `idle_in_transaction_session_timeout`: the server ends a
    /// session whose client went silent mid-transaction, releasing its locks.
    #[serde(with = "duration")]
    pub idle_in_transaction_timeout: Duration,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        DatabaseSettings {
            url: String::new(),
            max_connections: 5,
            acquire_timeout: Duration::from_secs(10),
            statement_timeout: Duration::from_secs(30),
            idle_in_transaction_timeout: Duration::from_secs(60),
        }
    }
}

impl std::fmt::Debug for DatabaseSettings {
    // The URL may carry a password: never printed, not even in a debug dump.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &redact_url(&self.url))
            .field("max_connections", &self.max_connections)
            .field("acquire_timeout", &self.acquire_timeout)
            .field("statement_timeout", &self.statement_timeout)
            .field(
                "idle_in_transaction_timeout",
                &self.idle_in_transaction_timeout,
            )
            .finish()
    }
}
