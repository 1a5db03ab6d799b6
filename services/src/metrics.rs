//! The edge's metrics (names listed in docs/operations.md). The binary
//! installs the Prometheus recorder; without one these calls do nothing
//! (unit tests, tools).

use tonic::{Code, Response, Status};

pub fn submission_received() {
    metrics::counter!("fazhi_submissions_received_total").increment(1);
}

/// Accepted, or refused with the reason a dashboard groups by.
pub fn submission_answered<T>(result: &Result<Response<T>, Status>) {
    match result {
        Ok(_) => metrics::counter!("fazhi_submissions_accepted_total").increment(1),
        Err(status) => {
            metrics::counter!("fazhi_submissions_refused_total", "reason" => reason(status.code()))
                .increment(1)
        }
    }
}

/// A stable, lower-case label per refusal class.
fn reason(code: Code) -> &'static str {
    match code {
        Code::InvalidArgument => "invalid_argument",
        Code::AlreadyExists => "already_exists",
        Code::Unauthenticated => "unauthenticated",
        Code::PermissionDenied => "permission_denied",
        Code::NotFound => "not_found",
        Code::ResourceExhausted => "backlog",
        Code::Unavailable => "unavailable",
        Code::FailedPrecondition => "failed_precondition",
        Code::OutOfRange => "out_of_range",
        _ => "internal",
    }
}

/// Dependency state, read by the health watcher every round. `oldest`:
/// the oldest message's age when the queue can tell (RabbitMQ over AMQP
/// cannot: no gauge then, rather than a 0 that looks healthy).
pub fn dependencies(
    db_ok: bool,
    queue_ok: bool,
    depth: Option<u64>,
    oldest: Option<std::time::Duration>,
) {
    metrics::gauge!("fazhi_database_up").set(if db_ok { 1.0 } else { 0.0 });
    metrics::gauge!("fazhi_broker_up").set(if queue_ok { 1.0 } else { 0.0 });
    if let Some(depth) = depth {
        metrics::gauge!("fazhi_queue_depth").set(depth as f64);
    }
    if let Some(age) = oldest {
        metrics::gauge!("fazhi_queue_oldest_age_seconds").set(age.as_secs_f64());
    }
    if !db_ok {
        metrics::counter!("fazhi_database_errors_total", "source" => "health").increment(1);
    }
    if !queue_ok {
        metrics::counter!("fazhi_broker_errors_total", "source" => "health").increment(1);
    }
}
