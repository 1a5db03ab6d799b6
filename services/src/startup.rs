//! Assemble the gRPC server on an already-bound listener (bind first, so a
//! caller, a test on port 0 say, knows the address before serving starts).

use std::sync::Arc;

use fazhi_config::Settings;
use fazhi_proto::v1::checks_server::ChecksServer;
use fazhi_proto::v1::district_summary_service_server::DistrictSummaryServiceServer;
use fazhi_proto::v1::report_ingest_service_server::ReportIngestServiceServer;
use fazhi_proto::v1::season_server::SeasonServer;
use fazhi_queue::Queue;
use fazhi_store::Store;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::analysis::Analyses;
use crate::ingest::Ingest;
use crate::oversize::OversizeLayer;
use crate::summary::Summaries;
use fazhi_proto::v1::analysis_service_server::AnalysisServiceServer;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("gRPC transport: {0}")]
    Transport(#[from] tonic::transport::Error),
    #[error("reflection service: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
    #[error("TLS certificate or key {path}: {source}")]
    Tls {
        path: String,
        source: std::io::Error,
    },
}

fn read_pem(path: &std::path::Path) -> Result<Vec<u8>, ServeError> {
    std::fs::read(path).map_err(|source| ServeError::Tls {
        path: path.display().to_string(),
        source,
    })
}

/// How often health re-checks the database and the queue.
const HEALTH_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

/// Keep the health status honest: ingest is SERVING only while both the
/// database and the queue answer (it needs both to accept a report); the
/// summary service needs the database. The empty service name ("") is the
/// process's liveness and stays SERVING while the server runs.
async fn watch_dependencies(
    health: tonic_health::server::HealthReporter,
    store: Store,
    queue: Arc<dyn Queue>,
    shutdown: CancellationToken,
) {
    let mut last = dependency_status(&store, &queue).await;
    set_statuses(&health, last).await;
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(HEALTH_INTERVAL) => {}
        }
        let (db_ok, queue_ok) = dependency_status(&store, &queue).await;
        if last != (db_ok, queue_ok) {
            {
                tracing::warn!(
                    database = db_ok,
                    queue = queue_ok,
                    "dependency health changed"
                );
            }
            set_statuses(&health, (db_ok, queue_ok)).await;
            last = (db_ok, queue_ok);
        }
    }
}

/// Whether the database and the queue answer now, each within the interval.
async fn dependency_status(store: &Store, queue: &Arc<dyn Queue>) -> (bool, bool) {
    let db_ok = tokio::time::timeout(HEALTH_INTERVAL, store.ping())
        .await
        .is_ok_and(|r| r.is_ok());
    let queue_ok = tokio::time::timeout(HEALTH_INTERVAL, queue.ready())
        .await
        .unwrap_or(false);
    let (depth, oldest) = match queue_ok {
        true => (
            tokio::time::timeout(HEALTH_INTERVAL, queue.depth())
                .await
                .ok()
                .and_then(Result::ok),
            tokio::time::timeout(HEALTH_INTERVAL, queue.oldest_age())
                .await
                .ok()
                .and_then(Result::ok)
                .flatten(),
        ),
        false => (None, None),
    };
    crate::metrics::dependencies(db_ok, queue_ok, depth, oldest);
    (db_ok, queue_ok)
}

async fn set_statuses(
    health: &tonic_health::server::HealthReporter,
    (db_ok, queue_ok): (bool, bool),
) {
    use tonic_health::ServingStatus::{NotServing, Serving};
    let status = |ok| if ok { Serving } else { NotServing };
    health
        .set_service_status(
            <ReportIngestServiceServer<Ingest> as tonic::server::NamedService>::NAME,
            status(db_ok && queue_ok),
        )
        .await;
    health
        .set_service_status(
            <DistrictSummaryServiceServer<Summaries> as tonic::server::NamedService>::NAME,
            status(db_ok),
        )
        .await;
    health
        .set_service_status(
            <AnalysisServiceServer<Analyses> as tonic::server::NamedService>::NAME,
            status(db_ok),
        )
        .await;
}

/// Every RPC's span, a child of the caller's `traceparent` when it sent one
/// (so a client's trace runs on into ours, through the queue to the worker).
/// Only the method's path: never a header's value (tokens) or the body.
fn rpc_span(request: &http::Request<()>) -> tracing::Span {
    let span = tracing::info_span!("rpc", rpc.method = %request.uri().path());
    let caller = request
        .headers()
        .get("traceparent")
        .and_then(|v| v.to_str().ok());
    fazhi_queue::trace::adopt(&span, caller);
    span
}

/// Serve ingest, summary, health and reflection until `shutdown` is cancelled.
/// Health and reflection carry no data and need no credential; every other
/// call is authenticated and authorized in the services (see `policy`).
pub async fn serve(
    listener: TcpListener,
    settings: &Settings,
    store: Store,
    queue: Arc<dyn Queue>,
    shutdown: CancellationToken,
) -> Result<(), ServeError> {
    let grpc = &settings.grpc;
    let (health, health_service) = tonic_health::server::health_reporter();
    // Known before the first request: the watcher's first round runs before
    // the server accepts connections.
    set_statuses(&health, dependency_status(&store, &queue).await).await;
    tokio::spawn(watch_dependencies(
        health,
        store.clone(),
        queue.clone(),
        shutdown.clone(),
    ));
    // v1 and v1alpha: older grpcurl and GUI clients only speak v1alpha.
    let reflection = || {
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(fazhi_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
    };
    let reflection_v1alpha = reflection().build_v1alpha()?;
    let reflection = reflection().build_v1()?;

    let ingest = ReportIngestServiceServer::new(
        Ingest::new(store.clone(), queue.clone(), grpc.max_document_bytes)
            .with_max_backlog(settings.queue.max_backlog),
    )
    .max_decoding_message_size(grpc.max_message_bytes());
    let season = SeasonServer::new(crate::season::SeasonService::new(store.clone()))
        .max_decoding_message_size(grpc.max_message_bytes());
    let checks = ChecksServer::new(crate::checks::Checks::new(store.clone()))
        .max_encoding_message_size(grpc.max_message_bytes().max(64 * 1024 * 1024));
    let analyses = AnalysisServiceServer::new(Analyses::new(store.clone()))
        .max_encoding_message_size(grpc.max_message_bytes().max(64 * 1024 * 1024));
    let summaries = DistrictSummaryServiceServer::new(Summaries::new(store))
        .max_encoding_message_size(grpc.max_message_bytes().max(64 * 1024 * 1024));

    tracing::info!(address = ?listener.local_addr().ok(), tls = grpc.tls.is_some(), "gRPC server listening");
    // With an incoming stream tonic does not apply its own TCP_NODELAY
    // default; without it small responses wait ~40 ms for delayed ACKs
    // (measured: SubmitReport p99 43 ms → 6 ms, see docs/benchmarks.md).
    let incoming = tonic::transport::server::TcpIncoming::from(listener).with_nodelay(Some(true));
    let mut builder = tonic::transport::Server::builder();
    if let Some(tls) = &grpc.tls {
        let identity = tonic::transport::Identity::from_pem(
            read_pem(&tls.cert_path)?,
            read_pem(&tls.key_path)?,
        );
        builder =
            builder.tls_config(tonic::transport::ServerTlsConfig::new().identity(identity))?;
    }
    builder
        .trace_fn(rpc_span)
        .layer(OversizeLayer::new(grpc.max_document_bytes))
        .add_service(health_service)
        .add_service(reflection)
        .add_service(reflection_v1alpha)
        .add_service(ingest)
        .add_service(summaries)
        .add_service(season)
        .add_service(checks)
        .add_service(analyses)
        .serve_with_incoming_shutdown(incoming, shutdown.cancelled_owned())
        .await?;
    Ok(())
}
