//! `fazhi submissions list|show|withdraw|download|accept|return|reopen|
//! make-current|received-on|versions`: the district office's view of what
//! came in and its review, over gRPC (the same checks as any other client).

use std::path::PathBuf;

use crate::client::{authed, server_url, status_name};
use crate::display::{beijing_time, pad, print_json_lines};
use crate::read_args::DistrictYear;
use anyhow::{Context, bail};
use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_client::DistrictSummaryServiceClient;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use fazhi_proto::v1::season_client::SeasonClient;

#[derive(Debug, clap::Subcommand)]
pub enum SubmissionsCommand {
    /// 列出某区某年度的报送（最新的在前），例：fazhi submissions list --district 示例区 --year 2023
    List {
        #[command(flatten)]
        read: DistrictYear,
    },
    /// 查看一次报送的状态和解析结果，例：fazhi submissions show ID --json
    Show {
        /// 报送编号，例：6f1c…（见 fazhi submissions list）
        id: String,
        /// 输出一个 JSON 对象，例：--json
        #[arg(long)]
        json: bool,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 撤回一次报送（它立即退出全部合计），例：fazhi submissions withdraw ID --reason 报送错误
    Withdraw {
        /// 报送编号，例：6f1c…（见 fazhi submissions list）
        id: String,
        /// 撤回原因（记入审计），例：--reason 报送错误
        #[arg(long, default_value = "")]
        reason: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 接收一份已处理的报告（接收后锁定，计入汇总），例：fazhi submissions accept ID
    Accept {
        /// 报送编号，例：6f1c…（见 fazhi submissions list）
        id: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 退回报告并写明原因（单位可见），例：fazhi submissions return ID --reason "缺少第五部分"
    Return {
        /// 报送编号，例：6f1c…（见 fazhi submissions list）
        id: String,
        /// 退回原因，例：--reason "缺少“其他需要报告的情况”"
        #[arg(long)]
        reason: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 重新打开已接收或已退回的报告（回到待审核），例：fazhi submissions reopen ID
    Reopen {
        /// 报送编号，例：6f1c…（见 fazhi submissions list）
        id: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 把较早的（或已撤回的）版本设为当前版本，例：fazhi submissions make-current ID
    MakeCurrent {
        /// 报送编号，例：6f1c…（见 fazhi submissions list）
        id: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 登记报告实际送达依法治区办的日期（邮寄、邮件送达后补录），例：fazhi submissions received-on ID 2026-02-27
    ReceivedOn {
        /// 报送编号，例：6f1c…（见 fazhi submissions list）
        id: String,
        /// 送达日期，例：2026-02-27
        date: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 列出某单位某年度报告的全部版本（最早的在前），例：fazhi submissions versions --agency jgz --year 2025
    Versions {
        /// 单位代码，例：--agency jgz
        #[arg(long)]
        agency: String,
        /// 报告所属年度，例：--year 2025
        #[arg(long)]
        year: i32,
        /// 每行一个 JSON 对象，例：--json
        #[arg(long)]
        json: bool,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 下载单位提交的原始文件，例：fazhi submissions download ID --output 报告.docx
    Download {
        /// 报送编号，例：6f1c…（见 fazhi submissions list）
        id: String,
        /// 保存到此文件；不填则用原文件名保存在当前目录（已有的文件不会被覆盖），例：--output 报告.docx
        #[arg(long)]
        output: Option<PathBuf>,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
}

fn fmt_time(ts: Option<&prost_types::Timestamp>) -> String {
    beijing_time(ts.map(|t| t.seconds.saturating_mul(1000)))
}

fn json_of(s: &pb::Submission) -> serde_json::Value {
    serde_json::json!({
        "submission_id": s.submission_id,
        "agency_code": s.agency_code,
        "agency_name": s.agency_name,
        "district": s.district,
        "reporting_year": s.reporting_year,
        "status": status_name(s.status),
        "reject_reason": s.reject_reason,
        "file_name": s.file_name,
        "media_type": s.media_type,
        "size_bytes": s.size_bytes,
        "submitted_at": s.submitted_at.as_ref().map(|t| t.seconds),
        "processed_at": s.processed_at.as_ref().map(|t| t.seconds),
        "on_time": s.on_time,
    })
}

fn state_zh(state: i32) -> &'static str {
    match pb::ReviewState::try_from(state).unwrap_or(pb::ReviewState::Unspecified) {
        pb::ReviewState::Queued => "待处理",
        pb::ReviewState::Rejected => "无法读取",
        pb::ReviewState::Failed => "处理失败",
        pb::ReviewState::Withdrawn => "已撤回",
        pb::ReviewState::Pending => "待审核",
        pb::ReviewState::Accepted => "已接收",
        pb::ReviewState::Returned => "已退回",
        pb::ReviewState::Unspecified => "未知",
    }
}

fn version_json(v: &pb::Version) -> serde_json::Value {
    serde_json::json!({
        "submission_id": v.submission_id, "agency_code": v.agency_code,
        "district": v.district, "year": v.year,
        "state": pb::ReviewState::try_from(v.state).map(|s| s.as_str_name()).unwrap_or("?"),
        "reason": v.reason, "file_name": v.file_name, "submitted_at": v.submitted_at,
        "received_on": v.received_on, "received_set_by": v.received_set_by, "current": v.current,
    })
}

fn print_version(done: &str, v: &pb::Version) {
    println!(
        "{done}：{}（{} {}年度）现为“{}”{}，送达 {}",
        v.submission_id,
        v.agency_code,
        v.year,
        state_zh(v.state),
        if v.current {
            "，为当前计入版本"
        } else {
            ""
        },
        v.received_on
    );
}

async fn review(
    settings: &Settings,
    server: Option<String>,
    id: String,
    reason: String,
    step: &str,
) -> anyhow::Result<()> {
    let url = server_url(settings, server.as_deref());
    let mut client = SeasonClient::new(authed(settings, &url).await?);
    let request = pb::ReviewRequest {
        submission_id: id,
        reason,
    };
    let r = match step {
        "accept" => client.accept_report(request).await,
        "return" => client.return_report(request).await,
        "reopen" => client.reopen_report(request).await,
        _ => client.make_current(request).await,
    }
    .map_err(|s| anyhow::anyhow!("{}", s.message()))?
    .into_inner()
    .version
    .context("服务未返回版本")?;
    let done = match step {
        "accept" => "已接收",
        "return" => "已退回",
        "reopen" => "已重新打开",
        _ => "已设为当前版本",
    };
    print_version(done, &r);
    Ok(())
}

pub async fn run(settings: &Settings, command: SubmissionsCommand) -> anyhow::Result<()> {
    let message = |s: tonic::Status| anyhow::anyhow!("{}", s.message());
    match command {
        SubmissionsCommand::Accept { id, server } => {
            review(settings, server, id, String::new(), "accept").await?
        }
        SubmissionsCommand::Return { id, reason, server } => {
            review(settings, server, id, reason, "return").await?
        }
        SubmissionsCommand::Reopen { id, server } => {
            review(settings, server, id, String::new(), "reopen").await?
        }
        SubmissionsCommand::MakeCurrent { id, server } => {
            review(settings, server, id, String::new(), "make-current").await?
        }
        SubmissionsCommand::ReceivedOn { id, date, server } => {
            let url = server_url(settings, server.as_deref());
            let mut client = SeasonClient::new(authed(settings, &url).await?);
            let v = client
                .set_received_on(pb::SetReceivedOnRequest {
                    submission_id: id,
                    received_on: date,
                })
                .await
                .map_err(message)?
                .into_inner()
                .version
                .context("服务未返回版本")?;
            print_version("已登记送达日期", &v);
        }
        SubmissionsCommand::Versions {
            agency,
            year,
            json,
            server,
        } => {
            let url = server_url(settings, server.as_deref());
            let mut client = SeasonClient::new(authed(settings, &url).await?);
            let versions = client
                .list_versions(pb::ListVersionsRequest {
                    agency_code: agency,
                    year,
                })
                .await
                .map_err(message)?
                .into_inner()
                .versions;
            if json {
                print_json_lines(&versions, version_json);
                return Ok(());
            }
            println!(
                "{}{}{}{}原因",
                pad("报送编号", 38),
                pad("状态", 12),
                pad("送达", 12),
                pad("当前", 6)
            );
            for v in &versions {
                println!(
                    "{}{}{}{}{}",
                    pad(&v.submission_id, 38),
                    pad(state_zh(v.state), 12),
                    pad(&v.received_on, 12),
                    pad(if v.current { "是" } else { "" }, 6),
                    v.reason
                );
            }
        }
        SubmissionsCommand::List { read } => {
            let (district, year, json, server) = read.into_parts();
            let url = server_url(settings, server.as_deref());
            let mut client = DistrictSummaryServiceClient::new(authed(settings, &url).await?);
            let mut token = String::new();
            let mut rows = Vec::new();
            loop {
                let page = client
                    .list_submissions(pb::ListSubmissionsRequest {
                        district: district.clone(),
                        year,
                        page_size: 200,
                        page_token: token.clone(),
                    })
                    .await
                    .map_err(message)?
                    .into_inner();
                rows.extend(page.submissions);
                if page.next_page_token.is_empty() {
                    break;
                }
                token = page.next_page_token;
            }
            if json {
                print_json_lines(&rows, json_of);
                return Ok(());
            }
            println!(
                "{}{}{}{}按时",
                pad("报送编号", 38),
                pad("单位", 30),
                pad("状态", 11),
                pad("报送时间", 18),
            );
            for s in &rows {
                println!(
                    "{}{}{}{}{}",
                    pad(&s.submission_id, 38),
                    pad(&s.agency_name, 30),
                    pad(status_name(s.status), 11),
                    pad(&fmt_time(s.submitted_at.as_ref()), 18),
                    if s.on_time { "是" } else { "否" }
                );
            }
            eprintln!("共 {} 条", rows.len());
        }
        SubmissionsCommand::Show { id, json, server } => {
            let url = server_url(settings, server.as_deref());
            let mut client = ReportIngestServiceClient::new(authed(settings, &url).await?);
            let s = client
                .get_submission(pb::GetSubmissionRequest { submission_id: id })
                .await
                .map_err(message)?
                .into_inner()
                .submission
                .context("服务器没有返回这次报送")?;
            if json {
                println!("{}", json_of(&s));
                return Ok(());
            }
            println!("报送编号  {}", s.submission_id);
            println!("单位      {}（{}）", s.agency_name, s.agency_code);
            println!("年度      {}", s.reporting_year);
            println!("状态      {}", status_name(s.status));
            if !s.reject_reason.is_empty() {
                println!("原因      {}", s.reject_reason);
            }
            println!(
                "文件      {}（{} 字节，{}）",
                s.file_name, s.size_bytes, s.media_type
            );
            println!("报送时间  {}", fmt_time(s.submitted_at.as_ref()));
            println!("处理时间  {}", fmt_time(s.processed_at.as_ref()));
            if let Some(p) = &s.parsed {
                println!(
                    "解析      {} 个部分，{} 个数字，{} 条提示",
                    p.sections.len(),
                    p.quantities.len(),
                    p.findings.len()
                );
                for f in &p.findings {
                    println!("  - {}", f.message);
                }
            }
        }
        SubmissionsCommand::Withdraw { id, reason, server } => {
            let url = server_url(settings, server.as_deref());
            let mut client = ReportIngestServiceClient::new(authed(settings, &url).await?);
            let s = client
                .withdraw_submission(pb::WithdrawSubmissionRequest {
                    submission_id: id,
                    reason,
                })
                .await
                .map_err(message)?
                .into_inner()
                .submission
                .context("服务器没有返回这次报送")?;
            println!("已撤回 {}（{}）", s.submission_id, s.agency_name);
        }
        SubmissionsCommand::Download { id, output, server } => {
            let url = server_url(settings, server.as_deref());
            let mut client = ReportIngestServiceClient::new(authed(settings, &url).await?)
                .max_decoding_message_size(settings.grpc.max_message_bytes());
            let doc = client
                .get_original_document(pb::GetOriginalDocumentRequest { submission_id: id })
                .await
                .map_err(message)?
                .into_inner();
            let path = match output {
                Some(p) => p,
                None => {
                    // Only the name: a stored name must not choose the folder.
                    let name = std::path::Path::new(&doc.file_name)
                        .file_name()
                        .map(|n| n.to_owned())
                        .unwrap_or_else(|| "report".into());
                    PathBuf::from(name)
                }
            };
            if path.exists() {
                bail!(
                    "{} 已存在，未覆盖；请用 --output 指定其他文件名",
                    path.display()
                );
            }
            std::fs::write(&path, &doc.content)
                .with_context(|| format!("无法写入 {}", path.display()))?;
            println!(
                "{}\t{} 字节\tsha256 {}",
                path.display(),
                doc.content.len(),
                doc.sha256
            );
        }
    }
    Ok(())
}
