//! A whole reporting season for a synthetic district of 40 units, checked
//! against hand-computed figures: every rate, every named list, the to-do
//! list and the audit trail. Reports on 2025; the default deadlines apply
//! (received before 2026-03-01, published before 2026-04-01).
//!
//! | units   | what happens                                            | counts as        |
//! |---------|---------------------------------------------------------|------------------|
//! | u01-u24 | mailed in February, entered later with the receipt date | on time, accepted|
//! | u25-u28 | submitted directly now (RPC time)                       | late, accepted   |
//! | u29-u30 | mailed, received 2026-03-05                             | late, accepted   |
//! | u31     | received 2026-02-10, returned, resubmitted (03-10)      | on time (first arrival), accepted |
//! | u32     | received 2026-02-12, returned, not resubmitted          | missing          |
//! | u33     | filed under 2024 by mistake, withdrawn, re-entered 2025 | on time, unreviewed |
//! | u34-u36 | nothing                                                 | missing          |
//! | u37     | received 2026-02-26, not reviewed yet                   | on time (unreviewed counts) |
//! | u38     | two direct versions, the first made current again      | late             |
//! | u39-u40 | exempt (merged; one through the CLI)                    | exempt           |
//! Published: u01-u20 on 2026-03-20 (on time), u21-u23 on 2026-04-10 (late).

use fazhi_proto::v1 as pb;
use fazhi_proto::v1::checks_client::ChecksClient;
use tonic::Code;

use crate::helpers::*;
use crate::season::{cli, current_of, report, season_client};

const D: &str = "季区";
const YEAR: i32 = 2025;

fn code(i: usize) -> String {
    format!("u{i:02}")
}

async fn submit(app: &TestApp, i: usize, year: i32, tag: &str) -> String {
    app.submit(&code(i), year, titled(i, year, tag), None)
        .await
        .unwrap()
        .submission_id
}

/// A seed's text under the unit's own title, so the unit and year the report
/// names are those it is filed under (otherwise it is held as misfiled).
fn titled(i: usize, year: i32, tag: &str) -> Vec<u8> {
    let text = String::from_utf8(report(i, tag, i as u32 * 3 + 1)).unwrap();
    let body = text.split_once('\n').map_or("", |(_, rest)| rest);
    let unit = if i == 1 {
        format!("{D}人民政府")
    } else {
        format!("{D}第{i}单位")
    };
    // The seeds' own units, longest first, become the filing unit.
    let mut body = body.to_owned();
    for own in [
        "北京市西城区城市管理指挥中心",
        "西城区城市管理指挥中心",
        "北京市石景山区人民政府",
        "石景山区人民政府",
        "北京市大兴区旧宫镇人民政府",
        "大兴区旧宫镇人民政府",
        "旧宫镇人民政府",
        "西营门街道",
        "西营门街",
        "石景山区",
        "旧宫镇",
    ] {
        body = body.replace(own, &unit);
    }
    format!("{unit}{year}年法治政府建设年度报告\n{body}").into_bytes()
}

fn review(id: &str, reason: &str) -> pb::ReviewRequest {
    pb::ReviewRequest {
        submission_id: id.into(),
        reason: reason.into(),
    }
}

fn codes(list: &[pb::NamedUnit]) -> Vec<String> {
    list.iter().map(|n| n.code.clone()).collect()
}

fn range(a: usize, b: usize) -> Vec<String> {
    (a..=b).map(code).collect()
}

async fn play(db: Db, broker: Broker) {
    let Some(settings) = settings(db, broker).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let mut season = season_client(&app, &app.token).await;

    // The roster: 40 units, the district government among them, u39 exempt.
    let mut csv = String::from("code,name,short_name,kind,parent,district,exempt_reason\n");
    csv.push_str(&format!(
        "u01,{D}人民政府,区政府,district_government,,{D},\n"
    ));
    for i in 2..=40 {
        let kind = ["department", "street", "town"][i % 3];
        let exempt = if i == 39 {
            "2025年并入区司法局"
        } else {
            ""
        };
        csv.push_str(&format!(
            "{},{D}第{i}单位,第{i}单位,{kind},u01,{D},{exempt}\n",
            code(i)
        ));
    }
    let file = scratch_dir().join("roster.csv");
    std::fs::write(&file, &csv).unwrap();
    let (ok, out, err) = cli(
        &app,
        &[
            "roster",
            "import",
            "--year",
            "2025",
            file.to_str().unwrap(),
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(ok, "{err}");
    assert!(out.contains("已导入40个单位"), "{out}");
    let (ok, _, err) = cli(
        &app,
        &[
            "roster",
            "exempt",
            "u40",
            "--year",
            "2025",
            "--reason",
            "2025年撤销",
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(ok, "{err}");

    // First versions.
    let mut first: Vec<Option<String>> = vec![None; 41];
    // One at a time: on SQLite every write waits for the worker's summary
    // transaction, and this test is about the season, not about load.
    for i in (1..=32).chain([37, 38]) {
        let id = submit(&app, i, YEAR, "v1").await;
        app.wait_done(&id).await;
        first[i] = Some(id);
    }
    let misfiled = submit(&app, 33, 2024, "v1").await;
    app.wait_done(&misfiled).await;
    let id = |i: usize| first[i].clone().unwrap();

    // Receipt dates of reports that came by mail, entered by the office.
    let received = |i: usize| -> Option<&'static str> {
        match i {
            1..=24 => Some("2026-02-20"),
            29 | 30 => Some("2026-03-05"),
            31 => Some("2026-02-10"),
            32 => Some("2026-02-12"),
            37 => Some("2026-02-26"),
            _ => None,
        }
    };
    for i in 1..=37 {
        if let Some(date) = received(i) {
            if i == 1 {
                let (ok, out, err) = cli(
                    &app,
                    &[
                        "submissions",
                        "received-on",
                        &id(1),
                        date,
                        "--server",
                        &app.url,
                    ],
                )
                .await;
                assert!(ok, "{err}");
                assert!(out.contains("送达 2026-02-20"), "{out}");
                continue;
            }
            season
                .set_received_on(pb::SetReceivedOnRequest {
                    submission_id: id(i),
                    received_on: date.into(),
                })
                .await
                .unwrap();
        }
    }
    // A receipt date after the day it was entered is refused.
    let future = season
        .set_received_on(pb::SetReceivedOnRequest {
            submission_id: id(2),
            received_on: "2099-01-01".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(future.code(), Code::InvalidArgument);

    // Misfiled: the office withdraws the 2024 filing and enters it under 2025.
    let (ok, _, err) = cli(
        &app,
        &[
            "submissions",
            "withdraw",
            &misfiled,
            "--reason",
            "年度填错，应为2025年度",
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(ok, "{err}");
    let corrected = submit(&app, 33, YEAR, "v1").await;
    app.wait_done(&corrected).await;
    season
        .set_received_on(pb::SetReceivedOnRequest {
            submission_id: corrected.clone(),
            received_on: "2026-02-25".into(),
        })
        .await
        .unwrap();

    // Review: accept u01-u30; return u31 and u32.
    for i in 1..=30 {
        season.accept_report(review(&id(i), "")).await.unwrap();
    }
    season
        .return_report(review(&id(31), "第三部分未写第一责任人履职情况"))
        .await
        .unwrap();
    let (ok, _, err) = cli(
        &app,
        &[
            "submissions",
            "return",
            &id(32),
            "--reason",
            "缺少数据事例",
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(ok, "{err}");
    // An accepted report is locked.
    let locked = season
        .return_report(review(&id(1), "再改"))
        .await
        .unwrap_err();
    assert_eq!(locked.code(), Code::FailedPrecondition);

    // u31 resubmits (entered later, received 2026-03-10) and is accepted.
    let u31b = submit(&app, 31, YEAR, "v2").await;
    app.wait_done(&u31b).await;
    season
        .set_received_on(pb::SetReceivedOnRequest {
            submission_id: u31b.clone(),
            received_on: "2026-03-10".into(),
        })
        .await
        .unwrap();
    season.accept_report(review(&u31b, "")).await.unwrap();
    // u38 sends a second version, then the office makes the first current again.
    let u38b = submit(&app, 38, YEAR, "v2").await;
    app.wait_done(&u38b).await;
    season.make_current(review(&id(38), "")).await.unwrap();

    // Publication.
    for i in 1..=23 {
        let date = if i <= 20 { "2026-03-20" } else { "2026-04-10" };
        season
            .set_publication(pb::SetPublicationRequest {
                agency_code: code(i),
                year: YEAR,
                url: format!("https://www.jiqu.gov.cn/fzzf/{}.html", code(i)),
                published_on: date.into(),
            })
            .await
            .unwrap();
    }

    // The figures, through gRPC.
    let s = season
        .get_season_status(pb::GetSeasonStatusRequest {
            district: D.into(),
            year: YEAR,
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        (s.expected, s.actual, s.on_time, s.late, s.exempt),
        (38, 34, 27, 7, 2)
    );
    assert_eq!((s.published, s.published_on_time), (23, 20));
    let rate = |r: &Option<pb::Rate>| {
        r.as_ref()
            .map(|r| (r.numerator, r.denominator, r.percent))
            .unwrap()
    };
    assert_eq!(rate(&s.reporting_rate), (34, 38, 89.5));
    assert_eq!(rate(&s.reporting_rate_on_time), (27, 38, 71.1));
    assert_eq!(rate(&s.publication_rate), (23, 38, 60.5));
    assert_eq!(rate(&s.publication_rate_on_time), (20, 38, 52.6));
    assert_eq!(codes(&s.missing_units), ["u32", "u34", "u35", "u36"]);
    assert_eq!(s.missing_units[0].note, "已退回，未重新报送");
    assert_eq!(s.missing_units[1].note, "未报送");
    let mut late = range(25, 30);
    late.push("u38".into());
    assert_eq!(codes(&s.late_units), late);
    assert_eq!(s.late_units[4].note, "2026-03-05 送达");
    assert_eq!(codes(&s.exempt_units), ["u39", "u40"]);
    assert_eq!(s.exempt_units[0].note, "2025年并入区司法局");
    let mut unpublished = range(24, 38);
    unpublished.retain(|c| c != "u39" && c != "u40");
    assert_eq!(codes(&s.unpublished_units), unpublished);
    assert_eq!(codes(&s.published_late_units), range(21, 23));

    // The same through the CLI, as JSON and as the clerk's table.
    let (ok, out, err) = cli(
        &app,
        &[
            "season",
            "status",
            "--district",
            D,
            "--year",
            "2025",
            "--json",
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(ok, "{err}");
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["reporting_rate"]["numerator"], 34);
    assert_eq!(j["reporting_rate"]["denominator"], 38);
    assert_eq!(j["missing_units"].as_array().unwrap().len(), 4);
    let (ok, out, err) = cli(
        &app,
        &[
            "season",
            "status",
            "--district",
            D,
            "--year",
            "2025",
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(ok, "{err}");
    assert!(
        out.contains("89.5%（34/38）") && out.contains("71.1%（27/38）"),
        "{out}"
    );
    assert!(out.contains("未报送（4个）"), "{out}");

    // The summary counts the same reports (exempt units are not expected).
    let summary = summary_of(&mut app.summaries().await, D, YEAR).await;
    assert_eq!(summary.expected, 38);
    assert_eq!(summary.submitted, 34);
    assert_eq!(current_of(&summary, "u38"), Some(id(38)));
    assert_eq!(current_of(&summary, "u31"), Some(u31b.clone()));
    assert_eq!(current_of(&summary, "u33"), Some(corrected.clone()));
    assert_eq!(current_of(&summary, "u32"), None);
    assert!(summary.coverage.iter().all(|c| c.agency.code != "u39"));

    // The to-do list on 2026-12-01.
    let (ok, out, err) = cli(
        &app,
        &[
            "todo",
            "--district",
            D,
            "--year",
            "2025",
            "--today",
            "2026-12-01",
            "--json",
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(ok, "{err}");
    let items: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of = |kind: &str| -> Vec<String> {
        items
            .iter()
            .filter(|i| i["kind"] == kind)
            .map(|i| i["agency_code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(of("missing"), range(34, 36));
    assert_eq!(of("returned_not_resubmitted"), ["u32"]);
    assert_eq!(of("awaiting_review"), ["u33", "u37", "u38", "u38"]);
    assert_eq!(of("not_published"), unpublished);

    // The audit trail: who did what, before → after.
    let audit = |action: &str| {
        let store = app.store.clone();
        let action = action.to_owned();
        async move {
            store
                .audit_entries(&fazhi_store::AuditFilter {
                    target: None,
                    action: Some(action),
                    limit: 0,
                })
                .await
                .unwrap()
        }
    };
    assert_eq!(audit("roster.upsert").await.len(), 40);
    assert_eq!(audit("roster.exempt").await.len(), 1);
    assert_eq!(audit("review.accept").await.len(), 31);
    assert_eq!(audit("review.return").await.len(), 2);
    assert_eq!(audit("review.make_current").await.len(), 1);
    assert_eq!(audit("publication.set").await.len(), 23);
    let receipts = audit("submission.received_on").await;
    assert_eq!(receipts.len(), 31);
    let u01: serde_json::Value =
        serde_json::from_str(&receipts.iter().find(|r| r.target == id(1)).unwrap().detail).unwrap();
    assert_eq!(u01["after"], "2026-02-20");
    assert_ne!(
        u01["before"], u01["after"],
        "the RPC date before, the receipt date after"
    );
    let returned = audit("review.return").await;
    let detail: serde_json::Value = serde_json::from_str(&returned[0].detail).unwrap();
    assert_eq!(
        (detail["before"].as_str(), detail["after"].as_str()),
        (Some("pending"), Some("returned"))
    );
    assert_eq!(detail["reason"], "第三部分未写第一责任人履职情况");
    let (ok, out, err) = cli(
        &app,
        &["audit", "list", "--action", "review.return", "--csv"],
    )
    .await;
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), 3, "header and two returns: {out}");
    assert!(out.contains("缺少数据事例"), "{out}");

    office_work_in_the_draft(&app, &mut season, &id).await;
    app.stop().await;
}

/// The office's season as the district's draft states it, read as a user
/// reads it (the Markdown of GetDistrictSummary): the coverage paragraph
/// with the hand-computed figures and names, part five with what the office
/// did (returned and resubmitted, a held filing, privacy flags, 督办/提醒).
/// Then a configured deadline moves two units from late to on time, in the
/// season's figures and in the reports' own contributions.
async fn office_work_in_the_draft(
    app: &TestApp,
    season: &mut fazhi_proto::v1::season_client::SeasonClient<Authed>,
    id: &dyn Fn(usize) -> String,
) {
    let mut checks = ChecksClient::new(authed(app.channel().await, Some(&app.token)));
    // 区政府 sends its 2024 text as 2025: held, its accepted report counts.
    let held = app
        .submit(&code(1), YEAR, titled(1, 2024, "v3"), None)
        .await
        .unwrap()
        .submission_id;
    app.wait_done(&held).await;
    // Escalation: 提醒 for u35, 督办 for u34 (after skipping 提醒 and 催报).
    for (unit, step) in [
        ("u35", pb::EscalationStep::Remind),
        ("u34", pb::EscalationStep::Supervise),
    ] {
        checks
            .escalate(pb::EscalateRequest {
                agency_code: unit.into(),
                year: YEAR,
                step: step as i32,
                note: "逾期未报".into(),
            })
            .await
            .unwrap();
    }
    let summary = summary_of(&mut app.summaries().await, D, YEAR).await;
    assert_eq!(
        current_of(&summary, "u01"),
        Some(id(1)),
        "the held one waits"
    );
    // Privacy flags in the reports that count; the office clears one.
    let counting: Vec<String> = summary
        .coverage
        .iter()
        .filter_map(|c| c.submission_id.clone())
        .collect();
    let listed = checks
        .list_checks(pb::ListChecksRequest {
            district: D.into(),
            year: YEAR,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner()
        .checks;
    let privacy: Vec<&pb::Check> = listed
        .iter()
        .filter(|c| c.kind() == pb::CheckKind::Privacy && counting.contains(&c.submission_id))
        .collect();
    assert!(!privacy.is_empty(), "seed 002 names petitioners");
    let mut privacy_units: Vec<String> = privacy.iter().map(|c| c.agency_code.clone()).collect();
    privacy_units.sort();
    privacy_units.dedup();
    checks
        .clear_check(pb::ClearCheckRequest {
            id: privacy[0].id,
            note: "已要求公开时删除姓名".into(),
        })
        .await
        .unwrap();

    let summary = summary_of(&mut app.summaries().await, D, YEAR).await;
    let md = &summary.draft_markdown;
    let late: Vec<String> = (25..=30)
        .chain([38])
        .map(|i| {
            let on = if i == 29 || i == 30 {
                "二〇二六年三月五日送达".to_owned()
            } else {
                // Sent directly: the RPC day (Beijing), whatever today is.
                String::new()
            };
            format!("季区第{i}单位（{on}")
        })
        .collect();
    for want in [
        "全区应报送年度报告的单位38家（另有2家单位本年度免报：季区第39单位（二〇二五年并入区司法局）、季区第40单位（二〇二五年撤销））".to_owned(),
        "已报送34家，报送率89.5%；按时报送27家，按时报送率71.1%；逾期报送7家：".to_owned(),
        "尚未报送或报告不计入汇总的4家：季区第32单位（已退回，未重新报送）、季区第34单位（未报送）、季区第35单位（未报送）、季区第36单位（未报送）".to_owned(),
        "已向社会公开年度报告的单位23家，公开率60.5%；按时公开20家，按时公开率52.6%；逾期公开3家：季区第21单位（二〇二六年四月十日公开）、季区第22单位（二〇二六年四月十日公开）、季区第23单位（二〇二六年四月十日公开）".to_owned(),
        "尚未登记公开网址和日期的15家：季区第24单位、".to_owned(),
        "退回修改后重新报送1家：季区第31单位。".to_owned(),
        "暂缓计入汇总的1份：季区（所述年度与报送年度不一致，待核实），其中仍待核实1份".to_owned(),
        format!(
            "个人信息（身份证号码、电话号码或群众姓名）{}处，涉及{}家单位（{}），已处理1处",
            privacy.len(),
            privacy_units.len(),
            privacy_units
                .iter()
                .map(|c| format!("季区第{}单位", c.trim_start_matches("u0").trim_start_matches('u')))
                .collect::<Vec<_>>()
                .join("、")
        ),
        "提醒1家：季区第35单位（".to_owned(),
        "；督办1家：季区第34单位（".to_owned(),
    ]
    .into_iter()
    .chain(late)
    {
        assert!(md.contains(&want), "the draft lacks `{want}`:\n{md}");
    }
    // Every season figure the draft prints follows from the season.
    assert!(
        summary
            .verification
            .failures
            .iter()
            .all(|f| !f.reason.contains("coverage") && !f.reason.contains("fact")),
        "{:?}",
        summary.verification.failures
    );
    // Received on the office's date, judged by the district's deadline.
    let on_time = |s: &fazhi_summary::DistrictSummary, c: &str| {
        s.coverage
            .iter()
            .find(|e| e.agency.code == c)
            .and_then(|e| e.on_time)
    };
    assert_eq!(on_time(&summary, "u02"), Some(true), "received 2026-02-20");
    assert_eq!(on_time(&summary, "u29"), Some(false), "received 2026-03-05");
    season
        .set_deadlines(pb::SetDeadlinesRequest {
            district: D.into(),
            year: YEAR,
            submit_by: "2026-03-06".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let summary = summary_of(&mut app.summaries().await, D, YEAR).await;
    assert_eq!(on_time(&summary, "u29"), Some(true), "before 6 March");
    assert!(
        summary
            .draft_markdown
            .contains("按时报送29家，按时报送率76.3%；逾期报送5家："),
        "{}",
        summary.draft_markdown
    );
}

#[tokio::test]
async fn a_season_of_forty_units_on_sqlite_gives_the_hand_computed_figures() {
    play(Db::Sqlite, Broker::Embedded).await;
}

#[tokio::test]
async fn a_season_of_forty_units_on_postgres_and_rabbitmq_gives_the_hand_computed_figures() {
    play(Db::Postgres, Broker::Rabbit).await;
}
