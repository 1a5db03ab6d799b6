//! `Settings::validate`: values that parse but cannot work together, each
//! refused with a sentence an IT clerk can act on (key, value, what to do).

use std::time::Duration;

use crate::{ConfigError, Settings};

/// RabbitMQ's default `max_message_size` (128 MiB). Queue messages carry a
/// document's hash, not the document, so this bounds only the gRPC side.
const BROKER_MESSAGE_LIMIT: usize = 128 * 1024 * 1024;
/// RabbitMQ closes a channel that holds a delivery longer (30 min).
const BROKER_CONSUMER_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// A duration the way the file spells it (`1m 30s`).
fn show(d: Duration) -> humantime::FormattedDuration {
    humantime::format_duration(d)
}

impl Settings {
    pub fn validate(&self) -> Result<(), ConfigError> {
        let mut problems = Vec::new();
        let mut check = |ok: bool, problem: String| {
            if !ok {
                problems.push(problem);
            }
        };
        let (q, w, db, g) = (&self.queue, &self.worker, &self.database, &self.grpc);
        check(
            w.concurrency >= 1,
            "worker.concurrency 为 0：工作进程将不处理任何报告，请设为 1 或更大".into(),
        );
        check(
            usize::from(q.prefetch) >= w.concurrency,
            format!(
                "queue.prefetch（{}）小于 worker.concurrency（{}）：多出的并发永远等不到报告，请把 prefetch 设为不小于 concurrency",
                q.prefetch, w.concurrency
            ),
        );
        check(
            q.max_attempts >= 1,
            "queue.max_attempts 为 0：每份报告都会直接转入死信，请设为 1 或更大".into(),
        );
        check(
            !q.name.trim().is_empty(),
            "queue.name 为空：请填写队列名称，如 fazhi.submissions".into(),
        );
        check(
            db.max_connections >= 1,
            "database.max_connections 为 0：无法连接数据库，请设为 1 或更大".into(),
        );
        check(
            (1024..=BROKER_MESSAGE_LIMIT).contains(&g.max_document_bytes),
            format!(
                "grpc.max_document_bytes（{}）不合理：应在 1 KiB 到 128 MiB 之间（默认 40 MiB）",
                g.max_document_bytes
            ),
        );
        check(
            g.max_message_bytes() <= BROKER_MESSAGE_LIMIT,
            format!(
                "grpc.max_document_bytes（{}）加上请求的其他部分超过了消息上限 128 MiB，请调小",
                g.max_document_bytes
            ),
        );
        check(
            db.statement_timeout < w.transaction_timeout,
            format!(
                "database.statement_timeout（{}）应小于 worker.transaction_timeout（{}）：否则慢语句会被当作数据库中断",
                show(db.statement_timeout),
                show(w.transaction_timeout)
            ),
        );
        check(
            w.outage_hold < BROKER_CONSUMER_TIMEOUT,
            format!(
                "worker.outage_hold（{}）应小于 30m：RabbitMQ 会关闭持有消息超过 30 分钟的通道",
                show(w.outage_hold)
            ),
        );
        check(
            w.retry_delay <= w.outage_backoff_max,
            format!(
                "worker.retry_delay（{}）不应大于 worker.outage_backoff_max（{}）",
                show(w.retry_delay),
                show(w.outage_backoff_max)
            ),
        );
        check(
            q.heartbeat.subsec_nanos() == 0 && q.heartbeat.as_secs() <= u64::from(u16::MAX),
            format!(
                "queue.heartbeat（{}）应为整秒且不超过 65535s（RabbitMQ 的心跳以秒计）",
                show(q.heartbeat)
            ),
        );
        for (key, value) in [
            ("database.acquire_timeout", db.acquire_timeout),
            ("database.statement_timeout", db.statement_timeout),
            ("queue.confirm_timeout", q.confirm_timeout),
            ("queue.connect_timeout", q.connect_timeout),
            ("queue.poll_interval", q.poll_interval),
            ("queue.lease", q.lease),
            ("queue.operation_timeout", q.operation_timeout),
            ("worker.transaction_timeout", w.transaction_timeout),
        ] {
            check(
                !value.is_zero(),
                format!("{key} 为 0：请设为带单位的正数时长，如 5s"),
            );
        }
        if let Some(url) = q.amqp_url.as_deref().filter(|u| !u.is_empty()) {
            check(
                url.starts_with("amqp://") || url.starts_with("amqps://"),
                format!(
                    "queue.amqp_url（{}）应以 amqp:// 或 amqps:// 开头",
                    crate::redact_url(url)
                ),
            );
        }
        check(
            db.url.starts_with("sqlite:") || db.url.starts_with("postgres"),
            format!(
                "database.url（{}）应以 sqlite:// 或 postgres:// 开头",
                crate::redact_url(&db.url)
            ),
        );
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ConfigError::Invalid(problems))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{ConfigError, Settings};

    fn valid() -> Settings {
        let mut s = Settings::default();
        s.database.url = "sqlite:///tmp/x.db?mode=rwc".into();
        s
    }

    #[test]
    fn the_defaults_are_valid() {
        valid().validate().unwrap();
    }

    #[test]
    fn prefetch_below_concurrency_is_refused_in_chinese_naming_both_keys() {
        let mut s = valid();
        s.queue.prefetch = 2;
        s.worker.concurrency = 8;
        let err = s.validate().unwrap_err().to_string();
        assert!(err.contains("queue.prefetch（2）"), "{err}");
        assert!(err.contains("worker.concurrency（8）"), "{err}");
    }

    #[test]
    fn every_problem_is_listed_at_once() {
        let mut s = valid();
        s.grpc.max_document_bytes = 0;
        s.queue.max_attempts = 0;
        s.queue.amqp_url = Some("http://guest:pw@mq".into());
        match s.validate() {
            Err(ConfigError::Invalid(problems)) => {
                assert_eq!(problems.len(), 3, "{problems:?}");
                assert!(problems.iter().all(|p| !p.contains(":pw@")), "{problems:?}");
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_document_limit_over_the_message_limit_is_refused() {
        let mut s = valid();
        s.grpc.max_document_bytes = 200 * 1024 * 1024;
        assert!(
            s.validate()
                .unwrap_err()
                .to_string()
                .contains("grpc.max_document_bytes")
        );
    }

    #[test]
    fn durations_are_named_with_their_unit_in_the_refusal() {
        let mut s = valid();
        s.database.statement_timeout = std::time::Duration::from_secs(90);
        s.queue.lease = std::time::Duration::ZERO;
        let err = s.validate().unwrap_err().to_string();
        assert!(
            err.contains("database.statement_timeout（1m 30s）")
                && err.contains("worker.transaction_timeout（1m）"),
            "{err}"
        );
        assert!(err.contains("queue.lease 为 0"), "{err}");
    }
}
