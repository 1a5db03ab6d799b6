//! The reporting season end to end: review steps, resubmission versions,
//! received dates, the roster by year, refusals — through gRPC and the CLI,
//! on SQLite + embedded queue and PostgreSQL + RabbitMQ.

use fazhi_proto::v1 as pb;
use fazhi_proto::v1::season_client::SeasonClient;
use tonic::Code;

use crate::helpers::*;

/// The submission the summary counts for an agency.
pub fn current_of(summary: &fazhi_summary::DistrictSummary, code: &str) -> Option<String> {
    summary
        .coverage
        .iter()
        .find(|c| c.agency.code == code && c.submitted)
        .and_then(|c| c.submission_id.clone())
}

pub async fn season_client(app: &TestApp, token: &str) -> SeasonClient<Authed> {
    SeasonClient::new(authed(app.channel().await, Some(token)))
}

/// Run the CLI against the test's server as the admin; (ok, stdout, stderr).
pub async fn cli(app: &TestApp, args: &[&str]) -> (bool, String, String) {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FAZHI_CLIENT__TOKEN", &app.token)
        .env("FAZHI_DATABASE__URL", &app.settings.database.url)
        .env("FAZHI_LOG__FILTER", "warn")
        .args(args)
        .output()
        .await
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A report text that is unique to `tag` (its own hash) and parses.
pub fn report(seed: usize, tag: &str, n: u32) -> Vec<u8> {
    let seeds = [
        "000_694a7727829af4aa.txt",
        "001_6193ebd917cce1b8.txt",
        "002_8688029d397398e8.txt",
        "003_cb32341b71933a80.txt",
        "004_f20b88b3a1d009b5.txt",
    ];
    let mut text = String::from_utf8(sample(seeds[seed % seeds.len()])).unwrap();
    text.push_str(&format!("\n全年开展法治宣传活动{n}场（{tag}）。\n"));
    text.into_bytes()
}

fn review(id: &str, reason: &str) -> pb::ReviewRequest {
    pb::ReviewRequest {
        submission_id: id.into(),
        reason: reason.into(),
    }
}

async fn review_steps(db: Db, broker: Broker) {
    let Some(settings) = settings(db, broker).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let mut season = season_client(&app, &app.token).await;
    let v1 = app
        .submit("jgz", 2022, report(4, "v1", 11), None)
        .await
        .unwrap()
        .submission_id;
    app.wait_done(&v1).await;

    // Accept through the CLI; the report is then locked.
    let (ok, out, err) = cli(&app, &["submissions", "accept", &v1, "--server", &app.url]).await;
    assert!(ok, "{err}");
    assert!(
        out.contains("已接收") && out.contains("当前计入版本"),
        "{out}"
    );
    let refused = season
        .return_report(review(&v1, "缺少数字"))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), Code::FailedPrecondition);
    assert!(
        refused.message().contains("已锁定"),
        "{}",
        refused.message()
    );
    let refused = app
        .ingest()
        .await
        .withdraw_submission(pb::WithdrawSubmissionRequest {
            submission_id: v1.clone(),
            reason: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(
        refused.code(),
        Code::FailedPrecondition,
        "{}",
        refused.message()
    );
    let (ok, _, err) = cli(
        &app,
        &[
            "submissions",
            "return",
            &v1,
            "--reason",
            "缺少数字",
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(!ok && err.contains("已锁定"), "{err}");

    // Reopen, return with a reason the unit sees.
    season.reopen_report(review(&v1, "")).await.unwrap();
    let no_reason = season.return_report(review(&v1, " ")).await.unwrap_err();
    assert_eq!(no_reason.code(), Code::InvalidArgument);
    assert!(no_reason.message().contains("原因"));
    season
        .return_report(review(&v1, "缺少第五部分“其他需要报告的情况”"))
        .await
        .unwrap();
    let unit_token = issue_token(&app.store, fazhi_store::Role::Unit, &["jgz"]).await;
    let mut as_unit = season_client(&app, &unit_token).await;
    let versions = as_unit
        .list_versions(pb::ListVersionsRequest {
            agency_code: "jgz".into(),
            year: 2022,
        })
        .await
        .unwrap()
        .into_inner()
        .versions;
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].state, pb::ReviewState::Returned as i32);
    assert_eq!(versions[0].reason, "缺少第五部分“其他需要报告的情况”");
    assert!(!versions[0].current, "a returned report does not count");
    // The unit may not review its own report.
    let denied = as_unit.accept_report(review(&v1, "")).await.unwrap_err();
    assert_eq!(denied.code(), Code::PermissionDenied);
    assert_eq!(
        app.summary(2022)
            .await
            .coverage
            .iter()
            .filter(|c| c.agency.code == "jgz" && c.submitted)
            .count(),
        0
    );

    // The unit resubmits: a new version that counts (unreviewed counts by default).
    let v2 = submit_to(
        &mut app.ingest_as(Some(&unit_token)).await,
        "",
        2022,
        report(4, "v2", 12),
        None,
    )
    .await
    .unwrap()
    .submission_id;
    app.wait_done(&v2).await;
    let summary = app.summary(2022).await;
    let jgz = summary
        .coverage
        .iter()
        .find(|c| c.agency.code == "jgz")
        .unwrap();
    assert!(jgz.submitted);
    assert!(sources_from(&summary, &v2) > 0);
    assert_eq!(sources_from(&summary, &v1), 0);

    // Without counting unreviewed reports, jgz drops out until accepted.
    season
        .set_deadlines(pb::SetDeadlinesRequest {
            district: DISTRICT.into(),
            year: 2022,
            count_unreviewed: Some(false),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        !app.summary(2022)
            .await
            .coverage
            .iter()
            .any(|c| c.agency.code == "jgz" && c.submitted)
    );
    season.accept_report(review(&v2, "")).await.unwrap();
    assert!(
        app.summary(2022)
            .await
            .coverage
            .iter()
            .any(|c| c.agency.code == "jgz" && c.submitted)
    );

    // Unknown ids and bad dates are refused with the right codes.
    let unknown = season
        .accept_report(review("00000000-0000-0000-0000-000000000000", ""))
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Code::NotFound);
    let bad = season
        .set_received_on(pb::SetReceivedOnRequest {
            submission_id: v2.clone(),
            received_on: "2023/02/30".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code(), Code::InvalidArgument);
    assert!(bad.message().contains("YYYY-MM-DD"), "{}", bad.message());
    app.stop().await;
}

#[tokio::test]
async fn review_steps_follow_the_state_machine_on_sqlite() {
    review_steps(Db::Sqlite, Broker::Embedded).await;
}

#[tokio::test]
async fn review_steps_follow_the_state_machine_on_postgres_and_rabbitmq() {
    review_steps(Db::Postgres, Broker::Rabbit).await;
}

#[tokio::test]
async fn the_same_file_after_a_withdrawal_or_a_replacement_is_a_new_current_version() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let first = report(0, "a", 1);
    let a = app
        .submit("xymj", 2022, first.clone(), None)
        .await
        .unwrap()
        .submission_id;
    app.wait_done(&a).await;
    // A plain retry is the same submission.
    let retry = app
        .submit("xymj", 2022, first.clone(), None)
        .await
        .unwrap()
        .submission_id;
    assert_eq!(retry, a);
    let b = app
        .submit("xymj", 2022, report(0, "b", 2), None)
        .await
        .unwrap()
        .submission_id;
    app.wait_done(&b).await;
    // Going back to the first file: a new version, not silently ignored.
    let a2 = app
        .submit("xymj", 2022, first.clone(), None)
        .await
        .unwrap()
        .submission_id;
    assert_ne!(a2, a);
    app.wait_done(&a2).await;
    let again = app
        .submit("xymj", 2022, first.clone(), None)
        .await
        .unwrap()
        .submission_id;
    assert_eq!(again, a2, "a retry of the resubmission is the same version");
    assert_eq!(
        current_of(&app.summary(2022).await, "xymj"),
        Some(a2.clone())
    );

    // Withdraw it, send the same file again: a new current version.
    app.ingest()
        .await
        .withdraw_submission(pb::WithdrawSubmissionRequest {
            submission_id: a2.clone(),
            reason: "误撤".into(),
        })
        .await
        .unwrap();
    let a3 = app
        .submit("xymj", 2022, first.clone(), None)
        .await
        .unwrap()
        .submission_id;
    assert!(a3 != a2 && a3 != a);
    app.wait_done(&a3).await;
    // Keyed retries stay one submission, whatever came in between.
    let k1 = app
        .submit("xymj", 2022, report(0, "k", 3), Some("key-1"))
        .await
        .unwrap()
        .submission_id;
    app.wait_done(&k1).await;
    let k2 = app
        .submit("xymj", 2022, report(0, "k", 3), Some("key-1"))
        .await
        .unwrap()
        .submission_id;
    assert_eq!(k1, k2);

    // Make the second file (b) current again through the CLI.
    let (ok, out, err) = cli(
        &app,
        &["submissions", "make-current", &b, "--server", &app.url],
    )
    .await;
    assert!(ok, "{err}");
    assert!(out.contains("已设为当前版本"), "{out}");
    assert_eq!(
        current_of(&app.summary(2022).await, "xymj"),
        Some(b.clone())
    );
    let (ok, out, err) = cli(
        &app,
        &[
            "submissions",
            "versions",
            "--agency",
            "xymj",
            "--year",
            "2022",
            "--json",
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(ok, "{err}");
    let versions: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        versions.len(),
        5,
        "a, b, a again, a once more, keyed: {out}"
    );
    let current: Vec<&str> = versions
        .iter()
        .filter(|v| v["current"] == true)
        .map(|v| v["submission_id"].as_str().unwrap())
        .collect();
    assert_eq!(current, [b.as_str()]);
    app.stop().await;
}

#[tokio::test]
async fn a_roster_version_that_moves_a_unit_refreshes_the_district_it_left() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let r = app
        .submit("jgz", 2022, sample("004_f20b88b3a1d009b5.txt"), None)
        .await
        .unwrap();
    app.wait_done(&r.submission_id).await;
    let before = app.summary(2022).await;
    assert!(
        before
            .coverage
            .iter()
            .any(|c| c.agency.code == "jgz" && c.submitted)
    );

    let csv = scratch_dir().join("roster2022.csv");
    std::fs::write(
        &csv,
        "code,name,short_name,kind,parent,district,exempt_reason\njgz,北京市大兴区旧宫镇人民政府,旧宫镇,town,,新区,\n",
    )
    .unwrap();
    let (ok, out, err) = cli(
        &app,
        &[
            "roster",
            "import",
            "--year",
            "2022",
            csv.to_str().unwrap(),
            "--server",
            &app.url,
        ],
    )
    .await;
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("{DISTRICT}/2022")),
        "the district it left is refreshed: {out}"
    );
    let after = app.summary(2022).await;
    assert!(
        after.coverage.iter().all(|c| c.agency.code != "jgz"),
        "jgz moved out but is still counted"
    );
    assert_eq!(after.expected + 1, before.expected);
    // Earlier years keep the roster as it was.
    let mut season = season_client(&app, &app.token).await;
    let old = season
        .list_roster(pb::ListRosterRequest {
            district: DISTRICT.into(),
            year: 2021,
        })
        .await
        .unwrap()
        .into_inner()
        .units;
    assert!(old.iter().any(|u| u.code == "jgz"));
    let new = season
        .list_roster(pb::ListRosterRequest {
            district: "新区".into(),
            year: 2022,
        })
        .await
        .unwrap()
        .into_inner()
        .units;
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].short_name, "旧宫镇");

    // A bad row is refused with its line, nothing written.
    let bad = season
        .import_roster(pb::ImportRosterRequest {
            year: 2022,
            csv: "code,name,kind,district\nx1,甲局,department,新区\nx2,乙局,bureau,新区\n".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(bad.code(), Code::InvalidArgument);
    assert!(bad.message().contains("第3行"), "{}", bad.message());
    assert!(app.store.agency("x1").await.unwrap().is_none());
    let audit = app
        .store
        .audit_entries(&fazhi_store::AuditFilter {
            target: Some("jgz".into()),
            action: Some("roster.upsert".into()),
            limit: 0,
        })
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    let detail: serde_json::Value = serde_json::from_str(&audit[0].detail).unwrap();
    assert_eq!(detail["before"]["district"], DISTRICT);
    assert_eq!(detail["after"]["district"], "新区");
    app.stop().await;
}
