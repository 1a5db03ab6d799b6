//! fazhi-web: the browser workbench served beside the gRPC API.
//!
//! Server-rendered pages (axum + maud), no script needed to read anything;
//! one small vendored script for drag-and-drop upload. Every read and write
//! goes through the same authorization (`fazhi_services::policy`) and, for
//! submissions, the same `Ingest::submit` as gRPC, so a browser can do
//! nothing a token could not.

mod assets;
mod attention;
mod auth;
mod charts;
pub mod dashboard;
pub mod diff;
mod draft;
mod error;
mod export;
pub mod figures;
pub mod highlight;
mod layout;
pub mod progress;
mod publication;
mod report;
mod review;
mod review_checks;
mod roster;
mod scope;
mod session;
mod signin_audit;
mod upload;
mod versions;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use fazhi_queue::Queue;
use fazhi_services::checks::Checks;
use fazhi_services::ingest::Ingest;
use fazhi_services::season::SeasonService;
use fazhi_store::Store;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

pub use session::{LOCKOUT_ATTEMPTS, Sessions};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Store,
    pub(crate) ingest: Ingest,
    /// The gRPC Season and Checks services' own steps (review, publication,
    /// checks), so a form does exactly what the RPC does.
    pub(crate) season: SeasonService,
    pub(crate) checks: Checks,
    pub(crate) sessions: Arc<Sessions>,
    /// Mark cookies `Secure` (the workbench is behind TLS).
    pub(crate) secure_cookies: bool,
    pub(crate) max_document_bytes: usize,
}

impl AppState {
    pub fn new(
        store: Store,
        queue: Arc<dyn Queue>,
        max_document_bytes: usize,
        secure_cookies: bool,
    ) -> Self {
        AppState {
            ingest: Ingest::new(store.clone(), queue, max_document_bytes),
            season: SeasonService::new(store.clone()),
            checks: Checks::new(store.clone()),
            store,
            sessions: Arc::new(Sessions::default()),
            secure_cookies,
            max_document_bytes,
        }
    }
}

/// Every page and its route.
pub fn router(state: AppState) -> Router {
    // Multipart bodies carry the document: allow it plus room for the form.
    let body_limit = state.max_document_bytes.saturating_add(256 * 1024);
    Router::new()
        .route("/", get(dashboard::home))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/dashboard", get(dashboard::page))
        .route("/escalations", post(attention::escalate))
        .route("/dashboard.csv", get(export::csv))
        .route("/dashboard.xlsx", get(export::xlsx))
        .route("/reports/{id}", get(report::page))
        .route("/reports/{id}/original", get(report::original))
        .route("/reports/{id}/compare", get(versions::compare))
        .route("/reports/{id}/review", post(review::step))
        .route("/reports/{id}/filing", post(review_checks::filing))
        .route("/reports/{id}/publication", post(publication::save))
        .route("/checks/{check}/clear", post(review_checks::clear))
        .route("/draft", get(draft::page))
        .route("/draft.docx", get(draft::docx))
        .route("/draft.md", get(draft::markdown))
        .route("/charts", get(charts::page))
        .route("/audit", get(signin_audit::page))
        .route("/roster", get(roster::page).post(roster::import))
        .route("/upload", get(upload::page).post(upload::submit))
        .route("/static/{file}", get(assets::file))
        .fallback(error::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .with_state(state)
}

/// Serve until `shutdown`; the listener is bound by the caller (port 0 works).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
}
