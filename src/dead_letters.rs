//! `fazhi dead-letters list | replay`: what the worker set aside, and
//! putting it back. Listing also marks `failed` any dead-lettered submission
//! still shown as queued (the worker could not mark it at the time).
//! Replaying first makes the submission `queued` again, then moves the
//! message back onto the main queue; it is processed once, however often it
//! is replayed.

use anyhow::Context;
use fazhi_config::Settings;
use fazhi_queue::DEAD_REASON;

use crate::display::print_table;

#[derive(Debug, clap::Subcommand)]
pub enum DeadLettersCommand {
    /// 列出死信：报送编号、单位、年度、状态、原因。例：fazhi dead-letters list
    List {
        /// 每行一个 JSON 对象。例：--json
        #[arg(long)]
        json: bool,
    },
    /// 把死信放回队列重新处理（每份只处理一次）。例：fazhi dead-letters replay --all
    Replay {
        /// 全部死信。例：--all
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// 要重新处理的报送编号。例：3f2a…
        #[arg(required_unless_present = "all")]
        ids: Vec<String>,
    },
}

pub async fn run(settings: &Settings, command: DeadLettersCommand) -> anyhow::Result<()> {
    let parts = crate::app::connect(settings).await?;
    let dead = parts.queue.dead_letters().await.context("无法读取死信")?;
    let marked = fazhi_worker::failures::reconcile(&parts.store, &dead).await?;
    if marked > 0 {
        eprintln!("已将 {marked} 份转入死信的报送标记为处理失败（FAILED）");
    }
    match command {
        DeadLettersCommand::List { json } => {
            let mut rows = Vec::new();
            for message in &dead {
                let record = fazhi_worker::message::read(&message.payload).ok();
                let status = parts
                    .store
                    .submission(&message.message_id)
                    .await?
                    .map(|s| s.status.to_string())
                    .unwrap_or_else(|| "未登记".into());
                let (agency, year) = record
                    .map(|r| (r.agency_code, r.reporting_year.to_string()))
                    .unwrap_or_else(|| ("?".into(), "?".into()));
                let reason = message
                    .headers
                    .get(DEAD_REASON)
                    .cloned()
                    .unwrap_or_default();
                rows.push([message.message_id.clone(), agency, year, status, reason]);
            }
            if json {
                for [id, agency, year, status, reason] in &rows {
                    println!(
                        "{}",
                        serde_json::json!({
                            "submission_id": id, "agency": agency, "year": year,
                            "status": status, "reason": reason,
                        })
                    );
                }
            } else {
                println!("死信 {} 份", rows.len());
                print_table(&["报送编号", "单位代码", "年度", "状态", "原因"], &rows);
            }
        }
        DeadLettersCommand::Replay { all, ids } => {
            let wanted: Vec<String> = dead
                .iter()
                .map(|m| m.message_id.clone())
                .filter(|id| all || ids.contains(id))
                .collect();
            for id in ids.iter().filter(|id| !wanted.contains(id)) {
                println!("{id}：不是死信，跳过");
            }
            // Queued again before the message is: the worker skips anything
            // not queued, so the other order could lose the replay.
            for id in &wanted {
                parts.store.requeue_failed(id).await?;
            }
            let replayed = parts
                .queue
                .replay(Some(&wanted))
                .await
                .context("无法把死信放回队列")?;
            println!("已放回队列 {} 份", replayed.len());
        }
    }
    Ok(())
}
