//! `fazhi checks list|clear|confirm|correct` and `fazhi escalations
//! add|list|notices`: the district office's review of checks and its
//! escalation ladder, over gRPC (the same rules as any other client).

use std::path::PathBuf;

use crate::client::{authed, server_url};
use crate::display::{beijing_time, pad, print_json_lines};
use crate::read_args::DistrictYear;
use anyhow::{Context, bail};
use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::checks_client::ChecksClient;
use fazhi_services::checks::convert::kind_code;

#[derive(Debug, clap::Subcommand)]
pub enum ChecksCommand {
    /// 列出检查项：一次报送的，或某区某年度的。
    /// 例：fazhi checks list --submission ID；fazhi checks list --district 示例区 --year 2025 --open
    List {
        /// 报送编号，例：--submission 3f2a…（不能与 --district、--year 同用）
        #[arg(long, conflicts_with_all = ["district", "year"])]
        submission: Option<String>,
        /// 区名，例：--district 示例区（与 --year 一起用）
        #[arg(long)]
        district: Option<String>,
        /// 年度，例：--year 2025
        #[arg(long)]
        year: Option<i32>,
        /// 只列待处理的，例：--open
        #[arg(long)]
        open: bool,
        /// 每行一个 JSON 对象，例：--json
        #[arg(long)]
        json: bool,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 将一个检查项标记为已处理，须写明说明。
    /// 例：fazhi checks clear 12 --note 已要求提供脱敏公开版本
    Clear {
        /// 检查项编号（见 checks list），例：12
        id: i64,
        /// 处理说明，例：--note 已要求提供脱敏公开版本
        #[arg(long)]
        note: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 确认单位、年度不符的报告按原报送计入。
    /// 例：fazhi checks confirm ID --note 经电话核实为本单位报告
    Confirm {
        /// 报送编号，例：3f2a…
        submission: String,
        /// 说明，例：--note 经电话核实为本单位报告
        #[arg(long)]
        note: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 把报错单位或年度的报告更正到正确的单位、年度（两处汇总随之更新）。
    /// 例：fazhi checks correct ID --agency A03 --year 2024 --note 实为旧宫镇2024年度报告
    Correct {
        /// 报送编号，例：3f2a…
        submission: String,
        /// 正确的单位代码，例：--agency A03
        #[arg(long)]
        agency: Option<String>,
        /// 正确的年度，例：--year 2024
        #[arg(long)]
        year: Option<i32>,
        /// 说明，例：--note 实为旧宫镇2024年度报告
        #[arg(long)]
        note: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StepArg {
    /// 提醒
    Remind,
    /// 催报
    Urge,
    /// 督办
    Supervise,
    /// 通报
    Notify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NoticeFormatArg {
    Csv,
    Docx,
}

#[derive(Debug, clap::Subcommand)]
pub enum EscalationsCommand {
    /// 对一个单位的某年度采取下一步催办（只能向前：提醒→催报→督办→通报）。
    /// 例：fazhi escalations add --agency A03 --year 2025 --step urge --note 电话催报
    Add {
        /// 单位代码，例：--agency A03
        #[arg(long)]
        agency: String,
        /// 年度，例：--year 2025
        #[arg(long)]
        year: i32,
        /// 步骤，例：--step supervise
        #[arg(long, value_enum)]
        step: StepArg,
        /// 说明，例：--note 电话催报，答复3日内报送
        #[arg(long, default_value = "")]
        note: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 列出某区某年度采取过的催办步骤。例：fazhi escalations list --district 示例区 --year 2025
    List {
        #[command(flatten)]
        read: DistrictYear,
    },
    /// 导出督办通知（每个已督办单位一份）。
    /// 例：fazhi escalations notices --district 示例区 --year 2025 --format docx --output 督办通知.docx
    Notices {
        /// 区名，例：--district 示例区
        #[arg(long)]
        district: String,
        /// 年度，例：--year 2025
        #[arg(long)]
        year: i32,
        /// 格式，例：--format csv
        #[arg(long, value_enum, default_value = "csv")]
        format: NoticeFormatArg,
        /// 保存到此文件，例：--output 督办通知.csv
        #[arg(long)]
        output: PathBuf,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
}

fn message(s: tonic::Status) -> anyhow::Error {
    anyhow::anyhow!("{}", s.message())
}

fn state_label(s: i32) -> &'static str {
    match pb::CheckState::try_from(s).unwrap_or(pb::CheckState::Unspecified) {
        pb::CheckState::Open => "待处理",
        pb::CheckState::Cleared => "已处理",
        pb::CheckState::Confirmed => "已确认",
        pb::CheckState::Corrected => "已更正",
        pb::CheckState::Unspecified => "-",
    }
}

fn step_label(s: i32) -> &'static str {
    match pb::EscalationStep::try_from(s).unwrap_or(pb::EscalationStep::Unspecified) {
        pb::EscalationStep::Remind => "提醒",
        pb::EscalationStep::Urge => "催报",
        pb::EscalationStep::Supervise => "督办",
        pb::EscalationStep::Notify => "通报",
        pb::EscalationStep::Unspecified => "-",
    }
}

fn check_json(c: &pb::Check) -> serde_json::Value {
    serde_json::json!({
        "id": c.id, "submission_id": c.submission_id, "agency_code": c.agency_code,
        "district": c.district, "year": c.year, "kind": kind_code(c.kind()), "code": c.code,
        "severity": c.severity, "holds": c.holds,
        "start": c.has_span.then_some(c.start), "end": c.has_span.then_some(c.end),
        "excerpt": c.excerpt, "message": c.message, "state": state_label(c.state),
        "cleared_by": c.cleared_by, "cleared_at_ms": c.cleared_at_ms, "note": c.note,
    })
}

async fn client(
    settings: &Settings,
    server: Option<&str>,
) -> anyhow::Result<ChecksClient<crate::client::Authed>> {
    let url = server_url(settings, server);
    Ok(ChecksClient::new(authed(settings, &url).await?))
}

pub async fn run_checks(settings: &Settings, command: ChecksCommand) -> anyhow::Result<()> {
    match command {
        ChecksCommand::List {
            submission,
            district,
            year,
            open,
            json,
            server,
        } => {
            if submission.is_none() && (district.is_none() || year.is_none()) {
                bail!("请给出 --submission，或 --district 和 --year");
            }
            let mut c = client(settings, server.as_deref()).await?;
            let rows = c
                .list_checks(pb::ListChecksRequest {
                    submission_id: submission.unwrap_or_default(),
                    district: district.unwrap_or_default(),
                    year: year.unwrap_or_default(),
                    open_only: open,
                })
                .await
                .map_err(message)?
                .into_inner()
                .checks;
            if json {
                print_json_lines(&rows, check_json);
                return Ok(());
            }
            println!(
                "{}{}{}{}{}说明",
                pad("编号", 7),
                pad("单位", 10),
                pad("类别", 17),
                pad("状态", 8),
                pad("位置", 12),
            );
            for r in &rows {
                let at = if r.has_span {
                    format!("{}–{}", r.start, r.end)
                } else {
                    "-".into()
                };
                println!(
                    "{}{}{}{}{}{}",
                    pad(&r.id.to_string(), 7),
                    pad(&r.agency_code, 10),
                    pad(&r.code, 17),
                    pad(state_label(r.state), 8),
                    pad(&at, 12),
                    r.message
                );
            }
            println!("共{}项（位置为原文字符序号）", rows.len());
            Ok(())
        }
        ChecksCommand::Clear { id, note, server } => {
            let mut c = client(settings, server.as_deref()).await?;
            let done = c
                .clear_check(pb::ClearCheckRequest { id, note })
                .await
                .map_err(message)?
                .into_inner()
                .check
                .context("服务未返回检查项")?;
            println!("检查项{}已处理：{}", done.id, done.note);
            Ok(())
        }
        ChecksCommand::Confirm {
            submission,
            note,
            server,
        } => {
            let mut c = client(settings, server.as_deref()).await?;
            let r = c
                .confirm_filing(pb::ConfirmFilingRequest {
                    submission_id: submission,
                    note,
                })
                .await
                .map_err(message)?
                .into_inner();
            println!(
                "已确认：{}按{} {}年度计入",
                r.submission_id, r.agency_code, r.year
            );
            Ok(())
        }
        ChecksCommand::Correct {
            submission,
            agency,
            year,
            note,
            server,
        } => {
            let mut c = client(settings, server.as_deref()).await?;
            let r = c
                .correct_filing(pb::CorrectFilingRequest {
                    submission_id: submission,
                    agency_code: agency.unwrap_or_default(),
                    year: year.unwrap_or_default(),
                    note,
                })
                .await
                .map_err(message)?
                .into_inner();
            println!(
                "已更正：{}由{} {}年度改为{} {}年度",
                r.submission_id, r.previous_agency_code, r.previous_year, r.agency_code, r.year
            );
            Ok(())
        }
    }
}

pub async fn run_escalations(
    settings: &Settings,
    command: EscalationsCommand,
) -> anyhow::Result<()> {
    match command {
        EscalationsCommand::Add {
            agency,
            year,
            step,
            note,
            server,
        } => {
            let step = match step {
                StepArg::Remind => pb::EscalationStep::Remind,
                StepArg::Urge => pb::EscalationStep::Urge,
                StepArg::Supervise => pb::EscalationStep::Supervise,
                StepArg::Notify => pb::EscalationStep::Notify,
            };
            let mut c = client(settings, server.as_deref()).await?;
            let e = c
                .escalate(pb::EscalateRequest {
                    agency_code: agency,
                    year,
                    step: step as i32,
                    note,
                })
                .await
                .map_err(message)?
                .into_inner()
                .escalation
                .context("服务未返回催办记录")?;
            println!(
                "{} {}年度：已{}（{}）",
                e.agency_name,
                e.year,
                step_label(e.step),
                beijing_time(Some(e.at_ms))
            );
            Ok(())
        }
        EscalationsCommand::List { read } => {
            let (district, year, json, server) = read.into_parts();
            let mut c = client(settings, server.as_deref()).await?;
            let rows = c
                .list_escalations(pb::ListEscalationsRequest { district, year })
                .await
                .map_err(message)?
                .into_inner()
                .escalations;
            if json {
                print_json_lines(&rows, |e| {
                    serde_json::json!({
                        "agency_code": e.agency_code, "agency_name": e.agency_name,
                        "year": e.year, "step": step_label(e.step), "at_ms": e.at_ms,
                        "by": e.by, "note": e.note,
                    })
                });
                return Ok(());
            }
            println!(
                "{}{}{}{}说明",
                pad("单位", 30),
                pad("步骤", 6),
                pad("时间", 18),
                pad("经办", 24)
            );
            for e in &rows {
                println!(
                    "{}{}{}{}{}",
                    pad(&e.agency_name, 30),
                    pad(step_label(e.step), 6),
                    pad(&beijing_time(Some(e.at_ms)), 18),
                    pad(&e.by, 24),
                    e.note
                );
            }
            Ok(())
        }
        EscalationsCommand::Notices {
            district,
            year,
            format,
            output,
            server,
        } => {
            let format = match format {
                NoticeFormatArg::Csv => pb::NoticeFormat::Csv,
                NoticeFormatArg::Docx => pb::NoticeFormat::Docx,
            };
            let mut c = client(settings, server.as_deref()).await?;
            let r = c
                .export_notices(pb::ExportNoticesRequest {
                    district,
                    year,
                    format: format as i32,
                })
                .await
                .map_err(message)?
                .into_inner();
            std::fs::write(&output, &r.content)
                .with_context(|| format!("无法写入 {}", output.display()))?;
            println!("已导出{}份督办通知到 {}", r.notices, output.display());
            Ok(())
        }
    }
}
