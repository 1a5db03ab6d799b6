//! Dead letters leave their mark on the submission: `failed`, with a reason
//! the clerk can read (the technical cause goes to the log and into the
//! dead letter). If the database is down when a message is dead-lettered,
//! the mark waits in memory and is written on the next chance; a worker
//! starting up also marks every dead letter whose submission is still
//! `queued` (a worker that died before marking, or one parked by the
//! embedded queue after repeated crashes), and so does `fazhi dead-letters`.

use std::sync::Arc;
use std::time::Duration;

use fazhi_queue::{DEAD_REASON, OutgoingMessage, Queue};
use fazhi_store::{Store, SubmissionRecord, SubmissionStatus};
use tokio::sync::Mutex;

/// For the clerk: the message could not be read at all.
pub use fazhi_queue::message::MALFORMED;
/// For the clerk: the database refused something in the report.
pub const REFUSED: &str =
    "报告内容含有系统无法保存的字符或数据（例如空字符），请检查文件后用新的报送编号重新报送";
/// For the clerk: a stored record it depends on is damaged.
pub const CORRUPT: &str = "处理所需的已存数据损坏，已转交运维人员处理";
/// For the clerk: repeated attempts failed for a reason we could not place.
pub const GAVE_UP: &str = "多次处理均未成功，已转交运维人员处理";

/// The clerk's reason for a dead letter found later (only its technical
/// reason, if any, is known then).
pub fn reason_for(dead_reason: Option<&str>) -> &'static str {
    match dead_reason {
        Some(r) if r.starts_with(fazhi_queue::message::UNREADABLE_PREFIX) => MALFORMED,
        _ => GAVE_UP,
    }
}

#[derive(Debug, Clone)]
struct Mark {
    submission_id: String,
    record: Option<SubmissionRecord>,
    reason: String,
}

/// Marks not yet written because the database was unreachable.
#[derive(Clone)]
pub(crate) struct Pending {
    marks: Arc<Mutex<Vec<Mark>>>,
    /// Deadline of each write: a silent connection must not hold a slot.
    limit: Duration,
}

impl Pending {
    pub(crate) fn new(limit: Duration) -> Self {
        Pending {
            marks: Arc::default(),
            limit,
        }
    }

    /// Write the mark now, or keep it for later.
    pub(crate) async fn mark(
        &self,
        store: &Store,
        submission_id: &str,
        record: Option<SubmissionRecord>,
        reason: &str,
    ) {
        let mark = Mark {
            submission_id: submission_id.to_owned(),
            record,
            reason: reason.to_owned(),
        };
        if let Err(e) = write(store, &mark, self.limit).await {
            tracing::warn!(error = %e, "could not mark the submission failed yet; will retry");
            self.marks.lock().await.push(mark);
        }
    }

    /// Write the marks kept for later; those that fail again stay.
    pub(crate) async fn flush(&self, store: &Store) {
        let marks = std::mem::take(&mut *self.marks.lock().await);
        for mark in marks {
            if write(store, &mark, self.limit).await.is_err() {
                self.marks.lock().await.push(mark);
            } else {
                tracing::info!(submission_id = %mark.submission_id, "submission marked failed");
            }
        }
    }
}

async fn write(store: &Store, mark: &Mark, limit: Duration) -> Result<(), String> {
    let writing = store.mark_failed(&mark.submission_id, mark.record.as_ref(), &mark.reason);
    match tokio::time::timeout(limit, writing).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(format!("{e:?}")),
        Err(_) => Err(format!("no answer from the database within {limit:?}")),
    }
}

/// Mark `failed` every dead letter whose submission is still `queued` (or
/// was never recorded). Returns how many were marked now.
pub async fn reconcile(
    store: &Store,
    dead: &[OutgoingMessage],
) -> Result<usize, fazhi_store::StoreError> {
    let mut marked = 0;
    for message in dead {
        let known = store.submission(&message.message_id).await?;
        if known.is_some_and(|s| s.status != SubmissionStatus::Queued) {
            continue;
        }
        let record = crate::message::read(&message.payload).ok();
        let reason = reason_for(message.headers.get(DEAD_REASON).map(String::as_str));
        if store
            .mark_failed(&message.message_id, record.as_ref(), reason)
            .await?
        {
            marked += 1;
        }
    }
    Ok(marked)
}

/// [`reconcile`] over the queue's current dead letters, logged, never fatal.
pub(crate) async fn reconcile_queue(store: &Store, queue: &Arc<dyn Queue>, limit: Duration) {
    let dead = match queue.dead_letters().await {
        Ok(dead) => dead,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read dead letters to mark their submissions");
            return;
        }
    };
    match tokio::time::timeout(limit, reconcile(store, &dead)).await {
        Ok(Ok(0)) => {}
        Ok(Ok(n)) => tracing::info!(marked = n, "dead-lettered submissions marked failed"),
        Ok(Err(e)) => tracing::warn!(error = ?e, "cannot mark dead-lettered submissions yet"),
        Err(_) => tracing::warn!("marking dead-lettered submissions took too long; left for later"),
    }
}
