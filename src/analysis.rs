//! `fazhi analysis yoy|plans|recurring|rectify|copying|quality|rollup|refresh`:
//! the analyses across units and years, over gRPC (the same checks as any
//! other client). Tables for the clerk, `--json` for tools.

mod args;
mod json;

pub use args::{AnalysisCommand, StatusArg};

use anyhow::Context;
use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::analysis_service_client::AnalysisServiceClient;

use crate::client::{Authed, authed, server_url};
use crate::display::pad;

async fn client(
    settings: &Settings,
    server: Option<&str>,
) -> anyhow::Result<AnalysisServiceClient<Authed>> {
    let url = server_url(settings, server);
    Ok(AnalysisServiceClient::new(authed(settings, &url).await?)
        .max_decoding_message_size(256 << 20))
}

fn message(s: tonic::Status) -> anyhow::Error {
    anyhow::anyhow!("{}", s.message())
}

fn print_json(v: &serde_json::Value) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v).context("JSON")?);
    Ok(())
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(
        || "-".to_owned(),
        |x| {
            if x.fract() == 0.0 {
                format!("{x:.0}")
            } else {
                format!("{x:.1}")
            }
        },
    )
}

fn name(a: Option<&pb::AgencyRef>) -> String {
    a.map_or_else(String::new, |a| a.name.clone())
}

fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// Where a passage is: `报送编号@起-止`.
fn at(c: Option<&pb::Cite>) -> String {
    c.map_or_else(String::new, |c| {
        let (s, e) = c.span.as_ref().map_or((0, 0), |s| (s.start, s.end));
        format!("{}@{s}-{e}", c.submission_id)
    })
}

pub async fn run(settings: &Settings, command: AnalysisCommand) -> anyhow::Result<()> {
    match command {
        AnalysisCommand::Yoy(t) => {
            let r = client(settings, t.server.as_deref())
                .await?
                .get_year_over_year(pb::GetYearOverYearRequest {
                    district: t.district,
                    year: t.year,
                    agency_code: t.agency,
                })
                .await
                .map_err(message)?
                .into_inner();
            if t.json {
                return print_json(&json::yoy(&r));
            }
            println!(
                "{} {}年 对比 {}年{}",
                r.district,
                r.year,
                r.previous_year,
                if r.agency_code.is_empty() {
                    String::new()
                } else {
                    format!("（单位 {}）", r.agency_code)
                }
            );
            println!(
                "{}{}{}{}来源数",
                pad("指标", 28),
                pad(&format!("{}年", r.previous_year), 12),
                pad(&format!("{}年", r.year), 12),
                pad("变化", 10),
            );
            for c in &r.changes {
                let v = |f: &Option<pb::YearFigure>| num(f.as_ref().and_then(|f| f.value));
                let sources = c.previous.as_ref().map_or(0, |f| f.sources.len())
                    + c.current.as_ref().map_or(0, |f| f.sources.len());
                println!(
                    "{}{}{}{}{sources}",
                    pad(&format!("{}（{}）", c.name, c.unit), 28),
                    pad(&v(&c.previous), 12),
                    pad(&v(&c.current), 12),
                    pad(&num(c.change), 10)
                );
            }
        }
        AnalysisCommand::Plans { target: t, draft } => {
            let r = client(settings, t.server.as_deref())
                .await?
                .get_plans_delivery(pb::GetPlansDeliveryRequest {
                    district: t.district,
                    year: t.year,
                    agency_code: t.agency,
                })
                .await
                .map_err(message)?
                .into_inner();
            if t.json {
                return print_json(&json::plans(&r));
            }
            if draft {
                print!("{}", r.draft_markdown);
                return Ok(());
            }
            println!(
                "{}年度工作安排{}项：已落实{}、部分落实{}、未见落实{}，落实率{}%",
                r.previous_year,
                r.plans,
                r.delivered,
                r.partly,
                r.not_visible,
                num(r.delivery_rate)
            );
            for u in &r.units {
                println!(
                    "\n{}（落实率{}%）",
                    name(u.agency.as_ref()),
                    num(u.delivery_rate)
                );
                for c in &u.checks {
                    let status = match json::delivery(c.status) {
                        "delivered" => "已落实",
                        "partly" => "部分落实",
                        _ => "未见落实",
                    };
                    println!(
                        "  {} {}  [{}]",
                        pad(status, 10),
                        short(
                            &c.plan.as_ref().map_or(String::new(), |p| p.text.clone()),
                            40
                        ),
                        at(c.plan.as_ref())
                    );
                    if let Some(m) = &c.measure {
                        println!(
                            "  {}→ {}  [{}]",
                            pad("", 10),
                            short(&m.text, 40),
                            at(Some(m))
                        );
                    }
                }
            }
        }
        AnalysisCommand::Recurring { target: t, all } => {
            let r = client(settings, t.server.as_deref())
                .await?
                .list_recurring_shortcomings(pb::ListRecurringShortcomingsRequest {
                    district: t.district,
                    year: t.year,
                    agency_code: t.agency,
                    include_single: all,
                })
                .await
                .map_err(message)?
                .into_inner();
            if t.json {
                return print_json(
                    &serde_json::json!({"shortcomings": r.shortcomings.iter().map(json::shortcoming).collect::<Vec<_>>()}),
                );
            }
            for s in &r.shortcomings {
                let status = s.rectification.as_ref().map_or("未登记", |x| {
                    match json::rectification_status(x.status) {
                        "in_progress" => "整改中",
                        "done" => "已整改",
                        _ => "未整改",
                    }
                });
                println!(
                    "{} {} {}  编号 {}",
                    pad(&name(s.agency.as_ref()), 24),
                    pad(status, 8),
                    if s.recurring { "连续反映" } else { "" },
                    s.key
                );
                for o in &s.occurrences {
                    println!(
                        "    {}年：{}  [{}]",
                        o.year,
                        short(&o.text, 50),
                        at(Some(o))
                    );
                }
            }
        }
        AnalysisCommand::Rectify {
            district,
            year,
            key,
            status,
            note,
            server,
        } => {
            let status = match status {
                StatusArg::InProgress => pb::RectificationStatus::InProgress,
                StatusArg::Done => pb::RectificationStatus::Done,
                StatusArg::NotDone => pb::RectificationStatus::NotDone,
            };
            let r = client(settings, server.as_deref())
                .await?
                .set_rectification(pb::SetRectificationRequest {
                    district,
                    year,
                    key,
                    status: status as i32,
                    note,
                })
                .await
                .map_err(message)?
                .into_inner();
            if let Some(s) = r.shortcoming {
                println!(
                    "已登记：{} {}（{}）",
                    name(s.agency.as_ref()),
                    s.label,
                    s.key
                );
            }
        }
        AnalysisCommand::Copying(t) => {
            let r = client(settings, t.server.as_deref())
                .await?
                .get_copying(pb::GetCopyingRequest {
                    district: t.district,
                    year: t.year,
                    agency_code: t.agency,
                })
                .await
                .map_err(message)?
                .into_inner();
            if t.json {
                return print_json(&json::copying(&r));
            }
            println!(
                "{}{}{}本单位上年",
                pad("单位", 28),
                pad("雷同占比", 10),
                pad("他单位", 8),
            );
            for x in &r.reports {
                println!(
                    "{}{}{}{}",
                    pad(&name(x.agency.as_ref()), 28),
                    pad(&format!("{:.1}%", x.copied_share * 100.0), 10),
                    pad(&x.from_other_units.to_string(), 8),
                    x.from_own_last_year
                );
                for p in &x.passages {
                    println!(
                        "    {}  [{}]",
                        short(
                            &p.passage.as_ref().map_or(String::new(), |c| c.text.clone()),
                            40
                        ),
                        at(p.passage.as_ref())
                    );
                    println!(
                        "    ≈ {} {}  [{}]",
                        name(p.other.as_ref().and_then(|o| o.agency.as_ref())),
                        short(
                            &p.other.as_ref().map_or(String::new(), |c| c.text.clone()),
                            36
                        ),
                        at(p.other.as_ref())
                    );
                }
            }
        }
        AnalysisCommand::Quality(t) => {
            let r = client(settings, t.server.as_deref())
                .await?
                .get_quality(pb::GetQualityRequest {
                    district: t.district,
                    year: t.year,
                    agency_code: t.agency,
                })
                .await
                .map_err(message)?
                .into_inner();
            if t.json {
                return print_json(&json::quality(&r));
            }
            for s in &r.scores {
                println!(
                    "第{}名/{} {} {}分",
                    s.rank,
                    r.ranked,
                    pad(&name(s.agency.as_ref()), 28),
                    num(Some(s.score))
                );
                for x in &s.reasons {
                    println!(
                        "    {} {}分  {}",
                        pad(&x.dimension, 10),
                        num(Some(x.points)),
                        x.detail
                    );
                }
            }
            if let Some(d) = &r.distribution {
                println!(
                    "分布（60以下/60-70/70-80/80-90/90以上）：{:?}，平均{}，中位{}",
                    d.bands,
                    num(d.mean),
                    num(d.median)
                );
            }
        }
        AnalysisCommand::Rollup {
            name: parent,
            year,
            districts,
            json,
            server,
        } => {
            let r = client(settings, server.as_deref())
                .await?
                .get_rollup(pb::GetRollupRequest {
                    name: parent,
                    year,
                    districts,
                })
                .await
                .map_err(message)?
                .into_inner();
            if json {
                return print_json(&json::rollup(&r));
            }
            if let Some(x) = &r.reporting {
                println!(
                    "{} {}年（{}）：应报{}、已报{}、报送率{}%、按时{}",
                    r.name,
                    r.year,
                    r.children.join("、"),
                    x.expected,
                    x.actual,
                    num(x.rate),
                    x.on_time
                );
            }
            for t in &r.indicators {
                println!(
                    "  {}{}{}个来源",
                    pad(&format!("{}（{}）", t.name, t.unit), 30),
                    pad(&num(t.value), 10),
                    t.sources.len()
                );
            }
        }
        AnalysisCommand::Refresh {
            district,
            year,
            server,
        } => {
            let r = client(settings, server.as_deref())
                .await?
                .refresh_analysis(pb::RefreshAnalysisRequest { district, year })
                .await
                .map_err(message)?
                .into_inner();
            println!("已重新计算（依据汇总版本 {}）", r.basis);
        }
    }
    Ok(())
}
