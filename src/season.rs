//! `fazhi season status|deadlines|publish` and `fazhi todo`: the district
//! office's season over gRPC, in Chinese, with every rate's counts.

use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::season_client::SeasonClient;

use crate::client::{authed, server_url};
use crate::display::{pad, print_json_lines};
use crate::read_args::DistrictYear;

#[derive(Debug, clap::Subcommand)]
pub enum SeasonCommand {
    /// 报送率、按时率、公开率和各名单，例：fazhi season status --district 示例区 --year 2025
    Status {
        #[command(flatten)]
        read: DistrictYear,
    },
    /// 查看或设置报送、公开截止日期和是否计入待审核报告，例：fazhi season deadlines --district 示例区 --year 2025 --submit-by 2026-03-10
    Deadlines {
        /// 区名，例：--district 示例区
        #[arg(long)]
        district: String,
        /// 报告所属年度，例：--year 2025
        #[arg(long)]
        year: i32,
        /// 报送截止日期（此日前送达为按时），例：--submit-by 2026-03-01
        #[arg(long)]
        submit_by: Option<String>,
        /// 公开截止日期（此日前公开为按时），例：--publish-by 2026-04-01
        #[arg(long)]
        publish_by: Option<String>,
        /// 已处理但未审核的报告是否先行计入，例：--count-unreviewed false
        #[arg(long)]
        count_unreviewed: Option<bool>,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
    /// 登记单位报告的公开网址和日期（网页报告可不填日期，取网页发布日期），例：fazhi season publish --agency jgz --year 2025 --url https://www.example.gov.cn/2026/0320.html --date 2026-03-20
    Publish {
        /// 单位代码，例：--agency jgz
        #[arg(long)]
        agency: String,
        /// 报告所属年度，例：--year 2025
        #[arg(long)]
        year: i32,
        /// 公开网址，例：--url https://www.example.gov.cn/a.html
        #[arg(long)]
        url: String,
        /// 公开日期，例：--date 2026-03-20
        #[arg(long, default_value = "")]
        date: String,
        /// 服务地址，例：--server http://127.0.0.1:50051
        #[arg(long)]
        server: Option<String>,
    },
}

/// `fazhi todo`: what needs attention today.
#[derive(Debug, clap::Args)]
pub struct TodoArgs {
    /// 只看这个区；不填则为凭证可见的全部区，例：--district 示例区
    #[arg(long)]
    pub district: Option<String>,
    /// 报告所属年度；不填则为去年（本报送季），例：--year 2025
    #[arg(long)]
    pub year: Option<i32>,
    /// 按这一天计算（默认今天），例：--today 2026-02-25
    #[arg(long)]
    pub today: Option<String>,
    /// 每行一个 JSON 对象，例：--json
    #[arg(long)]
    pub json: bool,
    /// 服务地址，例：--server http://127.0.0.1:50051
    #[arg(long)]
    pub server: Option<String>,
}

fn rate(r: Option<&pb::Rate>) -> String {
    match r {
        Some(r) if r.has_percent => {
            format!("{:.1}%（{}/{}）", r.percent, r.numerator, r.denominator)
        }
        Some(r) => format!("-（{}/{}）", r.numerator, r.denominator),
        None => "-".into(),
    }
}

fn named_json(list: &[pb::NamedUnit]) -> serde_json::Value {
    list.iter()
        .map(|n| serde_json::json!({"code": n.code, "name": n.name, "note": n.note}))
        .collect()
}

fn rate_json(r: Option<&pb::Rate>) -> serde_json::Value {
    r.map(|r| {
        serde_json::json!({
            "numerator": r.numerator, "denominator": r.denominator,
            "percent": r.has_percent.then_some(r.percent),
        })
    })
    .unwrap_or_default()
}

fn status_json(s: &pb::GetSeasonStatusResponse) -> serde_json::Value {
    serde_json::json!({
        "district": s.district, "year": s.year,
        "submit_by": s.submit_by, "publish_by": s.publish_by,
        "expected": s.expected, "actual": s.actual, "on_time": s.on_time, "late": s.late,
        "exempt": s.exempt, "published": s.published, "published_on_time": s.published_on_time,
        "reporting_rate": rate_json(s.reporting_rate.as_ref()),
        "reporting_rate_on_time": rate_json(s.reporting_rate_on_time.as_ref()),
        "publication_rate": rate_json(s.publication_rate.as_ref()),
        "publication_rate_on_time": rate_json(s.publication_rate_on_time.as_ref()),
        "missing_units": named_json(&s.missing_units),
        "late_units": named_json(&s.late_units),
        "exempt_units": named_json(&s.exempt_units),
        "unpublished_units": named_json(&s.unpublished_units),
        "published_late_units": named_json(&s.published_late_units),
    })
}

fn print_named(title: &str, list: &[pb::NamedUnit]) {
    println!("\n{title}（{}个）", list.len());
    for n in list {
        println!("  {}{}{}", pad(&n.code, 14), pad(&n.name, 40), n.note);
    }
}

fn print_status(s: &pb::GetSeasonStatusResponse) {
    println!(
        "{}{}年度报送情况（报送截止 {}，公开截止 {}；依据本区名录与各单位报送记录）",
        s.district, s.year, s.submit_by, s.publish_by
    );
    let rows: [(&str, String); 11] = [
        ("应报单位", s.expected.to_string()),
        ("实报单位", s.actual.to_string()),
        ("按时报送", s.on_time.to_string()),
        ("逾期报送", s.late.to_string()),
        ("免报单位", s.exempt.to_string()),
        ("已公开", s.published.to_string()),
        ("按时公开", s.published_on_time.to_string()),
        ("报送率", rate(s.reporting_rate.as_ref())),
        ("按时报送率", rate(s.reporting_rate_on_time.as_ref())),
        ("公开率", rate(s.publication_rate.as_ref())),
        ("按时公开率", rate(s.publication_rate_on_time.as_ref())),
    ];
    for (k, v) in rows {
        println!("  {}{v}", pad(k, 14));
    }
    print_named("未报送", &s.missing_units);
    print_named("逾期报送", &s.late_units);
    print_named("免报", &s.exempt_units);
    print_named("未公开", &s.unpublished_units);
    print_named("逾期公开", &s.published_late_units);
}

pub async fn run(settings: &Settings, command: SeasonCommand) -> anyhow::Result<()> {
    let message = |s: tonic::Status| anyhow::anyhow!("{}", s.message());
    match command {
        SeasonCommand::Status { read } => {
            let (district, year, json, server) = read.into_parts();
            let url = server_url(settings, server.as_deref());
            let mut client = SeasonClient::new(authed(settings, &url).await?);
            let s = client
                .get_season_status(pb::GetSeasonStatusRequest { district, year })
                .await
                .map_err(message)?
                .into_inner();
            if json {
                println!("{}", status_json(&s));
            } else {
                print_status(&s);
            }
        }
        SeasonCommand::Deadlines {
            district,
            year,
            submit_by,
            publish_by,
            count_unreviewed,
            server,
        } => {
            let url = server_url(settings, server.as_deref());
            let mut client = SeasonClient::new(authed(settings, &url).await?);
            let change = submit_by.is_some() || publish_by.is_some() || count_unreviewed.is_some();
            let s = if change {
                client
                    .set_deadlines(pb::SetDeadlinesRequest {
                        district,
                        year,
                        submit_by: submit_by.unwrap_or_default(),
                        publish_by: publish_by.unwrap_or_default(),
                        count_unreviewed,
                    })
                    .await
            } else {
                client
                    .get_deadlines(pb::GetDeadlinesRequest { district, year })
                    .await
            }
            .map_err(message)?
            .into_inner();
            println!(
                "{}{}年度：报送截止 {}，公开截止 {}，待审核报告{}计入{}",
                s.district,
                s.year,
                s.submit_by,
                s.publish_by,
                if s.count_unreviewed { "先行" } else { "不" },
                if s.configured { "" } else { "（默认）" }
            );
        }
        SeasonCommand::Publish {
            agency,
            year,
            url: page,
            date,
            server,
        } => {
            let url = server_url(settings, server.as_deref());
            let mut client = SeasonClient::new(authed(settings, &url).await?);
            let p = client
                .set_publication(pb::SetPublicationRequest {
                    agency_code: agency.clone(),
                    year,
                    url: page,
                    published_on: date,
                })
                .await
                .map_err(message)?
                .into_inner();
            println!(
                "{agency} {year}年度报告：{} 公开于 {}（{}）",
                p.published_on,
                p.url,
                if p.date_source == "page" {
                    "取自网页发布日期"
                } else {
                    "人工登记"
                }
            );
        }
    }
    Ok(())
}

fn kind_zh(kind: &str) -> &str {
    match kind {
        "missing" => "未报送",
        "awaiting_review" => "待审核",
        "returned_not_resubmitted" => "退回未重报",
        "not_published" => "未公开",
        other => other,
    }
}

pub async fn todo(settings: &Settings, args: TodoArgs) -> anyhow::Result<()> {
    let url = server_url(settings, args.server.as_deref());
    let mut client = SeasonClient::new(authed(settings, &url).await?);
    let items = client
        .get_todo(pb::GetTodoRequest {
            district: args.district.unwrap_or_default(),
            year: args.year.unwrap_or(0),
            today: args.today.unwrap_or_default(),
        })
        .await
        .map_err(|s| anyhow::anyhow!("{}", s.message()))?
        .into_inner()
        .items;
    if args.json {
        print_json_lines(&items, |t| {
            serde_json::json!({
                "kind": t.kind, "district": t.district, "year": t.year,
                "agency_code": t.agency_code, "agency_name": t.agency_name,
                "submission_id": t.submission_id, "detail": t.detail,
            })
        });
        return Ok(());
    }
    println!(
        "{}{}{}{}说明",
        pad("事项", 12),
        pad("区", 10),
        pad("单位", 36),
        pad("报送编号", 38)
    );
    for t in &items {
        println!(
            "{}{}{}{}{}",
            pad(kind_zh(&t.kind), 12),
            pad(&t.district, 10),
            pad(&t.agency_name, 36),
            pad(
                if t.submission_id.is_empty() {
                    "-"
                } else {
                    &t.submission_id
                },
                38
            ),
            t.detail
        );
    }
    eprintln!("共 {} 项待办", items.len());
    Ok(())
}
