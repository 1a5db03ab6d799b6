//! Who may call what: every cell of the README's table "Who may call what",
//! through the real server, refusals included. The decision lives in one
//! place (`services/src/policy.rs`); this test holds it to the table.

use std::collections::BTreeMap;

use fazhi_proto::v1 as pb;
use fazhi_store::{AuditFilter, NewCredential, Role};
use tonic::Code;

use crate::helpers::*;

/// A second district, so "another district" is a real one.
const OTHER_DISTRICT: &str = "邻区";
const OTHER_AGENCY: &str = "lq-sfj";
/// The unit whose own report the cells read and withdraw.
const UNIT: &str = "xymj";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rpc {
    SubmitOwn,
    SubmitOtherUnit,
    SubmitOtherDistrict,
    GetSubmission,
    GetOtherDistrictSubmission,
    ListSubmissions,
    ListOtherDistrict,
    GetDistrictSummary,
    GetOtherDistrictSummary,
    WithdrawSubmission,
}

const ALL: [Rpc; 10] = [
    Rpc::SubmitOwn,
    Rpc::SubmitOtherUnit,
    Rpc::SubmitOtherDistrict,
    Rpc::GetSubmission,
    Rpc::GetOtherDistrictSubmission,
    Rpc::ListSubmissions,
    Rpc::ListOtherDistrict,
    Rpc::GetDistrictSummary,
    Rpc::GetOtherDistrictSummary,
    Rpc::WithdrawSubmission,
];

/// The README's table, as data: what each caller gets for each call.
fn expected(caller: &str, rpc: Rpc) -> Code {
    use Rpc::*;
    let ok = Code::Ok;
    let denied = Code::PermissionDenied;
    match caller {
        "anonymous" | "garbage" | "revoked" | "expired" => Code::Unauthenticated,
        "admin" => ok,
        "city" => match rpc {
            GetSubmission | ListSubmissions | GetDistrictSummary => ok,
            _ => denied,
        },
        "district" => match rpc {
            SubmitOtherDistrict
            | GetOtherDistrictSubmission
            | ListOtherDistrict
            | GetOtherDistrictSummary => denied,
            _ => ok,
        },
        "unit" => match rpc {
            SubmitOwn | GetSubmission | WithdrawSubmission => ok,
            _ => denied,
        },
        other => panic!("no such caller {other}"),
    }
}

fn request(agency: &str, key: &str) -> pb::SubmitReportRequest {
    pb::SubmitReportRequest {
        agency_code: agency.into(),
        reporting_year: 2022,
        document: Some(pb::Document {
            content: sample("002_8688029d397398e8.txt"),
            media_type: "text/plain".into(),
            file_name: "report.txt".into(),
        }),
        idempotency_key: Some(key.into()),
    }
}

#[tokio::test]
async fn every_caller_gets_exactly_what_the_table_allows() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    app.store
        .upsert_agencies(&[fazhi_store::agencies::RosterRow {
            code: OTHER_AGENCY.into(),
            name: "邻区司法局".into(),
            kind: fazhi_store::AgencyKind::Department,
            district: OTHER_DISTRICT.into(),
        }])
        .await
        .unwrap();
    // One report in each district, entered by the administrator.
    let own = app
        .submit(
            UNIT,
            2022,
            sample("002_8688029d397398e8.txt"),
            Some("setup"),
        )
        .await
        .unwrap()
        .submission_id;
    let mut admin = app.ingest().await;
    let other = admin
        .submit_report(request(OTHER_AGENCY, "setup"))
        .await
        .unwrap()
        .into_inner()
        .submission_id;
    app.wait_done(&own).await;
    app.wait_done(&other).await;

    let issue = |role, scope: &'static [&'static str]| issue_token(&app.store, role, scope);
    let mut callers: BTreeMap<&str, Option<String>> = BTreeMap::new();
    callers.insert("anonymous", None);
    callers.insert("garbage", Some("not-a-token".into()));
    callers.insert("admin", Some(app.token.clone()));
    callers.insert("city", Some(issue(Role::City, &[DISTRICT, "另一区"]).await));
    callers.insert("district", Some(issue(Role::District, &[DISTRICT]).await));
    callers.insert("unit", Some(issue(Role::Unit, &[UNIT]).await));
    let revoked = app
        .store
        .issue_token(&NewCredential {
            login: unique("revoked-"),
            role: Role::Admin,
            scope: vec![],
            expires_at: None,
            created_by: "test".into(),
        })
        .await
        .unwrap();
    app.store.revoke_credential(&revoked.0.id).await.unwrap();
    callers.insert("revoked", Some(revoked.1));
    let expired = app
        .store
        .issue_token(&NewCredential {
            login: unique("expired-"),
            role: Role::Admin,
            scope: vec![],
            expires_at: Some(fazhi_store::now_ms() - 1),
            created_by: "test".into(),
        })
        .await
        .unwrap();
    callers.insert("expired", Some(expired.1));

    let mut wrong = Vec::new();
    for (caller, token) in &callers {
        let mut ingest = app.ingest_as(token.as_deref()).await;
        let mut summaries = app.summaries_as(token.as_deref()).await;
        for rpc in ALL {
            let key = format!("{caller}-{rpc:?}");
            let got = match rpc {
                // A unit may leave the code out; everyone else names the unit.
                Rpc::SubmitOwn => ingest
                    .submit_report(request(if *caller == "unit" { "" } else { UNIT }, &key))
                    .await
                    .map(drop),
                Rpc::SubmitOtherUnit => ingest.submit_report(request("jgz", &key)).await.map(drop),
                Rpc::SubmitOtherDistrict => ingest
                    .submit_report(request(OTHER_AGENCY, &key))
                    .await
                    .map(drop),
                Rpc::GetSubmission | Rpc::GetOtherDistrictSubmission => ingest
                    .get_submission(pb::GetSubmissionRequest {
                        submission_id: if rpc == Rpc::GetSubmission {
                            &own
                        } else {
                            &other
                        }
                        .clone(),
                    })
                    .await
                    .map(drop),
                Rpc::ListSubmissions | Rpc::ListOtherDistrict => summaries
                    .list_submissions(pb::ListSubmissionsRequest {
                        district: if rpc == Rpc::ListSubmissions {
                            DISTRICT
                        } else {
                            OTHER_DISTRICT
                        }
                        .into(),
                        year: 2022,
                        page_size: 0,
                        page_token: String::new(),
                    })
                    .await
                    .map(drop),
                Rpc::GetDistrictSummary | Rpc::GetOtherDistrictSummary => summaries
                    .get_district_summary(pb::GetDistrictSummaryRequest {
                        district: if rpc == Rpc::GetDistrictSummary {
                            DISTRICT
                        } else {
                            OTHER_DISTRICT
                        }
                        .into(),
                        year: 2022,
                        ..Default::default()
                    })
                    .await
                    .map(drop),
                // Withdrawing twice is harmless, so every allowed caller can
                // succeed on the same submission.
                Rpc::WithdrawSubmission => ingest
                    .withdraw_submission(pb::WithdrawSubmissionRequest {
                        submission_id: own.clone(),
                        reason: format!("{caller} 测试撤回"),
                    })
                    .await
                    .map(drop),
            };
            let code = got.as_ref().map_or_else(|s| s.code(), |_| Code::Ok);
            if let Err(status) = &got {
                // Every refusal speaks Chinese to the clerk.
                assert!(
                    status
                        .message()
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{caller} {rpc:?}: {}",
                    status.message()
                );
            }
            if code != expected(caller, rpc) {
                wrong.push(format!(
                    "{caller} {rpc:?}: got {code:?}, table says {:?} ({})",
                    expected(caller, rpc),
                    got.err()
                        .map(|s| s.message().to_owned())
                        .unwrap_or_default()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "cells that disagree with the table:\n{}",
        wrong.join("\n")
    );

    // The audit trail names who submitted and who withdrew.
    let trail = app
        .store
        .audit_entries(&AuditFilter {
            target: Some(own.clone()),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"submission.submit"), "{actions:?}");
    assert!(actions.contains(&"submission.withdraw"), "{actions:?}");
    assert!(
        trail
            .iter()
            .all(|e| !e.actor.is_empty() && !e.origin.is_empty())
    );
    app.stop().await;
}

#[tokio::test]
async fn a_unit_cannot_name_another_unit_in_its_request() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, false).await;
    let token = issue_token(&app.store, Role::Unit, &[UNIT]).await;
    let mut ingest = app.ingest_as(Some(&token)).await;
    let err = ingest
        .submit_report(request("jgz", "forged"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::PermissionDenied);
    assert!(err.message().contains("xymj"), "{}", err.message());
    assert_eq!(
        app.store
            .count_by_status(fazhi_store::SubmissionStatus::Queued)
            .await
            .unwrap(),
        0,
        "a refused forgery leaves nothing behind"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_audit_trail_cannot_be_rewritten() {
    for db in [Db::Sqlite, Db::Postgres] {
        audit_trail_cannot_be_rewritten_on(db).await;
    }
}

async fn audit_trail_cannot_be_rewritten_on(db: Db) {
    use sea_orm::ConnectionTrait;
    let Some(settings) = settings(db, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, false).await;
    app.submit(UNIT, 2022, sample("002_8688029d397398e8.txt"), None)
        .await
        .unwrap();
    let before = app
        .store
        .audit_entries(&AuditFilter::default())
        .await
        .unwrap();
    assert!(!before.is_empty());
    for sql in [
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
    ] {
        assert!(
            app.store.db().execute_unprepared(sql).await.is_err(),
            "{sql} must be refused"
        );
    }
    let after = app
        .store
        .audit_entries(&AuditFilter::default())
        .await
        .unwrap();
    assert_eq!(before, after);
    app.stop().await;
}
