//! Logging and traces: `tracing` to stderr (stdout is for command output),
//! pretty for people or JSON for collectors (`RUST_LOG` overrides the
//! filter); every span also carries an OpenTelemetry context, so a caller's
//! `traceparent` runs on through the queue to the worker's database write,
//! and is exported over OTLP when `telemetry.otlp_endpoint` is set.

use std::sync::OnceLock;

use fazhi_config::{LogFormat, LogSettings, TelemetrySettings};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

static PROVIDER: OnceLock<SdkTracerProvider> = OnceLock::new();

pub fn init(settings: &LogSettings, telemetry: &TelemetrySettings) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&settings.filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        // Colour only for a person at a terminal, never into log files.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let fmt = match settings.format {
        LogFormat::Json => fmt
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .boxed(),
        LogFormat::Pretty => fmt.boxed(),
    };
    let provider = tracer_provider(telemetry);
    // Our spans only (RPC, submission, worker, database write), whatever the
    // log filter: a trace must not break because logs are quiet.
    let otel = tracing_opentelemetry::layer()
        .with_tracer(provider.tracer("fazhi"))
        .with_filter(tracing_subscriber::filter::filter_fn(|m| {
            m.is_span() && m.target().starts_with("fazhi")
        }));
    // A second init (tests, demo inside up) is harmless: keep the first.
    if tracing_subscriber::registry()
        .with(fmt.with_filter(filter))
        .with(otel)
        .try_init()
        .is_ok()
    {
        let _ = PROVIDER.set(provider);
    }
}

/// Spans always get ids (propagation works with or without export); they
/// leave the process only when a collector is configured.
fn tracer_provider(telemetry: &TelemetrySettings) -> SdkTracerProvider {
    let resource = opentelemetry_sdk::Resource::builder()
        .with_service_name(telemetry.service_name.clone())
        .build();
    let builder = SdkTracerProvider::builder().with_resource(resource);
    let Some(endpoint) = telemetry.otlp_endpoint.as_deref().filter(|e| !e.is_empty()) else {
        return builder.build();
    };
    use opentelemetry_otlp::WithExportConfig;
    match opentelemetry_otlp::SpanExporter::builder()
        .with_tonic()
        .with_endpoint(endpoint)
        .build()
    {
        Ok(exporter) => builder.with_batch_exporter(exporter).build(),
        Err(e) => {
            eprintln!("fazhi: 无法连接追踪收集器 {endpoint}（{e}），本次运行不导出追踪");
            builder.build()
        }
    }
}

/// Send what is still buffered to the collector before the process exits.
pub fn shutdown() {
    if let Some(provider) = PROVIDER.get() {
        let _ = provider.shutdown();
    }
}

/// lapin and sqlx both use rustls; pick its crypto provider once, explicitly.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
