//! Analyses across units and years through the real pipeline: the synthetic
//! season of `crates/fazhi-analysis/tests/fixtures` (six units, 2023 and
//! 2024) submitted over gRPC, parsed by the worker, analysed by the server,
//! read over gRPC and the CLI. Expectations are hand-computed (see the
//! fixtures' unit tests for the sentence-by-sentence counts).

use fazhi_proto::v1 as pb;
use fazhi_proto::v1::analysis_service_client::AnalysisServiceClient;

use crate::helpers::*;

const UNITS: [(&str, &str); 6] = [
    ("sfj", "示例区司法局"),
    ("scj", "示例区市场监督管理局"),
    ("hdj", "湖东街道办事处"),
    ("cgj", "示例区城市管理委员会"),
    ("jyj", "示例区教育委员会"),
    ("wlj", "示例区文化和旅游局"),
];
const A: &str = "甲区";
const B: &str = "乙区";
const C: &str = "丙区";

fn fixture(year: i32, code: &str) -> Vec<u8> {
    let path = format!(
        "{}/crates/fazhi-analysis/tests/fixtures/season/{year}/{code}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// 甲区: the six units; 乙区: three units (sfj, scj, hdj texts), two report;
/// 丙区: two units (cgj, jyj texts), one reports. Codes are prefixed per district.
fn roster() -> String {
    let mut csv = String::from("code,name,kind,district\n");
    for (c, n) in UNITS {
        csv.push_str(&format!("jq-{c},{n},department,{A}\n"));
    }
    for (c, n) in &UNITS[..3] {
        csv.push_str(&format!("yq-{c},乙区{n},department,{B}\n"));
    }
    for (c, n) in &UNITS[3..5] {
        csv.push_str(&format!("bq-{c},丙区{n},department,{C}\n"));
    }
    csv
}

async fn season(db: Db, broker: Broker) -> Option<TestApp> {
    let settings = settings(db, broker).await?;
    let app = spawn_app(&settings, true).await;
    let rows = fazhi_store::agencies::parse_roster(&roster()).unwrap();
    app.store.upsert_agencies(&rows).await.unwrap();
    for year in [2023, 2024] {
        for (c, _) in UNITS {
            app.submit_processed(&format!("jq-{c}"), year, fixture(year, c))
                .await;
        }
    }
    for c in ["sfj", "scj"] {
        app.submit_processed(&format!("yq-{c}"), 2024, fixture(2024, c))
            .await;
    }
    app.submit_processed("bq-cgj", 2024, fixture(2024, "cgj"))
        .await;
    Some(app)
}

async fn analysis(app: &TestApp, token: &str) -> AnalysisServiceClient<Authed> {
    AnalysisServiceClient::new(authed(app.channel().await, Some(token)))
}

fn unit<'a>(units: &'a [pb::UnitPlans], code: &str) -> &'a pb::UnitPlans {
    units
        .iter()
        .find(|u| u.agency.as_ref().is_some_and(|a| a.code == code))
        .unwrap_or_else(|| panic!("no {code}"))
}

fn statuses(u: &pb::UnitPlans) -> Vec<pb::Delivery> {
    u.checks.iter().map(|c| c.status()).collect()
}

async fn two_years_through_the_pipeline(db: Db, broker: Broker) {
    let Some(app) = season(db, broker).await else {
        return;
    };
    let mut client = analysis(&app, &app.token).await;
    let req = |agency: &str| (A.to_owned(), 2024, agency.to_owned());

    // Plans against delivery.
    let (district, year, agency_code) = req("");
    let plans = client
        .get_plans_delivery(pb::GetPlansDeliveryRequest {
            district,
            year,
            agency_code,
        })
        .await
        .unwrap()
        .into_inner();
    use pb::Delivery::{Delivered, NotVisible, Partly};
    let sfj = unit(&plans.units, "jq-sfj");
    assert_eq!(statuses(sfj), [Delivered, Delivered, Partly]);
    assert_eq!(sfj.delivery_rate, Some(66.7));
    let m = sfj.checks[0].measure.as_ref().expect("the measure cited");
    assert_eq!(m.year, 2024);
    assert_eq!(m.submission_id, sfj.current_submission_id);
    assert!(m.text.contains("法律明白人"), "{m:?}");
    let span = m.span.as_ref().unwrap();
    let text = String::from_utf8(fixture(2024, "sfj")).unwrap();
    let cited: String = text
        .chars()
        .skip(span.start as usize)
        .take((span.end - span.start) as usize)
        .collect();
    assert_eq!(
        cited, m.text,
        "the citation is a span of the submitted text"
    );
    assert_eq!(
        statuses(unit(&plans.units, "jq-scj")),
        [NotVisible, NotVisible]
    );
    assert_eq!(statuses(unit(&plans.units, "jq-wlj")), [NotVisible]);
    assert_eq!(
        (
            plans.plans,
            plans.delivered,
            plans.partly,
            plans.not_visible
        ),
        (11, 4, 1, 6)
    );
    assert_eq!(plans.delivery_rate, Some(36.4));
    assert!(
        plans.draft_markdown.contains("2023年度工作安排落实情况"),
        "{}",
        plans.draft_markdown
    );
    assert!(
        plans.draft_markdown.contains("落实率36.4%"),
        "{}",
        plans.draft_markdown
    );
    // The same review in the district's own draft: part four's paragraph
    // and 附表四, each plan with its status and the measure that shows it.
    let summary = summary_of(&mut app.summaries().await, A, 2024).await;
    let md = &summary.draft_markdown;
    assert!(
        md.contains("单位上一年度报告提出的11项工作安排，本年度报告中可见已落实4项、部分落实1项，未见落实6项，落实率36.4%"),
        "{md}"
    );
    let part_four = md.split("## 四、").nth(1).unwrap_or_default();
    assert!(
        part_four.starts_with(&format!(
            "{}\n\n对照",
            fazhi_core::Part::NextYear.title_zh()
        )),
        "{part_four}"
    );
    let annex = md
        .split("附表四：上一年度工作安排落实情况")
        .nth(1)
        .expect("附表四");
    let sfj_rows: Vec<&str> = annex
        .lines()
        .filter(|l| l.starts_with("| 司法局 |"))
        .collect();
    assert_eq!(sfj_rows.len(), 3, "{annex}");
    assert!(
        sfj_rows
            .iter()
            .any(|r| r.contains("| 已落实 |") && r.contains("法律明白人")),
        "{annex}"
    );
    let not_visible = annex.lines().filter(|l| l.contains("| 未见落实 |")).count();
    assert_eq!(not_visible, 6, "{annex}");
    assert!(
        summary
            .verification
            .failures
            .iter()
            .all(|f| !f.reason.contains("fact") && !f.reason.contains("coverage")),
        "{:?}",
        summary.verification.failures
    );

    // Recurring shortcoming, its 整改 recorded and audited.
    let list = client
        .list_recurring_shortcomings(pb::ListRecurringShortcomingsRequest {
            district: A.into(),
            year: 2024,
            agency_code: String::new(),
            include_single: false,
        })
        .await
        .unwrap()
        .into_inner();
    let mut who: Vec<&str> = list
        .shortcomings
        .iter()
        .map(|t| t.agency.as_ref().unwrap().code.as_str())
        .collect();
    who.sort_unstable();
    who.dedup();
    assert_eq!(who, ["jq-hdj", "jq-jyj"]);
    let staff = list
        .shortcomings
        .iter()
        .find(|t| t.concept == "enforcement_staff")
        .expect("hdj's staff shortcoming");
    assert!(staff.key.starts_with("jq-hdj:2023:"), "{}", staff.key);
    assert_eq!(staff.occurrences.len(), 2);
    assert!(staff.occurrences[0].text.contains("执法人员数量少"));
    assert!(staff.occurrences[1].text.contains("执法力量配备不足"));
    assert!(staff.rectification.is_none());
    let set = client
        .set_rectification(pb::SetRectificationRequest {
            district: A.into(),
            year: 2024,
            key: staff.key.clone(),
            status: pb::RectificationStatus::InProgress as i32,
            note: "已申请新增执法编制".into(),
        })
        .await
        .unwrap()
        .into_inner();
    let rec = set.shortcoming.unwrap().rectification.unwrap();
    assert_eq!(rec.status(), pb::RectificationStatus::InProgress);
    let again = client
        .list_recurring_shortcomings(pb::ListRecurringShortcomingsRequest {
            district: A.into(),
            year: 2024,
            agency_code: "jq-hdj".into(),
            include_single: false,
        })
        .await
        .unwrap()
        .into_inner();
    let r = again.shortcomings[0]
        .rectification
        .as_ref()
        .expect("stored");
    assert_eq!(
        (r.status(), r.note.as_str()),
        (pb::RectificationStatus::InProgress, "已申请新增执法编制")
    );
    let trail = app
        .store
        .audit_entries(&fazhi_store::AuditFilter {
            target: Some(staff.key.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "analysis.rectify");
    assert!(
        trail[0].detail.contains("in_progress"),
        "{}",
        trail[0].detail
    );

    // 雷同: cgj copied hdj's measures with light edits; jyj its own last year.
    let copying = client
        .get_copying(pb::GetCopyingRequest {
            district: A.into(),
            year: 2024,
            agency_code: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    let of = |code: &str| {
        copying
            .reports
            .iter()
            .find(|r| r.agency.as_ref().unwrap().code == code)
            .unwrap_or_else(|| panic!("{code}"))
            .clone()
    };
    let cgj = of("jq-cgj");
    assert_eq!(
        (cgj.sentences, cgj.copied_sentences, cgj.from_other_units),
        (8, 6, 6)
    );
    assert_eq!(cgj.copied_share, 0.75);
    let first = &cgj.passages[0];
    assert_eq!(first.source(), pb::CopySource::OtherUnit);
    let other = first.other.as_ref().unwrap();
    assert_eq!(other.agency.as_ref().unwrap().code, "jq-hdj");
    assert!(
        first
            .passage
            .as_ref()
            .unwrap()
            .text
            .starts_with("区城管执法队实行网格化巡查")
    );
    assert!(other.text.starts_with("街道综合执法队实行网格化巡查"));
    let jyj = of("jq-jyj");
    assert_eq!((jyj.sentences, jyj.from_own_last_year), (7, 7));
    assert_eq!(jyj.copied_share, 1.0);
    assert!(
        jyj.passages
            .iter()
            .all(|p| p.other.as_ref().unwrap().year == 2023)
    );
    assert_eq!(of("jq-scj").copied_sentences, 0);
    assert!(copying.boilerplate.iter().any(|b| b.units == 6));

    // Quality: the thin late report is last, 23 points with its reasons.
    let quality = client
        .get_quality(pb::GetQualityRequest {
            district: A.into(),
            year: 2024,
            agency_code: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(quality.ranked, 6);
    let last = quality.scores.last().unwrap();
    assert_eq!(last.agency.as_ref().unwrap().code, "jq-wlj");
    assert_eq!((last.rank, last.score), (6, 23.0));
    let reason = |d: &str| last.reasons.iter().find(|r| r.dimension == d).unwrap();
    assert_eq!(reason("parts").points, 8.0);
    assert!(reason("parts").detail.contains("存在的不足和原因"));
    assert_eq!(reason("density").score, 0.0);
    let copied = quality
        .scores
        .iter()
        .find(|s| s.agency.as_ref().unwrap().code == "jq-jyj")
        .unwrap();
    assert_eq!(
        copied
            .reasons
            .iter()
            .find(|r| r.dimension == "copied")
            .unwrap()
            .points,
        0.0
    );
    let d = quality.distribution.unwrap();
    assert_eq!((d.count, d.min), (6, Some(23.0)));
    assert_eq!(d.bands.iter().sum::<u32>(), 6);

    // Year over year, with sources on both sides.
    let yoy = client
        .get_year_over_year(pb::GetYearOverYearRequest {
            district: A.into(),
            year: 2024,
            agency_code: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(yoy.previous_year, 2023);
    let both = yoy
        .changes
        .iter()
        .find(|c| {
            c.previous.as_ref().is_some_and(|p| p.value.is_some())
                && c.current.as_ref().is_some_and(|p| p.value.is_some())
        })
        .expect("an indicator reported both years");
    let (p, n) = (
        both.previous.as_ref().unwrap(),
        both.current.as_ref().unwrap(),
    );
    assert!(!p.sources.is_empty() && !n.sources.is_empty());
    assert_eq!(
        both.change,
        Some(((n.value.unwrap() - p.value.unwrap()) * 10.0).round() / 10.0)
    );

    // Rollup over three districts equals the sum of the districts' summaries.
    let rollup = client
        .get_rollup(pb::GetRollupRequest {
            name: "示例市".into(),
            year: 2024,
            districts: vec![A.into(), B.into(), C.into()],
        })
        .await
        .unwrap()
        .into_inner();
    let rep = rollup.reporting.unwrap();
    assert_eq!((rep.expected, rep.actual), (6 + 3 + 2, 6 + 2 + 1));
    assert_eq!(rep.rate, Some(81.8));
    assert_eq!(rollup.children, [A, B, C]);
    assert_eq!(rollup.quality.unwrap().count, 9);
    let mut summaries = app.summaries().await;
    let mut per_district = Vec::new();
    for d in [A, B, C] {
        per_district.push(summary_of(&mut summaries, d, 2024).await);
    }
    // A count 甲区 shares with another district (their texts are 甲区's units').
    let shared = per_district[0]
        .indicators
        .iter()
        .filter(|t| t.kind == fazhi_core::QuantityKind::Count && t.value.is_some())
        .find(|t| {
            per_district[1..].iter().any(|s| {
                s.indicators
                    .iter()
                    .any(|u| u.code == t.code && u.unit == t.unit)
            })
        })
        .expect("a count in 甲区 and another district");
    let sum: f64 = per_district
        .iter()
        .flat_map(|s| &s.indicators)
        .filter(|u| u.code == shared.code && u.unit == shared.unit)
        .filter_map(|u| u.value)
        .sum();
    let rolled = rollup
        .indicators
        .iter()
        .find(|t| Some(&t.code) == shared.code.as_ref() && t.unit == shared.unit)
        .expect("rolled up");
    assert_eq!(rolled.value, Some((sum * 10.0).round() / 10.0));
    let n_sources: usize = per_district
        .iter()
        .flat_map(|s| &s.indicators)
        .filter(|u| u.code == shared.code && u.unit == shared.unit)
        .map(|u| u.sources.len())
        .sum();
    assert_eq!(
        rolled.sources.len(),
        n_sources,
        "every source, down to its sentence"
    );
    // Each source is placed in the district it comes from: 甲区 and 乙区
    // report it, 丙区 (cgj's text only) has no such figure.
    for (d, has) in [(A, true), (B, true), (C, false)] {
        let placed = rolled.sources.iter().any(|p| p.path == [d.to_string()]);
        assert_eq!(placed, has, "{d}");
    }
    assert!(rolled.sources.iter().all(|p| p.path.len() == 1));

    // Stale results are recomputed on read: a third 乙区 report shows up.
    let before = client
        .get_quality(pb::GetQualityRequest {
            district: B.into(),
            year: 2024,
            agency_code: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(before.ranked, 2);
    app.submit_processed("yq-hdj", 2024, fixture(2024, "hdj"))
        .await;
    let after = client
        .get_quality(pb::GetQualityRequest {
            district: B.into(),
            year: 2024,
            agency_code: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(after.ranked, 3);
    app.stop().await;
}

#[tokio::test]
async fn two_years_of_a_district_are_analysed_through_the_pipeline_on_sqlite() {
    two_years_through_the_pipeline(Db::Sqlite, Broker::Embedded).await;
}

#[tokio::test]
async fn two_years_of_a_district_are_analysed_through_the_pipeline_on_postgres_and_rabbitmq() {
    two_years_through_the_pipeline(Db::Postgres, Broker::Rabbit).await;
}

fn cli(app: &TestApp, token: &str, args: &[&str]) -> tokio::process::Command {
    let mut cmd = fazhi_cli(token);
    cmd.arg("analysis").args(args).args(["--server", &app.url]);
    cmd
}

async fn run_json(mut cmd: tokio::process::Command) -> serde_json::Value {
    serde_json::from_slice(&succeed(&mut cmd).await.stdout).unwrap()
}

#[tokio::test]
async fn the_cli_reads_the_analyses_and_records_rectification_and_a_unit_sees_only_its_own() {
    let Some(app) = season(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let y = ["--district", A, "--year", "2024"];
    let plans = run_json(cli(
        &app,
        &app.token,
        &[&["plans"][..], &y, &["--json"]].concat(),
    ))
    .await;
    assert_eq!(plans["plans"], 11);
    assert_eq!(plans["delivered"], 4);
    let sfj = plans["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["agency"]["code"] == "jq-sfj")
        .unwrap();
    assert_eq!(sfj["checks"][0]["status"], "delivered");
    assert!(sfj["checks"][0]["measure"]["span"]["end"].as_u64().unwrap() > 0);

    let quality = run_json(cli(
        &app,
        &app.token,
        &[&["quality"][..], &y, &["--agency", "jq-wlj", "--json"]].concat(),
    ))
    .await;
    assert_eq!(quality["scores"][0]["score"], 23.0);
    assert_eq!(quality["scores"][0]["rank"], 6);
    assert_eq!(quality["ranked"], 6);

    let copying = run_json(cli(
        &app,
        &app.token,
        &[&["copying"][..], &y, &["--agency", "jq-jyj", "--json"]].concat(),
    ))
    .await;
    assert_eq!(copying["reports"][0]["from_own_last_year"], 7);

    let list = run_json(cli(
        &app,
        &app.token,
        &[&["recurring"][..], &y, &["--agency", "jq-hdj", "--json"]].concat(),
    ))
    .await;
    let key = list["shortcomings"][0]["key"].as_str().unwrap().to_owned();
    let out = cli(
        &app,
        &app.token,
        &[
            &["rectify"][..],
            &y,
            &["--key", &key, "--status", "已整改", "--note", "新增编制3名"],
        ]
        .concat(),
    )
    .output()
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = run_json(cli(
        &app,
        &app.token,
        &[&["recurring"][..], &y, &["--agency", "jq-hdj", "--json"]].concat(),
    ))
    .await;
    assert_eq!(list["shortcomings"][0]["rectification"]["status"], "done");
    assert_eq!(
        list["shortcomings"][0]["rectification"]["note"],
        "新增编制3名"
    );

    let rollup = run_json(cli(
        &app,
        &app.token,
        &[
            "rollup",
            "--name",
            "示例市",
            "--year",
            "2024",
            "--district",
            A,
            "--district",
            B,
            "--district",
            C,
            "--json",
        ],
    ))
    .await;
    assert_eq!(rollup["reporting"]["expected"], 11);
    assert_eq!(rollup["reporting"]["actual"], 9);

    // Bad input: a clear Chinese error, nothing recorded.
    let out = cli(
        &app,
        &app.token,
        &[
            &["rectify"][..],
            &y,
            &[
                "--key",
                "jq-hdj:2023:0000000000000000",
                "--status",
                "整改中",
            ],
        ]
        .concat(),
    )
    .output()
    .await
    .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("问题池中没有"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A unit: its own score and rank, not the district's list, no 整改.
    let unit = issue_token(&app.store, fazhi_store::Role::Unit, &["jq-wlj"]).await;
    let mut as_unit = analysis(&app, &unit).await;
    let own = as_unit
        .get_quality(pb::GetQualityRequest {
            district: A.into(),
            year: 2024,
            agency_code: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(own.scores.len(), 1);
    assert_eq!((own.scores[0].rank, own.ranked), (6, 6));
    let other = as_unit
        .get_quality(pb::GetQualityRequest {
            district: A.into(),
            year: 2024,
            agency_code: "jq-sfj".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(other.code(), tonic::Code::PermissionDenied);
    let rectify = as_unit
        .set_rectification(pb::SetRectificationRequest {
            district: A.into(),
            year: 2024,
            key: key.clone(),
            status: pb::RectificationStatus::NotDone as i32,
            note: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(rectify.code(), tonic::Code::PermissionDenied);
    // A city reads the districts in its scope only.
    let city = issue_token(&app.store, fazhi_store::Role::City, &[A, B]).await;
    let denied = analysis(&app, &city)
        .await
        .get_rollup(pb::GetRollupRequest {
            name: "示例市".into(),
            year: 2024,
            districts: vec![A.into(), B.into(), C.into()],
        })
        .await
        .unwrap_err();
    assert_eq!(denied.code(), tonic::Code::PermissionDenied);
    let bad_year = analysis(&app, &app.token)
        .await
        .get_copying(pb::GetCopyingRequest {
            district: A.into(),
            year: 1999,
            agency_code: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(bad_year.code(), tonic::Code::InvalidArgument);
    let none = analysis(&app, &app.token)
        .await
        .get_copying(pb::GetCopyingRequest {
            district: A.into(),
            year: 2030,
            agency_code: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(none.code(), tonic::Code::NotFound);
    app.stop().await;
}
