//! The web's errors and their one mapping to HTTP: the same refusals as the
//! gRPC edge (`ServiceError`), shown as a page a clerk can read.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use fazhi_services::error::ServiceError;
use fazhi_store::StoreError;
use maud::html;

use crate::layout;

#[derive(Debug)]
pub enum WebError {
    /// No (live) session: go to the sign-in page.
    SignIn,
    Service(ServiceError),
    /// A form without the session's CSRF token.
    Csrf,
    NotFound(String),
    BadRequest(String),
    /// A step refused in the current state (gRPC `FAILED_PRECONDITION`).
    Refused(String),
}

impl From<ServiceError> for WebError {
    fn from(e: ServiceError) -> Self {
        WebError::Service(e)
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        WebError::Service(ServiceError::Store(e))
    }
}

impl WebError {
    /// Status and message; internal causes are logged, never shown.
    pub fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            WebError::SignIn => (StatusCode::UNAUTHORIZED, "请先登录".into()),
            WebError::Csrf => (
                StatusCode::FORBIDDEN,
                "表单已过期或来源不明，请返回刷新页面后重试".into(),
            ),
            WebError::NotFound(m) => (StatusCode::NOT_FOUND, m.clone()),
            WebError::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            WebError::Refused(m) => (StatusCode::CONFLICT, m.clone()),
            // The store's own refusals carry the clerk's sentence (as gRPC
            // sends them: FAILED_PRECONDITION, NOT_FOUND, INVALID_ARGUMENT).
            WebError::Service(ServiceError::Store(
                e @ (StoreError::Illegal(_) | StoreError::Precondition(_)),
            )) => (StatusCode::CONFLICT, e.to_string()),
            WebError::Service(ServiceError::Store(StoreError::NotFound(m))) => {
                (StatusCode::NOT_FOUND, m.clone())
            }
            WebError::Service(ServiceError::Store(StoreError::Invalid(m))) => {
                (StatusCode::BAD_REQUEST, m.clone())
            }
            WebError::Service(e) => {
                let status = match e {
                    ServiceError::InvalidArgument(_) => StatusCode::BAD_REQUEST,
                    ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
                    ServiceError::AlreadyExists(_) => StatusCode::CONFLICT,
                    ServiceError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
                    ServiceError::PermissionDenied(_) => StatusCode::FORBIDDEN,
                    ServiceError::FailedPrecondition(_) => StatusCode::CONFLICT,
                    ServiceError::QueueUnavailable(cause)
                    | ServiceError::QueueOutcomeUnknown(cause) => {
                        tracing::warn!(error = %cause, "queue unavailable");
                        StatusCode::SERVICE_UNAVAILABLE
                    }
                    ServiceError::Backlog { .. } => StatusCode::TOO_MANY_REQUESTS,
                    ServiceError::Store(cause) => {
                        tracing::error!(error = ?cause, "storage failure");
                        StatusCode::INTERNAL_SERVER_ERROR
                    }
                };
                (status, e.to_string())
            }
        }
    }
}

fn title(status: StatusCode) -> &'static str {
    match status {
        StatusCode::FORBIDDEN => "无权访问",
        StatusCode::NOT_FOUND => "未找到",
        StatusCode::BAD_REQUEST => "请求有误",
        StatusCode::CONFLICT => "无法执行",
        StatusCode::SERVICE_UNAVAILABLE => "暂时不可用",
        _ => "出错了",
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        self.page("/", "返回首页")
    }
}

impl WebError {
    /// The refusal as a page whose link leads back to `back` (the form's page).
    /// What a form step answers: back to `back` when it was done, else
    /// the refusal's page with a link back.
    pub fn after_step(done: Result<(), WebError>, back: &str, back_label: &str) -> Response {
        match done {
            Ok(()) => Redirect::to(back).into_response(),
            Err(e) => e.page(back, back_label),
        }
    }

    pub fn page(self, back: &str, back_label: &str) -> Response {
        if let WebError::SignIn = self {
            return Redirect::to("/login").into_response();
        }
        let (status, message) = self.status_and_message();
        let page = layout::bare(
            title(status),
            html! {
                section.error role="alert" {
                    h1 { (status.as_u16()) " " (title(status)) }
                    p.message { (message) }
                    p { a id="back" href=(back) { (back_label) } }
                }
            },
        );
        (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page.into_string(),
        )
            .into_response()
    }
}

pub async fn not_found() -> WebError {
    WebError::NotFound("没有这个页面".into())
}
