//! The service's errors and their one mapping to gRPC status codes.
//! Messages are in Chinese, for the clerk; internal causes are logged, not sent.

use fazhi_queue::QueueError;
use fazhi_store::StoreError;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

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
    /// Refused in the current state (clearing a check twice, escalating
    /// backwards).
    #[error("{0}")]
    FailedPrecondition(String),
    #[error("报送通道暂时不可用，报告未被接收，请稍后用相同的报送编号重试（不会重复计入）")]
    QueueUnavailable(#[source] QueueError),
    /// The publish was sent but its confirm never came: the report may be in
    /// the queue. A retry with the same key is safe either way.
    #[error("报送结果未知：报告可能已被接收，也可能没有。请用相同的报送编号重试，不会重复计入")]
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
            ServiceError::InvalidArgument(m) => bad_request(m),
            ServiceError::NotFound(m) => Status::not_found(m.clone()),
            ServiceError::AlreadyExists(m) => Status::already_exists(m.clone()),
            ServiceError::Unauthenticated(m) => Status::unauthenticated(m.clone()),
            ServiceError::PermissionDenied(m) => Status::permission_denied(m.clone()),
            ServiceError::FailedPrecondition(m) => Status::failed_precondition(m.clone()),
            ServiceError::QueueUnavailable(cause) => {
                metrics::counter!("fazhi_broker_errors_total", "source" => "ingest").increment(1);
                tracing::warn!(error = %Chain(cause), "queue unavailable");
                Status::unavailable(err.to_string())
            }
            ServiceError::QueueOutcomeUnknown(cause) => {
                metrics::counter!("fazhi_broker_errors_total", "source" => "ingest").increment(1);
                tracing::warn!(error = %Chain(cause), "publish outcome unknown");
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
                metrics::counter!("fazhi_database_errors_total", "source" => "ingest").increment(1);
                tracing::warn!(error = ?db, "database unavailable");
                Status::unavailable("数据库暂时不可用，请稍后用相同的报送编号重试（不会重复计入）")
            }
            ServiceError::Store(cause) => {
                tracing::error!(error = %Chain(cause), "storage failure");
                Status::internal(err.to_string())
            }
        }
    }
}

impl From<fazhi_store::checks::CheckError> for ServiceError {
    fn from(e: fazhi_store::checks::CheckError) -> Self {
        use fazhi_store::checks::CheckError;
        match e {
            CheckError::NotFound(m) => ServiceError::NotFound(m),
            CheckError::Refused(m) => ServiceError::FailedPrecondition(m),
            CheckError::Store(s) => ServiceError::Store(s),
        }
    }
}

/// The clerk's sentence, plus `google.rpc` details for programs: a
/// BadRequest field violation naming the request field, and the same
/// sentence as a zh-CN LocalizedMessage.
fn bad_request(message: &str) -> Status {
    let mut details = ErrorDetails::with_bad_request_violation(field_of(message), message);
    details.set_localized_message("zh-CN", message);
    Status::with_error_details(Code::InvalidArgument, message, details)
}

/// The request field a refusal is about. The messages name it in full-width
/// brackets for the clerk (`缺少单位代码（agency_code）`); those about the
/// file itself name none and are about the document's content.
fn field_of(message: &str) -> String {
    message
        .split('（')
        .skip(1)
        .filter_map(|rest| rest.split_once('）').map(|(inside, _)| inside))
        .find(|inside| {
            !inside.is_empty()
                && inside
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
        })
        .map(|f| match f {
            "media_type" | "file_name" => format!("document.{f}"),
            _ => f.to_owned(),
        })
        .unwrap_or_else(|| "document.content".to_owned())
}

/// An error with its causes, `a: b: c`, for logs (`{}` alone shows only the
/// outermost, which often says least).
pub struct Chain<'a>(pub &'a dyn std::error::Error);

impl std::fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_the_field_it_is_about() {
        assert_eq!(field_of("缺少单位代码（agency_code）"), "agency_code");
        assert_eq!(
            field_of("文件名（file_name）过长：不能超过255个字符"),
            "document.file_name"
        );
        assert_eq!(field_of("报告文档为空"), "document.content");
        // A bracket with Chinese in it is not a field name.
        assert_eq!(
            field_of("报告文本含有3个空字符（NUL），可能是文件已损坏"),
            "document.content"
        );
    }

    #[test]
    fn a_refusal_carries_a_bad_request_and_a_chinese_localized_message() {
        let status: Status =
            ServiceError::InvalidArgument("缺少单位代码（agency_code）".into()).into();
        assert_eq!(status.code(), Code::InvalidArgument);
        assert_eq!(status.message(), "缺少单位代码（agency_code）");
        let details = status.get_error_details();
        let violations = &details.bad_request().unwrap().field_violations;
        assert_eq!(violations[0].field, "agency_code");
        let localized = details.localized_message().unwrap();
        assert_eq!(localized.locale, "zh-CN");
        assert_eq!(localized.message, "缺少单位代码（agency_code）");
    }
}
