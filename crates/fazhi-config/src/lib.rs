//! Configuration: one typed struct, loaded from defaults, then an optional TOML
//! file, then `FAZHI_*` environment variables (`__` separates nesting:
//! `FAZHI_QUEUE__AMQP_URL`). Tests build a [`Settings`] directly and never touch
//! the process environment.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

mod data_dir;
mod database;
mod duration;
mod grpc;
mod queue;
mod redact;
mod renamed;
mod telemetry;
mod validate;
mod web;
mod worker;

pub use database::DatabaseSettings;
pub use grpc::{ClientSettings, GrpcSettings, TlsSettings};
pub use queue::QueueSettings;
pub use redact::redact_url;
pub use telemetry::{LogFormat, LogSettings, MetricsSettings, TelemetrySettings};
pub use web::WebSettings;
pub use worker::WorkerSettings;

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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
