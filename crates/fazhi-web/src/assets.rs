//! Vendored static files, compiled into the binary (offline intranets: no CDN).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::WebError;

const CSS: &str = include_str!("../static/app.css");
const UPLOAD_JS: &str = include_str!("../static/upload.js");

pub async fn file(Path(name): Path<String>) -> Result<Response, WebError> {
    let (body, kind) = match name.as_str() {
        "app.css" => (CSS, "text/css; charset=utf-8"),
        "upload.js" => (UPLOAD_JS, "text/javascript; charset=utf-8"),
        _ => return Err(WebError::NotFound("没有这个文件".into())),
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response())
}
