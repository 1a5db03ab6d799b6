//! Authentication: the caller's credential from the request metadata
//! (`authorization: Bearer fz_…`) to a [`Principal`]. Health and reflection
//! are served outside this (they carry no data).

use fazhi_store::{AuthFailure, Principal, Store};
use tonic::metadata::MetadataMap;

use crate::error::ServiceError;

#[derive(Clone)]
pub struct Authenticator {
    store: Store,
}

/// Where a request came from, for the audit trail.
pub fn origin<T>(request: &tonic::Request<T>) -> String {
    request
        .remote_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

impl Authenticator {
    pub fn new(store: Store) -> Self {
        Authenticator { store }
    }

    pub async fn principal(&self, metadata: &MetadataMap) -> Result<Principal, ServiceError> {
        let Some(value) = metadata.get("authorization") else {
            return Err(ServiceError::Unauthenticated(
                "缺少访问凭证：请在请求头 authorization 中提供“Bearer 访问令牌”（令牌由依法治区办发放）".into(),
            ));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .unwrap_or_default();
        match self.store.authenticate_token(token).await? {
            Ok(principal) => Ok(principal),
            Err(failure) => {
                // The reason is for operators; the caller learns only that it failed.
                tracing::info!(reason = ?failure, "credential refused");
                Err(ServiceError::Unauthenticated(match failure {
                    AuthFailure::Expired => "访问令牌已过期，请联系依法治区办重新发放".into(),
                    AuthFailure::Revoked => "访问令牌已被吊销，请联系依法治区办".into(),
                    _ => "访问令牌无效，请核对后重试".into(),
                }))
            }
        }
    }
}
