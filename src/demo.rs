//! `fazhi demo`: the whole pipeline on the bundled sample district, through
//! the real gRPC API.

use std::collections::BTreeSet;
use std::time::Duration;

use anyhow::Context;
use fazhi_config::Settings;
use fazhi_core::Part;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;

use crate::app::{Application, Roles};
use crate::client::{authed, fetch_summary, status_name, wait_processed};
use crate::display::pad;
use crate::samples;

pub async fn run(mut settings: Settings) -> anyhow::Result<()> {
    // Any free port: the demo must not collide with a running server.
    settings.grpc.listen = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    let parts = crate::app::connect(&settings).await?;
    let rows = fazhi_store::agencies::parse_roster(samples::ROSTER_CSV)?;
    parts.store.upsert_agencies(&rows).await?;
    // The workbench only for a person at a terminal (a script or a test
    // gets its exit at once, and must not collide on port 8080).
    let at_terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let roles = Roles {
        web: at_terminal,
        metrics: false,
        ..Roles::HEADLESS
    };
    let app = Application::build_with(&settings, roles, parts).await?;
    let url = format!(
        "http://{}",
        app.grpc_addr().context("演示的 gRPC 服务没有监听地址")?
    );
    let result = submit_and_print(&settings, &url).await;
    if result.is_ok() && at_terminal {
        let file = crate::credentials::local_file(&settings)
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        println!();
        if let Some(web) = app.web_addr() {
            println!(
                "网页工作台 http://{web} 已启动：用户名 admin，密码见 {file}。按 Ctrl-C 退出。"
            );
            crate::app::shutdown_on_signal(app.shutdown_token());
            app.shutdown_token().cancelled().await;
        }
    }
    app.stop().await;
    result
}

async fn submit_and_print(settings: &Settings, url: &str) -> anyhow::Result<()> {
    let mut client = ReportIngestServiceClient::new(authed(settings, url).await?);
    let mut years = BTreeSet::new();
    println!("提交示例报告（{} 份）…", samples::REPORTS.len());
    for report in &samples::REPORTS {
        let response = client
            .submit_report(pb::SubmitReportRequest {
                agency_code: report.agency_code.to_owned(),
                reporting_year: report.year,
                document: Some(pb::Document {
                    content: report.content.to_vec(),
                    media_type: "text/plain; charset=utf-8".into(),
                    file_name: report.file.to_owned(),
                }),
                idempotency_key: Some(format!("demo/{}", report.file)),
            })
            .await
            .map_err(|s| anyhow::anyhow!("{}: {:?} {}", report.file, s.code(), s.message()))?
            .into_inner();
        let done = wait_processed(
            &mut client,
            &response.submission_id,
            Duration::from_secs(60),
        )
        .await?;
        println!(
            "  {}  {}  {}年度  {}{}",
            report.file,
            done.agency_name,
            done.reporting_year,
            status_name(done.status),
            if done.reject_reason.is_empty() {
                String::new()
            } else {
                format!("（{}）", done.reject_reason)
            }
        );
        years.insert(report.year);
    }
    for year in years {
        let summary = fetch_summary(settings, url, samples::DISTRICT, year).await?;
        println!();
        println!(
            "==== {} {}年度 汇总：应报 {} 家，已报 {} 家 ====",
            summary.district, year, summary.expected, summary.submitted
        );
        println!(
            "{}{}五个法定部分（有 ✓ / 缺 ✗）",
            pad("单位", 30),
            pad("已报送", 8)
        );
        for c in &summary.coverage {
            let name = c
                .agency
                .as_ref()
                .map(|a| a.name.as_str())
                .unwrap_or_default();
            let present: Vec<i32> = c.parts_present.clone();
            let marks: Vec<String> = Part::ALL
                .iter()
                .map(|p| {
                    let code = fazhi_services::convert::part(*p) as i32;
                    format!(
                        "{}{}",
                        short(*p),
                        if present.contains(&code) {
                            "✓"
                        } else {
                            "✗"
                        }
                    )
                })
                .collect();
            println!(
                "{}{}{}",
                pad(name, 30),
                pad(if c.submitted { "是" } else { "否" }, 8),
                marks.join(" ")
            );
        }
        println!();
        println!("{}", summary.draft_markdown);
    }
    Ok(())
}

fn short(p: Part) -> &'static str {
    match p {
        Part::Measures => "举措成效",
        Part::Shortcomings => "不足原因",
        Part::LeaderDuty => "第一责任人",
        Part::NextYear => "下年安排",
        Part::Other => "其他",
    }
}
