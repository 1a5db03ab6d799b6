//! [`Application::build`]: the one way the system starts (the binary's
//! `serve`/`worker`/`up`/`demo`, the integration tests, the benches). It
//! connects the store (running migrations) and the queue, binds every
//! listener first (so port 0 is known before anything serves) and spawns
//! the parts asked for; [`Application::run_until_stopped`] waits for them.

pub mod local_credentials;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use fazhi_config::{Settings, redact_url};
use fazhi_queue::Queue;
use fazhi_store::Store;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub struct Parts {
    pub store: Store,
    pub queue: Arc<dyn Queue>,
}

/// Open the database (migrating it) and the queue. The one place that
/// decides embedded vs RabbitMQ is `fazhi_queue::from_settings`: RabbitMQ
/// when `queue.amqp_url` is set, else rows in this database.
pub async fn connect(settings: &Settings) -> anyhow::Result<Parts> {
    let store = Store::connect_with(
        &settings.database.url,
        settings.database.max_connections,
        pool_timeouts(&settings.database),
    )
    .await
    .with_context(|| format!("无法打开数据库 {}", redact_url(&settings.database.url)))?;
    local_credentials::bootstrap(settings, &store).await?;
    let queue = fazhi_queue::from_settings(&settings.queue, &settings.worker, store.db().clone());
    tracing::info!(
        database = %redact_url(&settings.database.url),
        queue = if settings.uses_embedded_queue() { "embedded" } else { "rabbitmq" },
        "connected"
    );
    Ok(Parts { store, queue })
}

fn pool_timeouts(db: &fazhi_config::DatabaseSettings) -> fazhi_store::PoolTimeouts {
    fazhi_store::PoolTimeouts {
        acquire: db.acquire_timeout,
        statement: db.statement_timeout,
        idle_in_transaction: db.idle_in_transaction_timeout,
    }
}

/// Which parts one process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Roles {
    /// The gRPC API (ingest, summaries, health, reflection).
    pub server: bool,
    /// The browser workbench (a port already taken is a warning).
    pub web: bool,
    pub worker: bool,
    /// `/metrics` on `metrics.listen`, when configured.
    pub metrics: bool,
}

impl Roles {
    pub const SERVE: Roles = Roles {
        server: true,
        web: true,
        worker: false,
        metrics: true,
    };
    pub const WORKER: Roles = Roles {
        server: false,
        web: false,
        worker: true,
        metrics: true,
    };
    pub const UP: Roles = Roles {
        server: true,
        web: true,
        worker: true,
        metrics: true,
    };
    /// Server and worker only (tests, benches, the demo's first part).
    pub const HEADLESS: Roles = Roles {
        server: true,
        web: false,
        worker: true,
        metrics: false,
    };
}

pub struct Application {
    grpc: Option<SocketAddr>,
    web: Option<SocketAddr>,
    metrics: Option<SocketAddr>,
    store: Store,
    queue: Arc<dyn Queue>,
    settings: Settings,
    shutdown: CancellationToken,
    server: Option<JoinHandle<anyhow::Result<()>>>,
    others: Vec<JoinHandle<()>>,
}

impl Application {
    pub async fn build(settings: &Settings, roles: Roles) -> anyhow::Result<Application> {
        let parts = connect(settings).await?;
        Self::build_with(settings, roles, parts).await
    }

    /// Build on an already open store and queue (a test that put a proxy
    /// in front of the broker, say).
    pub async fn build_with(
        settings: &Settings,
        roles: Roles,
        parts: Parts,
    ) -> anyhow::Result<Application> {
        let grpc_listener = match roles.server {
            true => Some(
                TcpListener::bind(settings.grpc.listen)
                    .await
                    .with_context(|| format!("无法在 {} 上监听 gRPC", settings.grpc.listen))?,
            ),
            false => None,
        };
        let web_listener = match roles.web {
            true => match TcpListener::bind(settings.web.listen).await {
                Ok(l) => Some(l),
                Err(e) => {
                    tracing::warn!(listen = %settings.web.listen, error = %e, "workbench not started");
                    None
                }
            },
            false => None,
        };
        let metrics_listener = match (roles.metrics, settings.metrics.listen) {
            (true, Some(addr)) => crate::metrics::bind(addr).await,
            _ => None,
        };
        let mut app = Application {
            grpc: local_addr(&grpc_listener),
            web: local_addr(&web_listener),
            metrics: local_addr(&metrics_listener),
            store: parts.store,
            queue: parts.queue,
            settings: settings.clone(),
            shutdown: CancellationToken::new(),
            server: None,
            others: Vec::new(),
        };
        if let Some(listener) = metrics_listener {
            // Installed before anything counts, so no early count is lost.
            crate::metrics::handle()?;
            let shutdown = app.shutdown.clone();
            app.others.push(tokio::spawn(async move {
                if let Err(e) = crate::metrics::serve(listener, shutdown).await {
                    tracing::error!(error = %format!("{e:#}"), "metrics endpoint stopped");
                }
            }));
        }
        if let Some(listener) = grpc_listener {
            let (settings, store, queue) =
                (app.settings.clone(), app.store.clone(), app.queue.clone());
            let shutdown = app.shutdown.clone();
            app.server = Some(tokio::spawn(async move {
                fazhi_services::serve(listener, &settings, store, queue, shutdown)
                    .await
                    .context("gRPC 服务")
            }));
        }
        if let Some(listener) = web_listener {
            app.spawn_web(listener);
        }
        if roles.worker {
            app.start_worker();
        }
        Ok(app)
    }

    fn spawn_web(&mut self, listener: TcpListener) {
        let state = fazhi_web::AppState::new(
            self.store.clone(),
            self.queue.clone(),
            self.settings.grpc.max_document_bytes,
            self.settings.web.secure_cookies,
        );
        let shutdown = self.shutdown.clone();
        self.others.push(tokio::spawn(async move {
            if let Err(e) = fazhi_web::serve(listener, state, shutdown).await {
                tracing::error!(error = %e, "workbench stopped");
            }
        }));
    }

    /// Start (another) worker in this process, sharing store and queue.
    pub fn start_worker(&mut self) {
        let worker = fazhi_worker::Worker::new(
            self.store.clone(),
            self.queue.clone(),
            self.settings.worker.clone(),
            self.settings.queue.max_attempts,
        );
        let shutdown = self.shutdown.clone();
        self.others
            .push(tokio::spawn(async move { worker.run(shutdown).await }));
    }

    pub fn grpc_addr(&self) -> Option<SocketAddr> {
        self.grpc
    }

    pub fn web_addr(&self) -> Option<SocketAddr> {
        self.web
    }

    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn queue(&self) -> &Arc<dyn Queue> {
        &self.queue
    }

    /// Cancel this to stop everything the application runs.
    pub fn shutdown_token(&self) -> CancellationToken {
        self.shutdown.clone()
    }

    /// Tell people and scripts where things are (ports may be 0 in the
    /// configuration). `writeln!`, not `println!`: a script that read the
    /// first line may have closed the pipe, and that must not stop a server.
    pub fn announce(&self) {
        use std::io::Write;
        let mut out = std::io::stdout();
        // The first stdout line stays the address (scripts read it); where
        // the data is goes to stderr, for the person.
        let database = redact_url(&self.settings.database.url);
        let _ = match &self.settings.data_dir {
            Some(dir) => writeln!(
                std::io::stderr(),
                "数据目录：{}；数据库：{database}",
                dir.display()
            ),
            None => writeln!(std::io::stderr(), "数据库：{database}"),
        };
        if let Some(a) = self.grpc {
            let _ = writeln!(out, "listening on {a}");
        }
        if let Some(a) = self.web {
            let _ = writeln!(out, "workbench on http://{a}");
        }
        if let Some(a) = self.metrics {
            let _ = writeln!(out, "metrics on http://{a}/metrics");
        }
    }

    /// Run until `shutdown` (or the server fails), then stop every part:
    /// a worker finishes what it holds (committed and acked, or handed back).
    pub async fn run_until_stopped(mut self) -> anyhow::Result<()> {
        let result = match self.server.take() {
            Some(server) => server.await.context("gRPC 服务")?,
            None => {
                self.shutdown.cancelled().await;
                Ok(())
            }
        };
        self.stop().await;
        result
    }

    /// Stop every part and wait for them.
    pub async fn stop(mut self) {
        self.shutdown.cancel();
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        for task in self.others.drain(..) {
            let _ = task.await;
        }
    }
}

fn local_addr(listener: &Option<TcpListener>) -> Option<SocketAddr> {
    listener.as_ref().and_then(|l| l.local_addr().ok())
}

/// Cancelled on Ctrl-C or SIGTERM.
pub fn shutdown_on_signal(token: CancellationToken) {
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(s) => s,
                    Err(_) => {
                        let _ = ctrl_c.await;
                        token.cancel();
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
        token.cancel();
    });
}

/// `serve`, `worker`, `up`: build, announce, run until a signal.
pub async fn run(settings: &Settings, roles: Roles) -> anyhow::Result<()> {
    let app = Application::build(settings, roles).await?;
    app.announce();
    shutdown_on_signal(app.shutdown_token());
    app.run_until_stopped().await
}
