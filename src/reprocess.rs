//! `fazhi reprocess`: re-read stored reports with this release's parser,
//! through the queue so every running worker shares the work. The job and
//! what is left of it live in the database (`fazhi_store::reprocess`), so
//! running the same command again after a kill resumes the job; every
//! report is counted once whichever worker re-reads it and however often.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::Context;
use fazhi_config::Settings;
use fazhi_queue::OutgoingMessage;
use fazhi_store::reprocess::{Job, JobFilter, ReprocessCursor};

#[derive(Debug, clap::Args)]
pub struct ReprocessArgs {
    /// 只处理这个区。例：--district 示例区
    #[arg(long)]
    pub district: Option<String>,
    /// 只处理这个报告年度。例：--year 2023
    #[arg(long)]
    pub year: Option<i32>,
    /// 只处理由这个解析器版本或更新版本解析的报告（默认：旧版本解析的全部报告；0 表示全部重新解析）。例：--since-version 0
    #[arg(long)]
    pub since_version: Option<i32>,
    /// 同时排队等待处理的报告数上限。例：--window 64
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub window: u64,
}

pub async fn run(settings: &Settings, args: ReprocessArgs) -> anyhow::Result<()> {
    let parts = crate::app::connect(settings).await?;
    let filter = JobFilter {
        district: args.district,
        year: args.year,
        since_version: args.since_version,
    };
    let (job, resumed) = parts
        .store
        .reprocess_job(&filter)
        .await
        .context("无法建立重新处理任务")?;
    let at_start = parts.store.reprocess_remaining(&job).await?;
    println!(
        "重新处理任务 #{}（解析器版本 {}）：{}，共 {} 份，待处理 {} 份",
        job.id,
        job.parser_version,
        if resumed {
            "继续上次未完成的任务"
        } else {
            "新任务"
        },
        job.total,
        at_start
    );
    drive(&parts, &job, at_start, args.window).await?;
    let job = parts.store.finish_reprocess(&job).await?;
    println!("重新处理任务 #{} 完成：共 {} 份", job.id, job.total);
    Ok(())
}

/// Keep at most `window` re-reads queued until none is left, printing the
/// progress and the time still needed.
async fn drive(
    parts: &crate::app::Parts,
    job: &Job,
    at_start: u64,
    window: u64,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut cursor: Option<ReprocessCursor> = None;
    let mut exhausted = false;
    let mut published = 0u64;
    let mut last_print = Instant::now();
    let mut last_progress = (at_start, Instant::now());
    loop {
        let remaining = parts.store.reprocess_remaining(job).await?;
        if remaining == 0 {
            return Ok(());
        }
        let done = at_start.saturating_sub(remaining);
        if remaining != last_progress.0 {
            last_progress = (remaining, Instant::now());
        }
        let waiting = published.saturating_sub(done);
        if !exhausted && waiting < window {
            let batch = parts
                .store
                .reprocess_batch(job, cursor.as_ref(), window - waiting)
                .await?;
            exhausted = batch.is_empty();
            for record in &batch {
                let (message_id, payload) = fazhi_services::message::reprocess(record, job.id);
                let message = OutgoingMessage {
                    message_id,
                    payload,
                    headers: BTreeMap::new(),
                };
                parts
                    .queue
                    .publish(&message)
                    .await
                    .context("无法把报告放入处理队列")?;
            }
            published += batch.len() as u64;
            cursor = batch.last().map(ReprocessCursor::after).or(cursor);
        }
        if last_print.elapsed() >= Duration::from_secs(1) {
            last_print = Instant::now();
            eprintln!("{}", progress_line(done, at_start, started.elapsed()));
            if last_progress.1.elapsed() >= Duration::from_secs(15) {
                eprintln!(
                    "15 秒内没有新的进展：请确认有处理进程（fazhi worker、fazhi serve 或 fazhi up）在运行"
                );
                last_progress.1 = Instant::now();
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `已处理 120/300（40%），约 45 秒后完成`.
fn progress_line(done: u64, total: u64, elapsed: Duration) -> String {
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    let eta = if done >= total {
        "即将完成".to_owned()
    } else if done == 0 {
        "正在估计剩余时间".to_owned()
    } else {
        let left = elapsed.as_secs_f64() / done as f64 * total.saturating_sub(done) as f64;
        format!("约 {} 秒后完成", left.ceil() as u64)
    };
    format!("已处理 {done}/{total}（{percent}%），{eta}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_says_how_far_and_how_long_still() {
        assert_eq!(
            progress_line(0, 300, Duration::from_secs(3)),
            "已处理 0/300（0%），正在估计剩余时间"
        );
        assert_eq!(
            progress_line(100, 300, Duration::from_secs(10)),
            "已处理 100/300（33%），约 20 秒后完成"
        );
        assert_eq!(
            progress_line(0, 0, Duration::ZERO),
            "已处理 0/0（100%），即将完成"
        );
    }
}
