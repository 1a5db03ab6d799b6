//! `fazhi roster import|list|exempt`: the roster by year, over gRPC.

use std::path::PathBuf;

use anyhow::Context;
use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::season_client::SeasonClient;
use fazhi_services::convert::agency_kind_code;

use crate::client::{authed, server_url};
use crate::display::{pad, print_json_lines};
use crate::read_args::DistrictYear;

#[derive(Debug, clap::Subcommand)]
pub enum RosterCommand {
    /// 导入某年度的名录（CSV：code,name,kind,district，可选 short_name,parent,exempt_reason；填写免报原因即为免报），例：fazhi roster import --year 2025 名录2025.csv
    Import {
        /// 名录生效的年度（报告所属年度），例：--year 2025
        #[arg(long)]
        year: i32,
        /// CSV 文件（UTF-8 或 GB18030），例：名录2025.csv
        file: PathBuf,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 列出某区某年度的名录（含免报单位），例：fazhi roster list --district 示例区 --year 2025
    List {
        #[command(flatten)]
        read: DistrictYear,
    },
    /// 设为免报（写明原因）或取消免报（--clear），例：fazhi roster exempt jgz --year 2025 --reason "2025年并入区司法局"
    Exempt {
        /// 单位代码，例：jgz
        code: String,
        /// 从哪一年度起，例：--year 2025
        #[arg(long)]
        year: i32,
        /// 免报原因，例：--reason "2025年撤并"
        #[arg(long, default_value = "")]
        reason: String,
        /// 取消免报（不能与 --reason 同用），例：--clear
        #[arg(long, conflicts_with = "reason")]
        clear: bool,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
}

pub async fn run(settings: &Settings, command: RosterCommand) -> anyhow::Result<()> {
    let message = |s: tonic::Status| anyhow::anyhow!("{}", s.message());
    match command {
        RosterCommand::Import { year, file, server } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("无法读取 {}", file.display()))?;
            let csv = fazhi_core::decode(&bytes)
                .with_context(|| format!("无法读取 {}", file.display()))?;
            let url = server_url(settings, server.as_deref());
            let mut client = SeasonClient::new(authed(settings, &url).await?);
            let r = client
                .import_roster(pb::ImportRosterRequest { year, csv })
                .await
                .map_err(message)?
                .into_inner();
            println!(
                "已导入{}个单位（{}年度起）；已更新汇总：{}",
                r.written,
                year,
                if r.refreshed.is_empty() {
                    "无".to_owned()
                } else {
                    r.refreshed.join("、")
                }
            );
        }
        RosterCommand::List { read } => {
            let (district, year, json, server) = read.into_parts();
            let url = server_url(settings, server.as_deref());
            let mut client = SeasonClient::new(authed(settings, &url).await?);
            let units = client
                .list_roster(pb::ListRosterRequest { district, year })
                .await
                .map_err(message)?
                .into_inner()
                .units;
            if json {
                print_json_lines(&units, |u| {
                    serde_json::json!({
                        "code": u.code, "name": u.name, "short_name": u.short_name,
                        "kind": agency_kind_code(u.kind()), "parent": u.parent, "district": u.district,
                        "year_from": u.year_from, "exempt": u.exempt, "exempt_reason": u.exempt_reason,
                    })
                });
                return Ok(());
            }
            println!(
                "{}{}{}{}免报",
                pad("代码", 14),
                pad("名称", 40),
                pad("类型", 22),
                pad("起始年度", 10)
            );
            for u in &units {
                println!(
                    "{}{}{}{}{}",
                    pad(&u.code, 14),
                    pad(&u.name, 40),
                    pad(&agency_kind_code(u.kind()), 22),
                    pad(&u.year_from.to_string(), 10),
                    if u.exempt {
                        u.exempt_reason.as_str()
                    } else {
                        "-"
                    }
                );
            }
            eprintln!("共 {} 个单位", units.len());
        }
        RosterCommand::Exempt {
            code,
            year,
            reason,
            clear,
            server,
        } => {
            let url = server_url(settings, server.as_deref());
            let mut client = SeasonClient::new(authed(settings, &url).await?);
            let u = client
                .set_exempt(pb::SetExemptRequest {
                    code,
                    year,
                    exempt: !clear,
                    reason,
                })
                .await
                .map_err(message)?
                .into_inner()
                .unit
                .context("服务未返回单位")?;
            if u.exempt {
                println!(
                    "{}（{}）自{}年度起免报：{}",
                    u.name, u.code, year, u.exempt_reason
                );
            } else {
                println!("{}（{}）自{}年度起应报", u.name, u.code, year);
            }
        }
    }
    Ok(())
}
