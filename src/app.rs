//! Long-running processes: server, worker, or both.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use fazhi_config::Settings;
use fazhi_queue::Queue;
use fazhi_store::Store;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub struct Parts {
    pub store: Store,
    pub queue: Arc<dyn Queue>,
}

pub async fn connect(settings: &Settings) -> anyhow::Result<Parts> {
    let store = Store::connect_with(
        &settings.database.url,
        settings.database.max_connections,
        pool_timeouts(&settings.database),
    )
    .await
    .with_context(|| format!("opening the database {}", redact(&settings.database.url)))?;
    crate::credentials::bootstrap(settings, &store).await?;
    let queue = fazhi_queue::from_settings(&settings.queue, &settings.worker, store.db().clone());
    tracing::info!(
        database = %redact(&settings.database.url),
        queue = if settings.uses_embedded_queue() { "embedded" } else { "rabbitmq" },
        "connected"
    );
    Ok(Parts { store, queue })
}

fn pool_timeouts(db: &fazhi_config::DatabaseSettings) -> fazhi_store::PoolTimeouts {
    use std::time::Duration;
    fazhi_store::PoolTimeouts {
        acquire: Duration::from_millis(db.acquire_timeout_ms),
        statement: Duration::from_millis(db.statement_timeout_ms),
        idle_in_transaction: Duration::from_millis(db.idle_in_transaction_timeout_ms),
    }
}

/// A URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://***@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

/// Cancelled on Ctrl-C or SIGTERM.
pub fn shutdown_token() -> CancellationToken {
    let token = CancellationToken::new();
    let t = token.clone();
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(s) => s,
                    Err(_) => {
                        let _ = ctrl_c.await;
                        t.cancel();
                        return;
                    }
                };
            tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        tracing::info!("shutting down");
        t.cancel();
    });
    token
}

pub async fn bind(settings: &Settings) -> anyhow::Result<TcpListener> {
    TcpListener::bind(&settings.grpc.listen)
        .await
        .with_context(|| format!("listening on {}", settings.grpc.listen))
}

pub fn spawn_server(
    settings: &Settings,
    listener: TcpListener,
    parts: &Parts,
    shutdown: CancellationToken,
) -> tokio::task::JoinHandle<anyhow::Result<()>> {
    let settings = settings.clone();
    let store = parts.store.clone();
    let queue = parts.queue.clone();
    tokio::spawn(async move {
        fazhi_services::serve(listener, &settings, store, queue, shutdown)
            .await
            .context("gRPC server")
    })
}

pub fn spawn_worker(
    settings: &Settings,
    parts: &Parts,
    shutdown: CancellationToken,
) -> tokio::task::JoinHandle<()> {
    let worker = fazhi_worker::Worker::new(
        parts.store.clone(),
        parts.queue.clone(),
        settings.worker.clone(),
        settings.queue.max_attempts,
    );
    tokio::spawn(async move { worker.run(shutdown).await })
}

pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let parts = connect(&settings).await?;
    let listener = bind(&settings).await?;
    announce(&listener);
    let shutdown = shutdown_token();
    spawn_web(&settings, &parts, shutdown.clone()).await;
    spawn_server(&settings, listener, &parts, shutdown).await?
}

/// The browser workbench beside the gRPC server. A port already taken is a
/// warning, not a failure: the API (what systems call) stays up.
pub async fn spawn_web(settings: &Settings, parts: &Parts, shutdown: CancellationToken) {
    let listener = match TcpListener::bind(&settings.web.listen).await {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(listen = %settings.web.listen, error = %e, "workbench not started");
            return;
        }
    };
    if let Ok(addr) = listener.local_addr() {
        // Not println!: a script that read only the first line may have
        // closed the pipe, and that must not bring the server down.
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "workbench on http://{addr}");
    }
    let state = fazhi_web::AppState::new(
        parts.store.clone(),
        parts.queue.clone(),
        settings.grpc.max_document_bytes,
        settings.web.secure_cookies,
    );
    tokio::spawn(async move {
        if let Err(e) = fazhi_web::serve(listener, state, shutdown).await {
            tracing::error!(error = %e, "workbench stopped");
        }
    });
}

pub async fn worker(settings: Settings) -> anyhow::Result<()> {
    let parts = connect(&settings).await?;
    spawn_worker(&settings, &parts, shutdown_token()).await?;
    Ok(())
}

pub async fn up(settings: Settings) -> anyhow::Result<()> {
    let parts = connect(&settings).await?;
    let listener = bind(&settings).await?;
    announce(&listener);
    let shutdown = shutdown_token();
    spawn_web(&settings, &parts, shutdown.clone()).await;
    let worker = spawn_worker(&settings, &parts, shutdown.clone());
    let server = spawn_server(&settings, listener, &parts, shutdown.clone()).await;
    shutdown.cancel();
    let _ = worker.await;
    server?
}

/// Tell scripts and tests where the server listens (it may be port 0).
fn announce(listener: &TcpListener) {
    if let Ok(addr) = listener.local_addr() {
        println!("listening on {addr}");
    }
}

pub async fn import_agencies(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let text = fazhi_core::decode(&bytes).with_context(|| format!("reading {}", file.display()))?;
    let rows = fazhi_store::agencies::parse_roster(&text)?;
    let parts = connect(settings).await?;
    let districts = parts.store.import_roster(&rows).await?;
    let n = rows.len();
    parts
        .store
        .audit(fazhi_store::AuditEvent {
            actor: crate::credentials::cli_actor(),
            action: fazhi_store::AuditAction::RosterImport,
            target: file.display().to_string(),
            detail: serde_json::json!({ "agencies": n, "codes": rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>() }),
            origin: "cli".into(),
        })
        .await?;
    parts.store.refresh_summaries(&districts).await?;
    println!("imported {n} agencies ({} districts)", districts.len());
    Ok(())
}
