//! `Settings::validate`: values that parse but cannot work together, each
//! refused with a sentence an IT clerk can act on (key, value, what to do).

use crate::{ConfigError, Settings};

/// RabbitMQ's default `max_message_size` (128 MiB). Queue messages carry a
/// document's hash, not the document, so this bounds only the gRPC side.
const BROKER_MESSAGE_LIMIT: usize = 128 * 1024 * 1024;
/// RabbitMQ closes a channel that holds a delivery longer (30 min).
const BROKER_CONSUMER_TIMEOUT_MS: u64 = 30 * 60_000;

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
            db.statement_timeout_ms < w.transaction_timeout_ms,
            format!(
                "database.statement_timeout_ms（{}）应小于 worker.transaction_timeout_ms（{}）：否则慢语句会被当作数据库中断",
                db.statement_timeout_ms, w.transaction_timeout_ms
            ),
        );
        check(
            w.outage_hold_ms < BROKER_CONSUMER_TIMEOUT_MS,
            format!(
                "worker.outage_hold_ms（{}）应小于 30 分钟（1800000）：RabbitMQ 会关闭持有消息超过 30 分钟的通道",
                w.outage_hold_ms
            ),
        );
        check(
            w.retry_delay_ms <= w.outage_backoff_max_ms,
            format!(
                "worker.retry_delay_ms（{}）不应大于 worker.outage_backoff_max_ms（{}）",
                w.retry_delay_ms, w.outage_backoff_max_ms
            ),
        );
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
}
