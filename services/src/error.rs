//! The service's errors and their one mapping to gRPC status codes.
//! Messages are in Chinese, for the clerk; internal causes are logged, not sent.

use fazhi_queue::QueueError;
use fazhi_store::StoreError;
use tonic::Status;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    InvalidArgument(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    AlreadyExists(String),
    #[error("{0}")]
    Unauthenticated(String),
    #[error("{0}")]
    PermissionDenied(String),
    #[error("报送通道暂时不可用，报告未被接收，请稍后用相同的报送编号（幂等键）重试")]
    QueueUnavailable(#[source] QueueError),
    /// The publish was sent but its confirm never came: the report may be in
    /// the queue. A retry with the same key is safe either way.
    #[error(
        "报送结果未知：报告可能已被接收，也可能没有。请用相同的报送编号（幂等键）重试，不会重复计入"
    )]
    QueueOutcomeUnknown(#[source] QueueError),
    #[error(
        "报送高峰，待处理的报告已有{waiting}份（上限{limit}份），请约{retry_after_s}秒后用相同的报送编号重试"
    )]
    Backlog {
        waiting: u64,
        limit: u64,
        retry_after_s: u64,
    },
    #[error("服务内部错误，请稍后重试")]
    Store(#[from] StoreError),
}

impl From<ServiceError> for Status {
    fn from(err: ServiceError) -> Status {
        match &err {
            ServiceError::InvalidArgument(m) => Status::invalid_argument(m.clone()),
            ServiceError::NotFound(m) => Status::not_found(m.clone()),
            ServiceError::AlreadyExists(m) => Status::already_exists(m.clone()),
            ServiceError::Unauthenticated(m) => Status::unauthenticated(m.clone()),
            ServiceError::PermissionDenied(m) => Status::permission_denied(m.clone()),
            ServiceError::QueueUnavailable(cause) => {
                tracing::warn!(error = %cause, "queue unavailable");
                Status::unavailable(err.to_string())
            }
            ServiceError::QueueOutcomeUnknown(cause) => {
                tracing::warn!(error = %cause, "publish outcome unknown");
                Status::unavailable(err.to_string())
            }
            ServiceError::Backlog { retry_after_s, .. } => {
                let mut status = Status::resource_exhausted(err.to_string());
                // Machine-readable hint beside the clerk's sentence.
                if let Ok(v) = retry_after_s.to_string().parse() {
                    status.metadata_mut().insert("retry-after", v);
                }
                status
            }
            ServiceError::Store(StoreError::Illegal(e)) => {
                Status::failed_precondition(e.message.clone())
            }
            ServiceError::Store(StoreError::Precondition(m)) => {
                Status::failed_precondition(m.clone())
            }
            ServiceError::Store(StoreError::NotFound(m)) => Status::not_found(m.clone()),
            ServiceError::Store(StoreError::Invalid(m)) => Status::invalid_argument(m.clone()),
            ServiceError::Store(StoreError::Roster(m)) => {
                Status::invalid_argument(format!("名录文件有误：{m}"))
            }
            ServiceError::Store(StoreError::Db(
                db @ (sea_orm::DbErr::Conn(_) | sea_orm::DbErr::ConnectionAcquire(_)),
            )) => {
                // The database is out of reach (with the embedded queue it is
                // the queue too): a retry later can succeed.
                tracing::warn!(error = ?db, "database unavailable");
                Status::unavailable("数据库暂时不可用，请稍后用相同的幂等键重试")
            }
            ServiceError::Store(cause) => {
                tracing::error!(error = ?cause, "storage failure");
                Status::internal(err.to_string())
            }
        }
    }
}

/// Errors of the review calls (checks, filings, escalation): the service's
/// own, plus a refusal in the current state (clearing a check twice,
/// escalating backwards) → `FAILED_PRECONDITION`. Kept apart from
/// [`ServiceError`] so its exhaustive users (the web workbench) are unchanged.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("{0}")]
    Refused(String),
}

impl From<fazhi_store::checks::CheckError> for ReviewError {
    fn from(e: fazhi_store::checks::CheckError) -> Self {
        use fazhi_store::checks::CheckError;
        match e {
            CheckError::NotFound(m) => ReviewError::Service(ServiceError::NotFound(m)),
            CheckError::Refused(m) => ReviewError::Refused(m),
            CheckError::Store(s) => ReviewError::Service(ServiceError::Store(s)),
        }
    }
}

impl From<StoreError> for ReviewError {
    fn from(e: StoreError) -> Self {
        ReviewError::Service(ServiceError::Store(e))
    }
}

impl From<ReviewError> for Status {
    fn from(err: ReviewError) -> Status {
        match err {
            ReviewError::Service(e) => e.into(),
            ReviewError::Refused(m) => Status::failed_precondition(m),
        }
    }
}
