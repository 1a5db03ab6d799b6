//! Logs, traces and metrics: where they go and how they look.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct LogSettings {
    /// `pretty` for people, `json` for log collectors.
    pub format: LogFormat,
    /// `tracing` filter directive, e.g. `info,fazhi=debug`.
    pub filter: String,
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
