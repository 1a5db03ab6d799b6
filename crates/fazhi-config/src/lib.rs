//! Configuration: one typed struct, loaded from defaults, then an optional TOML
//! file, then `FAZHI_*` environment variables (`__` separates nesting:
//! `FAZHI_QUEUE__AMQP_URL`). Tests build a [`Settings`] directly and never touch
//! the process environment.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

mod data_dir;
mod duration;
mod redact;
mod renamed;
mod validate;

pub use redact::redact_url;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
#[derive(Default)]
pub struct Settings {
    /// Where the default SQLite file and `credentials.toml` live (`--data-dir`,
    /// `FAZHI_DATA_DIR`). Unset: the platform's data folder (on Linux
    /// `~/.local/share/fazhi`), whatever the current folder, so every
    /// command finds the same database.
    pub data_dir: Option<PathBuf>,
    pub database: DatabaseSettings,
    pub queue: QueueSettings,
    pub grpc: GrpcSettings,
    pub worker: WorkerSettings,
    pub log: LogSettings,
    pub client: ClientSettings,
    pub web: WebSettings,
    pub metrics: MetricsSettings,
    pub telemetry: TelemetrySettings,
}

/// Traces: every span carries an OpenTelemetry context (propagated from the
/// caller's `traceparent` through the queue to the worker); export is off
/// unless an OTLP collector is named.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct TelemetrySettings {
    /// OTLP/gRPC collector, e.g. `http://otel-collector:4317`. Unset: no export.
    pub otlp_endpoint: Option<String>,
    /// `service.name` of the exported spans.
    pub service_name: String,
}

impl Default for TelemetrySettings {
    fn default() -> Self {
        TelemetrySettings {
            otlp_endpoint: None,
            service_name: "fazhi".to_owned(),
        }
    }
}

/// Prometheus text at `/metrics` on its own port (each process, server or
/// worker, serves its own counters).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct MetricsSettings {
    /// Address of the `/metrics` endpoint (port 0: any free port). Unset:
    /// no endpoint.
    pub listen: Option<SocketAddr>,
}

impl Default for MetricsSettings {
    fn default() -> Self {
        MetricsSettings {
            listen: Some(SocketAddr::from(([127, 0, 0, 1], 9184))),
        }
    }
}

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

#[derive(Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct QueueSettings {
    /// RabbitMQ URL. Unset: the embedded queue, durable in the database.
    pub amqp_url: Option<String>,
    /// Base name of the queue; the exchange, dead-letter exchange and
    /// dead-letter queue are derived from it (see `fazhi_queue::topology`).
    pub name: String,
    /// Deliveries a worker holds unacknowledged at once.
    pub prefetch: u16,
    /// Deliveries of one message before it is dead-lettered.
    pub max_attempts: u32,
    /// How long SubmitReport waits for the broker's confirm before UNAVAILABLE.
    #[serde(with = "duration")]
    pub confirm_timeout: Duration,
    /// How long a connection attempt to the broker may take.
    #[serde(with = "duration")]
    pub connect_timeout: Duration,
    /// Embedded queue: how often an idle consumer looks for new messages.
    #[serde(with = "duration")]
    pub poll_interval: Duration,
    /// Embedded queue: a delivery not acknowledged within this time is
    /// delivered again (the worker holding it is presumed dead).
    #[serde(with = "duration")]
    pub lease: Duration,
    /// Messages waiting beyond which SubmitReport answers RESOURCE_EXHAUSTED
    /// (back-pressure: the worker drains far slower than ingest accepts).
    pub max_backlog: u64,
    /// PEM CA certificate to trust for an `amqps://` URL (the broker's TLS).
    pub tls_ca_cert: Option<std::path::PathBuf>,
    /// AMQP heartbeat asked of the broker (whole seconds; 0: the broker's).
    /// A connection silent for two heartbeats is dropped and opened again.
    #[serde(with = "duration")]
    pub heartbeat: Duration,
    /// Longest any other broker operation (declare, consume, ack, reject,
    /// reading dead letters) may take before it counts as an outage.
    #[serde(with = "duration")]
    pub operation_timeout: Duration,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct GrpcSettings {
    /// Address the gRPC server listens on (port 0: any free port).
    pub listen: SocketAddr,
    /// Largest document accepted. The one size limit: the gRPC message
    /// limit is derived from it ([`GrpcSettings::max_message_bytes`]). Queue
    /// messages never carry the document (only its hash), so the broker's
    /// message limit does not bound it.
    pub max_document_bytes: usize,
    /// TLS for the gRPC server (rustls). Unset: plaintext, for loopback only.
    pub tls: Option<TlsSettings>,
}

/// The browser workbench (fazhi-web), served beside the gRPC API.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct WebSettings {
    /// Address the workbench listens on (port 0: any free port).
    pub listen: SocketAddr,
    /// Mark session cookies `Secure`: set when a TLS proxy fronts the
    /// workbench (browsers then never send them over plain HTTP).
    pub secure_cookies: bool,
}

impl Default for WebSettings {
    fn default() -> Self {
        WebSettings {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TlsSettings {
    /// PEM certificate chain.
    pub cert_path: std::path::PathBuf,
    /// PEM private key.
    pub key_path: std::path::PathBuf,
}

/// How the CLI's client commands reach a server.
#[derive(Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(default)]
pub struct ClientSettings {
    /// API token (`fz_…`). Unset: the local credentials file of the embedded
    /// defaults (`credentials.toml` in the data directory), if there is one.
    pub token: Option<String>,
    /// PEM CA certificate to trust for an `https://` server.
    pub ca_cert: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for ClientSettings {
    // The token is a secret: never printed, not even in a debug dump.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSettings")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("ca_cert", &self.ca_cert)
            .finish()
    }
}

/// Room in a request for everything but the document (names, key, framing).
const REQUEST_OVERHEAD_BYTES: usize = 64 * 1024;

impl GrpcSettings {
    /// The gRPC decoding limit matching the document limit.
    pub fn max_message_bytes(&self) -> usize {
        self.max_document_bytes
            .saturating_add(REQUEST_OVERHEAD_BYTES)
    }
}

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

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct LogSettings {
    /// `pretty` for people, `json` for log collectors.
    pub format: LogFormat,
    /// `tracing` filter directive, e.g. `info,fazhi=debug`.
    pub filter: String,
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

impl Default for QueueSettings {
    fn default() -> Self {
        QueueSettings {
            amqp_url: None,
            name: "fazhi.submissions".to_owned(),
            // Equal to worker.concurrency: a worker holds no more than it
            // works on, so a restart returns few untouched deliveries.
            prefetch: 4,
            max_attempts: 5,
            confirm_timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(3),
            poll_interval: Duration::from_millis(200),
            lease: Duration::from_secs(60),
            max_backlog: 10_000,
            tls_ca_cert: None,
            heartbeat: Duration::from_secs(20),
            operation_timeout: Duration::from_secs(10),
        }
    }
}

impl Default for GrpcSettings {
    fn default() -> Self {
        GrpcSettings {
            listen: SocketAddr::from(([127, 0, 0, 1], 50051)),
            // 40 MiB: a Word file full of photos is often 20-30 MB. The file
            // is kept in the database, never in a queue message (those carry
            // its hash), so the broker's message limit does not bound it;
            // extraction bounds what the parser reads (4 M characters).
            max_document_bytes: 40 * 1024 * 1024,
            tls: None,
        }
    }
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

impl Default for LogSettings {
    fn default() -> Self {
        LogSettings {
            format: LogFormat::Pretty,
            filter: "info".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Lines for a person at a terminal.
    #[default]
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("配置无法读取: {0}")]
    Load(#[from] Box<figment::Error>),
    /// Every problem found, one clerk-readable sentence each.
    #[error("配置有误：\n{}", .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<String>),
    #[error("{0}")]
    NoDataDir(String),
}

impl Settings {
    /// Defaults, then `file` if given (it must exist), then `FAZHI_*`
    /// variables; the data directory resolved, then validated.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        Self::load_with(file, None)
    }

    /// [`Settings::load`] with a data directory given on the command line
    /// (it wins over the file and the environment).
    pub fn load_with(
        file: Option<&Path>,
        data_dir: Option<&Path>,
    ) -> Result<Settings, ConfigError> {
        let mut figment = Self::figment(file).merge(Env::prefixed("FAZHI_").split("__"));
        if let Some(dir) = data_dir {
            figment = figment.merge(Serialized::default("data_dir", dir));
        }
        let old = renamed::old_keys(&figment);
        if !old.is_empty() {
            return Err(ConfigError::Invalid(old));
        }
        let settings: Settings = figment.extract().map_err(Box::new)?;
        let settings = settings.resolved()?;
        settings.validate()?;
        Ok(settings)
    }

    /// Defaults then the file, without the environment (for tests and tools).
    pub fn from_file(file: &Path) -> Result<Settings, ConfigError> {
        let figment = Self::figment(Some(file));
        let old = renamed::old_keys(&figment);
        if !old.is_empty() {
            return Err(ConfigError::Invalid(old));
        }
        let settings: Settings = figment.extract().map_err(Box::new)?;
        settings.resolved()
    }

    fn figment(file: Option<&Path>) -> Figment {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        figment
    }

    /// SQLite and the embedded queue: a single machine's own installation,
    /// where the first start may create local credentials (never on
    /// RabbitMQ or PostgreSQL, which are production).
    pub fn is_embedded(&self) -> bool {
        self.uses_embedded_queue() && self.database.url.starts_with("sqlite:")
    }

    pub fn uses_embedded_queue(&self) -> bool {
        self.queue.amqp_url.as_deref().is_none_or(str::is_empty)
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

impl std::fmt::Debug for QueueSettings {
    // The broker URL may carry a password: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueueSettings")
            .field("amqp_url", &self.amqp_url.as_deref().map(redact_url))
            .field("name", &self.name)
            .field("prefetch", &self.prefetch)
            .field("max_attempts", &self.max_attempts)
            .field("max_backlog", &self.max_backlog)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_overrides_defaults_and_keeps_the_rest() {
        let dir = std::env::temp_dir().join(format!("fazhi-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("fazhi.toml");
        std::fs::write(&file, "[queue]\namqp_url = \"amqp://x\"\nprefetch = 3\n").unwrap();
        let settings = Settings::from_file(&file).unwrap();
        assert_eq!(settings.queue.amqp_url.as_deref(), Some("amqp://x"));
        assert_eq!(settings.queue.prefetch, 3);
        assert_eq!(
            settings.queue.max_attempts,
            QueueSettings::default().max_attempts
        );
        assert!(!settings.uses_embedded_queue());
    }

    #[test]
    fn a_missing_file_is_an_error_not_silence() {
        let err = Settings::from_file(Path::new("/nonexistent/fazhi.toml"));
        assert!(err.is_err());
    }

    #[test]
    fn default_deadlines_nest_the_way_the_worker_relies_on() {
        let s = Settings::default();
        // RabbitMQ closes a channel holding a delivery for 30 min.
        assert!(s.worker.outage_hold < Duration::from_secs(30 * 60));
        // The server gives up on a statement before the worker gives up on
        // the whole transaction, so a slow lock wait is reported, not cut.
        assert!(s.database.statement_timeout < s.worker.transaction_timeout);
        assert!(s.worker.retry_delay <= s.worker.outage_backoff_max);
        assert!(s.queue.max_backlog > 0);
    }

    #[test]
    fn the_workbench_listens_on_8080_unless_configured() {
        assert_eq!(Settings::default().web.listen.to_string(), "127.0.0.1:8080");
        let dir = std::env::temp_dir().join(format!("fazhi-config-web-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("fazhi.toml");
        std::fs::write(&file, "[web]\nlisten = \"0.0.0.0:0\"\n").unwrap();
        let settings = Settings::from_file(&file).unwrap();
        assert_eq!(settings.web.listen.to_string(), "0.0.0.0:0");
        assert!(!settings.web.secure_cookies);
    }

    #[test]
    fn defaults_use_embedded_queue_and_sqlite_in_the_data_dir() {
        let dir = std::env::temp_dir().join(format!("fazhi-config-dd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("fazhi.toml");
        std::fs::write(&file, format!("data_dir = \"{}\"\n", dir.display())).unwrap();
        let settings = Settings::from_file(&file).unwrap();
        assert!(settings.uses_embedded_queue());
        assert!(settings.is_embedded());
        assert_eq!(
            settings.database.url,
            format!("sqlite://{}?mode=rwc", dir.join("fazhi.db").display())
        );
        assert_eq!(settings.data_dir(), dir);
    }

    #[test]
    fn a_configured_database_url_is_kept_whatever_the_data_dir() {
        let dir = std::env::temp_dir().join(format!("fazhi-config-url-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("fazhi.toml");
        std::fs::write(
            &file,
            "data_dir = \"/srv/fazhi\"\n[database]\nurl = \"postgres://u:pw@db/fazhi\"\n",
        )
        .unwrap();
        let settings = Settings::from_file(&file).unwrap();
        assert_eq!(settings.database.url, "postgres://u:pw@db/fazhi");
    }

    #[test]
    fn passwords_in_urls_never_print() {
        let mut s = Settings::default();
        s.database.url = "postgres://fazhi:hunter2@db:5432/fazhi".into();
        s.queue.amqp_url = Some("amqps://mq:s3cret@mq:5671/%2f".into());
        s.client.token = Some("fz_0123456789".into());
        let dump = format!("{s:?}");
        for secret in ["hunter2", "s3cret", "fz_0123456789"] {
            assert!(!dump.contains(secret), "{secret} printed in {dump}");
        }
        assert!(
            dump.contains("db:5432/fazhi"),
            "the rest of the URL still shows: {dump}"
        );
    }

    #[test]
    fn listen_addresses_and_log_format_are_typed() {
        let dir = std::env::temp_dir().join(format!("fazhi-config-typed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("fazhi.toml");
        std::fs::write(&file, "[grpc]\nlisten = \"localhost:50051\"\n").unwrap();
        assert!(
            Settings::from_file(&file).is_err(),
            "a host name is not a listen address"
        );
        std::fs::write(&file, "[log]\nformat = \"xml\"\n").unwrap();
        assert!(Settings::from_file(&file).is_err());
        std::fs::write(&file, "[log]\nformat = \"json\"\n").unwrap();
        assert_eq!(
            Settings::from_file(&file).unwrap().log.format,
            LogFormat::Json
        );
    }

    #[test]
    fn durations_take_units_and_an_old_ms_key_is_named_not_ignored() {
        let dir = std::env::temp_dir().join(format!("fazhi-config-dur-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("fazhi.toml");
        std::fs::write(
            &file,
            "[queue]\nlease = \"90s\"\npoll_interval = \"50ms\"\n[worker]\npause = 0\n",
        )
        .unwrap();
        let s = Settings::from_file(&file).unwrap();
        assert_eq!(s.queue.lease, Duration::from_secs(90));
        assert_eq!(s.queue.poll_interval, Duration::from_millis(50));
        assert_eq!(s.worker.pause, Duration::ZERO);

        std::fs::write(&file, "[queue]\nlease_ms = 90000\n").unwrap();
        let err = Settings::from_file(&file).unwrap_err().to_string();
        assert!(
            err.contains("queue.lease_ms 已改名为 queue.lease")
                && err.contains("FAZHI_QUEUE__LEASE"),
            "{err}"
        );
        std::fs::write(&file, "[queue]\nlease = 90000\n").unwrap();
        let err = Settings::from_file(&file).unwrap_err().to_string();
        assert!(err.contains("没有单位"), "{err}");
    }
}
