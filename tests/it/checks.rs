//! Checks before acceptance and the escalation ladder, end to end through
//! gRPC and the CLI, on SQLite + embedded queue and PostgreSQL + RabbitMQ.

use std::process::Command;

use fazhi_proto::v1 as pb;
use fazhi_proto::v1::checks_client::ChecksClient;
use tokio::process::Command as AsyncCommand;
use tonic::Code;

use crate::helpers::*;

async fn checks_client(app: &TestApp) -> ChecksClient<Authed> {
    ChecksClient::new(authed(app.channel().await, Some(&app.token)))
}

async fn checks_of(app: &TestApp, id: &str) -> Vec<pb::Check> {
    checks_client(app)
        .await
        .list_checks(pb::ListChecksRequest {
            submission_id: id.into(),
            ..Default::default()
        })
        .await
        .expect("ListChecks")
        .into_inner()
        .checks
}

fn counted(summary: &fazhi_summary::DistrictSummary, agency: &str) -> Option<String> {
    summary
        .coverage
        .iter()
        .find(|c| c.agency.code == agency)
        .and_then(|c| c.submission_id.clone())
}

fn cli(app: &TestApp) -> AsyncCommand {
    let mut cmd = fazhi_cli(&app.token);
    cmd.env("FAZHI_LOG__FILTER", "warn");
    cmd
}

/// `fazhi escalations notices` of 2022 in `format`, written to `path`.
async fn export_notices(app: &TestApp, format: &str, path: &std::path::Path) {
    succeed(
        cli(app)
            .args([
                "escalations",
                "notices",
                "--district",
                DISTRICT,
                "--year",
                "2022",
            ])
            .args(["--format", format, "--server", &app.url, "--output"])
            .arg(path),
    )
    .await;
}

/// A petition sentence with a citizen's name and a valid ID number, placed
/// before the first part heading of seed 002 (西营门街道, 2022).
fn petition_report() -> (String, &'static str) {
    let base = String::from_utf8(sample("002_8688029d397398e8.txt")).unwrap();
    let added = "信访人王某某（公民身份号码11010519491231002X）反映的问题已依法办结。";
    let at = base.find("一、主要举措和成效").unwrap();
    let text = format!("{}{added}\n{}", &base[..at], &base[at..]);
    (text, added)
}

async fn misfiled_and_private(db: Db, broker: Broker) {
    let Some(settings) = settings(db, broker).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;

    // 西营门's own report, with petitioners named (seed 002 names two) and
    // an ID number: privacy checks at the right spans.
    let (text, added) = petition_report();
    let own = app
        .submit_processed("xymj", 2022, text.clone().into_bytes())
        .await;
    let checks = checks_of(&app, &own).await;
    let stored = app.store.parsed_report(&own).await.unwrap().unwrap().text;
    let chars: Vec<char> = stored.chars().collect();
    let privacy: Vec<&pb::Check> = checks
        .iter()
        .filter(|c| c.kind() == pb::CheckKind::Privacy)
        .collect();
    let at = |c: &pb::Check| -> String { chars[c.start as usize..c.end as usize].iter().collect() };
    let found: Vec<(String, String)> = privacy.iter().map(|c| (c.code.clone(), at(c))).collect();
    for want in [
        ("person_name", "马秀荣"),
        ("person_name", "马秀枝"),
        ("person_name", "王某某"),
        ("resident_id", "11010519491231002X"),
    ] {
        assert!(
            found.iter().any(|(k, t)| k == want.0 && t == want.1),
            "no {want:?} among {found:?}"
        );
    }
    assert!(added.contains(&at(
        privacy.iter().find(|c| c.code == "resident_id").unwrap()
    )));
    assert!(
        privacy
            .iter()
            .all(|c| !c.holds && c.state == pb::CheckState::Open as i32)
    );
    // Privacy checks do not hold the report: it counts.
    assert_eq!(
        counted(&app.summary(2022).await, "xymj").as_deref(),
        Some(own.as_str())
    );
    assert!(
        !app.store
            .open_blocking_checks(&own)
            .await
            .unwrap()
            .is_empty()
    );

    // The CLI lists them (one JSON object a line) with the same spans.
    let out = succeed(cli(&app).args([
        "checks",
        "list",
        "--submission",
        &own,
        "--json",
        "--server",
        &app.url,
    ]))
    .await;
    let listed: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(listed.len(), checks.len());
    assert!(listed.iter().any(|c| {
        c["code"] == "resident_id"
            && c["excerpt"]
                .as_str()
                .unwrap()
                .contains("11010519491231002X")
    }));

    // Who may: the unit reads its own report's checks but clears nothing;
    // another district's office neither reads nor clears.
    let unit = issue_token(&app.store, fazhi_store::Role::Unit, &["xymj"]).await;
    let mut as_unit = ChecksClient::new(authed(app.channel().await, Some(&unit)));
    let seen = as_unit
        .list_checks(pb::ListChecksRequest {
            submission_id: own.clone(),
            ..Default::default()
        })
        .await
        .expect("a unit lists its own report's checks")
        .into_inner()
        .checks;
    assert_eq!(seen.len(), checks.len());
    let denied = as_unit
        .clear_check(pb::ClearCheckRequest {
            id: privacy[0].id,
            note: "自行处理".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(denied.code(), Code::PermissionDenied);
    let other = issue_token(&app.store, fazhi_store::Role::District, &["别区"]).await;
    let mut as_other = ChecksClient::new(authed(app.channel().await, Some(&other)));
    let denied = as_other
        .list_checks(pb::ListChecksRequest {
            submission_id: own.clone(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(denied.code(), Code::PermissionDenied);
    let denied = as_other
        .escalate(pb::EscalateRequest {
            agency_code: "xymj".into(),
            year: 2022,
            step: pb::EscalationStep::Remind as i32,
            note: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(denied.code(), Code::PermissionDenied);

    // Each privacy check cleared with a note; a second clear is refused.
    let office = issue_token(&app.store, fazhi_store::Role::District, &[DISTRICT]).await;
    let mut client = ChecksClient::new(authed(app.channel().await, Some(&office)));
    for c in &privacy {
        let done = client
            .clear_check(pb::ClearCheckRequest {
                id: c.id,
                note: "已要求提供脱敏公开版本".into(),
            })
            .await
            .expect("ClearCheck")
            .into_inner()
            .check
            .unwrap();
        assert_eq!(done.state, pb::CheckState::Cleared as i32);
        assert_eq!(done.note, "已要求提供脱敏公开版本");
        assert!(!done.cleared_by.is_empty() && done.cleared_at_ms > 0);
    }
    let twice = client
        .clear_check(pb::ClearCheckRequest {
            id: privacy[0].id,
            note: "再次".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(twice.code(), Code::FailedPrecondition);
    assert!(
        twice.message().contains("不能重复处理"),
        "{}",
        twice.message()
    );
    let no_note = client
        .clear_check(pb::ClearCheckRequest {
            id: privacy[0].id,
            note: " ".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(no_note.code(), Code::InvalidArgument);
    let audited = app
        .store
        .audit_entries(&fazhi_store::AuditFilter {
            action: Some("check.clear".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(audited.len(), privacy.len());
    assert!(
        audited
            .iter()
            .all(|e| e.target == own && e.detail.contains("已要求提供脱敏公开版本"))
    );

    // 旧宫镇's text filed as 西营门街道: held, 西营门's own report still counts.
    let misfiled = app
        .submit_processed("xymj", 2022, sample("004_f20b88b3a1d009b5.txt"))
        .await;
    let held: Vec<pb::Check> = checks_of(&app, &misfiled)
        .await
        .into_iter()
        .filter(|c| c.holds)
        .collect();
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(held[0].kind(), pb::CheckKind::AgencyMismatch);
    let s = app.summary(2022).await;
    assert_eq!(counted(&s, "xymj").as_deref(), Some(own.as_str()));
    assert_eq!(counted(&s, "jgz"), None);
    // Clearing a holding check directly is refused: it is confirmed or corrected.
    let direct = client
        .clear_check(pb::ClearCheckRequest {
            id: held[0].id,
            note: "x".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(direct.code(), Code::FailedPrecondition);

    // Corrected to 旧宫镇 through the CLI: counted there, 西营门 unchanged.
    succeed(
        cli(&app)
            .args(["checks", "correct", &misfiled, "--agency", "jgz"])
            .args(["--note", "实为旧宫镇报告", "--server", &app.url]),
    )
    .await;
    let s = app.summary(2022).await;
    assert_eq!(counted(&s, "jgz").as_deref(), Some(misfiled.as_str()));
    assert_eq!(counted(&s, "xymj").as_deref(), Some(own.as_str()));
    assert!(
        sources_from(&s, &misfiled) > 0,
        "the corrected report's numbers count"
    );
    let again = client
        .correct_filing(pb::CorrectFilingRequest {
            submission_id: misfiled.clone(),
            agency_code: "jgz".into(),
            note: "再次".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(again.code(), Code::FailedPrecondition);

    // A 2022 report filed as 2023: held out of 2023, corrected to 2022.
    let wrong_year = app
        .submit_processed("xc-yllhj", 2023, sample("000_694a7727829af4aa.txt"))
        .await;
    let held: Vec<pb::Check> = checks_of(&app, &wrong_year)
        .await
        .into_iter()
        .filter(|c| c.holds)
        .collect();
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(held[0].kind(), pb::CheckKind::YearMismatch);
    assert_eq!(counted(&app.summary(2023).await, "xc-yllhj"), None);
    assert_eq!(counted(&app.summary(2022).await, "xc-yllhj"), None);
    let moved = client
        .correct_filing(pb::CorrectFilingRequest {
            submission_id: wrong_year.clone(),
            year: 2022,
            note: "报告正文为2022年度".into(),
            ..Default::default()
        })
        .await
        .expect("CorrectFiling")
        .into_inner();
    assert_eq!((moved.previous_year, moved.year), (2023, 2022));
    assert_eq!(
        counted(&app.summary(2022).await, "xc-yllhj").as_deref(),
        Some(wrong_year.as_str())
    );
    assert_eq!(counted(&app.summary(2023).await, "xc-yllhj"), None);
    let corrections = app
        .store
        .audit_entries(&fazhi_store::AuditFilter {
            action: Some("filing.correct".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(corrections.len(), 2);
    assert!(corrections[1].detail.contains("2023") && corrections[1].detail.contains("2022"));

    // A near copy of 西营门's report under another unit's name is flagged.
    let copy = text.replace("西营门街", "北京市石景山区人民政府");
    let copied = app
        .submit_processed("sjs-qzf", 2022, copy.into_bytes())
        .await;
    let near: Vec<pb::Check> = checks_of(&app, &copied)
        .await
        .into_iter()
        .filter(|c| c.kind() == pb::CheckKind::NearCopy)
        .collect();
    assert_eq!(near.len(), 1, "no near-copy check");
    assert!(near[0].message.contains(&own), "{}", near[0].message);
    // And it is listed with the district's checks.
    let all = client
        .list_checks(pb::ListChecksRequest {
            district: DISTRICT.into(),
            year: 2022,
            open_only: true,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner()
        .checks;
    assert!(all.iter().any(|c| c.id == near[0].id));
    assert!(all.iter().all(|c| c.state == pb::CheckState::Open as i32));
    app.stop().await;
}

#[tokio::test]
async fn misfiled_reports_are_held_then_corrected_and_private_data_is_flagged_sqlite() {
    misfiled_and_private(Db::Sqlite, Broker::Embedded).await;
}

#[tokio::test]
async fn misfiled_reports_are_held_then_corrected_and_private_data_is_flagged_postgres() {
    misfiled_and_private(Db::Postgres, Broker::Rabbit).await;
}

async fn ladder(db: Db, broker: Broker) {
    let Some(settings) = settings(db, broker).await else {
        return;
    };
    let app = spawn_app(&settings, false).await;
    let mut client = checks_client(&app).await;
    let step = |agency: &str, s: pb::EscalationStep| pb::EscalateRequest {
        agency_code: agency.into(),
        year: 2022,
        step: s as i32,
        note: format!("{s:?}"),
    };
    for s in [pb::EscalationStep::Remind, pb::EscalationStep::Urge] {
        client.escalate(step("jgz", s)).await.expect("forward step");
    }
    // Through the CLI: 督办.
    succeed(
        cli(&app)
            .args(["escalations", "add", "--agency", "jgz", "--year", "2022"])
            .args([
                "--step",
                "supervise",
                "--note",
                "逾期未报",
                "--server",
                &app.url,
            ]),
    )
    .await;
    for back in [
        pb::EscalationStep::Remind,
        pb::EscalationStep::Urge,
        pb::EscalationStep::Supervise,
    ] {
        let err = client.escalate(step("jgz", back)).await.unwrap_err();
        assert_eq!(err.code(), Code::FailedPrecondition, "{back:?}");
        assert!(err.message().contains("只能逐级向前"), "{}", err.message());
    }
    // Another unit may skip ahead to 督办 directly; nobody else is listed.
    client
        .escalate(step("xymj", pb::EscalationStep::Supervise))
        .await
        .unwrap();
    client
        .escalate(step("sjs-qzf", pb::EscalationStep::Remind))
        .await
        .unwrap();
    let listed = client
        .list_escalations(pb::ListEscalationsRequest {
            district: DISTRICT.into(),
            year: 2022,
        })
        .await
        .unwrap()
        .into_inner()
        .escalations;
    let jgz: Vec<i32> = listed
        .iter()
        .filter(|e| e.agency_code == "jgz")
        .map(|e| e.step)
        .collect();
    assert_eq!(
        jgz,
        vec![
            pb::EscalationStep::Remind as i32,
            pb::EscalationStep::Urge as i32,
            pb::EscalationStep::Supervise as i32
        ]
    );
    assert!(listed.iter().all(|e| !e.by.is_empty() && e.at_ms > 0));
    let audited = app
        .store
        .audit_entries(&fazhi_store::AuditFilter {
            action: Some("escalation.add".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(audited.len(), 5, "refused steps are not audited");

    // Notices: CSV and DOCX through the CLI, read back.
    let dir = scratch_dir();
    let csv_path = dir.join("督办.csv");
    export_notices(&app, "csv", &csv_path).await;
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "header + jgz + xymj: {csv}");
    assert!(lines[0].starts_with("单位代码,单位名称,年度,逾期事项"));
    assert!(csv.contains("北京市大兴区旧宫镇人民政府") && csv.contains("西营门街道办事处"));
    assert!(csv.contains("2023-03-01"), "deadline shown: {csv}");
    assert!(!csv.contains("sjs-qzf"), "only units at 督办 get a notice");
    assert!(
        csv.contains("提醒") && csv.contains("催报"),
        "history shown: {csv}"
    );

    let docx_path = dir.join("督办.docx");
    export_notices(&app, "docx", &docx_path).await;
    let has_reader = Command::new("python3")
        .args(["-c", "import docx"])
        .status()
        .is_ok_and(|s| s.success());
    if has_reader {
        let script =
            "import sys, docx\nfor p in docx.Document(sys.argv[1]).paragraphs: print(p.text)";
        let read = Command::new("python3")
            .args(["-c", script])
            .arg(&docx_path)
            .output()
            .unwrap();
        assert!(
            read.status.success(),
            "{}",
            String::from_utf8_lossy(&read.stderr)
        );
        let text = String::from_utf8(read.stdout).unwrap();
        assert_eq!(text.matches("督办通知").count(), 2, "{text}");
        assert!(text.contains("北京市大兴区旧宫镇人民政府："));
        assert!(text.contains("示例区法治政府建设工作领导小组办公室"));
    } else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "python-docx is required under CI"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn the_escalation_ladder_only_goes_forward_and_notices_read_back_sqlite() {
    ladder(Db::Sqlite, Broker::Embedded).await;
}

#[tokio::test]
async fn the_escalation_ladder_only_goes_forward_and_notices_read_back_postgres() {
    ladder(Db::Postgres, Broker::Rabbit).await;
}
