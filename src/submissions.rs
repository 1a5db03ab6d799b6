//! `fazhi submissions list|show|withdraw|download`: the district office's
//! view of what came in, over gRPC (the same checks as any other client).

use std::path::PathBuf;

use crate::client::{authed, server_url, status_name};
use crate::display::{beijing_time, pad};
use anyhow::{Context, bail};
use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_client::DistrictSummaryServiceClient;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;

#[derive(Debug, clap::Subcommand)]
pub enum SubmissionsCommand {
    /// 列出某区某年度的报送（最新的在前），例：fazhi submissions list --district 示例区 --year 2023
    List {
        #[arg(long)]
        district: String,
        #[arg(long)]
        year: i32,
        /// 每行一个 JSON 对象
        #[arg(long)]
        json: bool,
        #[arg(long)]
        server: Option<String>,
    },
    /// 查看一次报送的状态和解析结果
    Show {
        id: String,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        server: Option<String>,
    },
    /// 撤回一次报送（它立即退出全部合计），例：fazhi submissions withdraw ID --reason 报送错误
    Withdraw {
        id: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        server: Option<String>,
    },
    /// 下载单位提交的原始文件，例：fazhi submissions download ID --output 报告.docx
    Download {
        id: String,
        /// 保存到此文件；不填则用原文件名保存在当前目录
        #[arg(long)]
        output: Option<PathBuf>,
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

pub async fn run(settings: &Settings, command: SubmissionsCommand) -> anyhow::Result<()> {
    let message = |s: tonic::Status| anyhow::anyhow!("{}", s.message());
    match command {
        SubmissionsCommand::List {
            district,
            year,
            json,
            server,
        } => {
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
                for s in &rows {
                    println!("{}", json_of(s));
                }
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
                .context("the server sent no submission")?;
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
                .context("the server sent no submission")?;
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
                .with_context(|| format!("writing {}", path.display()))?;
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
