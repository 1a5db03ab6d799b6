//! Hostile and broken input through the real gRPC API: the right status, a
//! Chinese message, nothing written, and the service and worker healthy
//! afterwards (a normal report goes through right after).

use fazhi_proto::v1 as pb;
use fazhi_store::SubmissionStatus;
use sha2::{Digest, Sha256};
use tonic::Code;

use crate::helpers::*;

const AGENCY: &str = "xymj";

fn doc(content: Vec<u8>, media_type: &str) -> Option<pb::Document> {
    Some(pb::Document {
        content,
        media_type: media_type.into(),
        file_name: "report.txt".into(),
    })
}

fn request(content: Vec<u8>, key: Option<&str>) -> pb::SubmitReportRequest {
    pb::SubmitReportRequest {
        agency_code: AGENCY.into(),
        reporting_year: 2022,
        document: doc(content, "text/plain"),
        idempotency_key: key.map(Into::into),
    }
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A normal report is accepted and processed: the service and worker are fine.
async fn still_healthy(app: &TestApp) {
    let report = sample("002_8688029d397398e8.txt");
    let key = unique("after-");
    let r = app
        .submit(AGENCY, 2022, report, Some(&key))
        .await
        .expect("a normal report right after");
    let s = app.wait_done(&r.submission_id).await;
    assert_eq!(s.status, pb::SubmissionStatus::Processed as i32, "{s:?}");
}

async fn nothing_stored(app: &TestApp) {
    for status in [
        SubmissionStatus::Queued,
        SubmissionStatus::Processed,
        SubmissionStatus::Rejected,
    ] {
        assert_eq!(
            app.store.count_by_status(status).await.unwrap(),
            0,
            "{status:?}"
        );
    }
}

async fn refusals_on(db: Db, broker: Broker) {
    let Some(settings) = settings(db, broker).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let mut ingest = app.ingest().await;
    let report = sample("002_8688029d397398e8.txt");

    let mut cases: Vec<(&str, pb::SubmitReportRequest, Code)> = Vec::new();
    let mut missing_doc = request(report.clone(), None);
    missing_doc.document = None;
    cases.push(("missing document", missing_doc, Code::InvalidArgument));
    let mut missing_year = request(report.clone(), None);
    missing_year.reporting_year = 0;
    cases.push(("missing year", missing_year, Code::InvalidArgument));
    let mut old_year = request(report.clone(), None);
    old_year.reporting_year = 1949;
    cases.push(("implausibly old year", old_year, Code::InvalidArgument));
    let mut with_nul = report.clone();
    with_nul.splice(30..30, [0u8]);
    cases.push((
        "NUL byte in the text",
        request(with_nul, None),
        Code::InvalidArgument,
    ));
    let utf16: Vec<u8> = String::from_utf8(report.clone())
        .unwrap()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    cases.push((
        "UTF-16 without BOM",
        request(utf16, None),
        Code::InvalidArgument,
    ));
    cases.push((
        "NUL in the idempotency key",
        request(report.clone(), Some("key\0x")),
        Code::InvalidArgument,
    ));
    let mut nul_media = request(report.clone(), None);
    nul_media.document = doc(report.clone(), "text/plain; charset=\0utf-8");
    cases.push(("NUL in the media type", nul_media, Code::InvalidArgument));
    let mut nul_name = request(report.clone(), None);
    nul_name.document.as_mut().unwrap().file_name = "报告\0.txt".into();
    cases.push(("NUL in the file name", nul_name, Code::InvalidArgument));
    let mut nul_agency = request(report.clone(), None);
    nul_agency.agency_code = "xy\0mj".into();
    cases.push(("NUL in the agency code", nul_agency, Code::InvalidArgument));
    let mut pdf = request(report.clone(), None);
    pdf.document = doc(b"%PDF-1.7 no text".to_vec(), "application/x-unknown-format");
    cases.push(("a media type not read", pdf, Code::InvalidArgument));
    let over = vec![b'a'; settings.grpc.max_document_bytes + 1];
    cases.push((
        "just over the size limit",
        request(over, None),
        Code::InvalidArgument,
    ));
    let huge = vec![b'a'; settings.grpc.max_document_bytes + 24 * 1024 * 1024];
    cases.push((
        "a request far over the gRPC limit",
        request(huge, None),
        Code::InvalidArgument,
    ));

    for (what, req, code) in cases {
        let err = ingest.submit_report(req).await.expect_err(what);
        assert_eq!(err.code(), code, "{what}: {}", err.message());
        assert!(has_chinese(err.message()), "{what}: {}", err.message());
    }

    let err = ingest
        .withdraw_submission(pb::WithdrawSubmissionRequest {
            submission_id: uuid::Uuid::new_v4().to_string(),
            reason: "原因\0".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument, "{}", err.message());
    let mut summaries = app.summaries().await;
    let err = summaries
        .get_district_summary(pb::GetDistrictSummaryRequest {
            district: "示例\0区".into(),
            year: 2022,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument, "{}", err.message());
    nothing_stored(&app).await;
    still_healthy(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn bad_requests_are_refused_in_chinese_on_sqlite_and_nothing_is_written() {
    refusals_on(Db::Sqlite, Broker::Embedded).await;
}

#[tokio::test]
async fn bad_requests_are_refused_in_chinese_on_postgres_and_rabbitmq() {
    refusals_on(Db::Postgres, Broker::Rabbit).await;
}

/// Two different documents under one key, sent at the same moment, 40 times:
/// exactly one of each pair is accepted, and what is stored is the accepted
/// document and its own parse.
async fn one_key_one_document_on(db: Db, broker: Broker) {
    let Some(settings) = settings(db, broker).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let base = String::from_utf8(sample("002_8688029d397398e8.txt")).unwrap();
    let mut accepted = Vec::new();
    for i in 0..40 {
        let key = format!("race-{i}");
        let a = format!("{base}\n附：第{i}号甲稿。").into_bytes();
        let b = format!("{base}\n附：第{i}号乙稿，另有补充。").into_bytes();
        let (mut c1, mut c2) = (app.ingest().await, app.ingest().await);
        let (r1, r2) = tokio::join!(
            c1.submit_report(request(a.clone(), Some(&key))),
            c2.submit_report(request(b.clone(), Some(&key)))
        );
        let (winner, loser) = match (r1, r2) {
            (Ok(r), Err(e)) => ((r.into_inner(), a), e),
            (Err(e), Ok(r)) => ((r.into_inner(), b), e),
            (r1, r2) => panic!("pair {i}: exactly one must be accepted: {r1:?} / {r2:?}"),
        };
        assert_eq!(
            loser.code(),
            Code::AlreadyExists,
            "pair {i}: {}",
            loser.message()
        );
        assert!(has_chinese(loser.message()));
        accepted.push(winner);
    }
    for (response, content) in &accepted {
        let s = app.wait_done(&response.submission_id).await;
        assert_eq!(s.status, pb::SubmissionStatus::Processed as i32);
        let row = app
            .store
            .submission(&s.submission_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            app.store.document_of(&row).await.unwrap(),
            *content,
            "the stored document is the accepted one"
        );
        assert_eq!(row.content_sha256, hex::encode(Sha256::digest(content)));
        let parsed = app
            .store
            .parsed_report(&s.submission_id)
            .await
            .unwrap()
            .unwrap();
        let report: fazhi_core::ParsedReport = serde_json::from_str(&parsed.parsed).unwrap();
        let text = String::from_utf8(content.clone()).unwrap();
        assert_eq!(
            report.chars,
            text.chars().count(),
            "the parse is of the stored document"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn one_key_never_holds_two_documents_on_sqlite() {
    one_key_one_document_on(Db::Sqlite, Broker::Embedded).await;
}

#[tokio::test]
async fn one_key_never_holds_two_documents_on_postgres_and_rabbitmq() {
    one_key_one_document_on(Db::Postgres, Broker::Rabbit).await;
}

/// Accepted, then processed or rejected with a reason, never a crash.
async fn survives(app: &TestApp, what: &str, content: Vec<u8>) {
    let r = app
        .submit(AGENCY, 2022, content, Some(&unique("odd-")))
        .await
        .unwrap_or_else(|e| panic!("{what}: {e:?}"));
    let s = app.wait_done(&r.submission_id).await;
    assert!(
        s.status == pb::SubmissionStatus::Processed as i32
            || (s.status == pb::SubmissionStatus::Rejected as i32 && has_chinese(&s.reject_reason)),
        "{what}: {s:?}"
    );
}

#[tokio::test]
async fn odd_but_readable_texts_are_processed_or_rejected_never_a_crash() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    survives(
        &app,
        "not a report",
        "今天天气很好，我们去公园散步。".repeat(20).into_bytes(),
    )
    .await;
    survives(
        &app,
        "a 10 MB single line",
        "法治政府建设".repeat(10_000_000 / 18).into_bytes(),
    )
    .await;
    survives(
        &app,
        "100 000 one-character lines",
        "法\n".repeat(100_000).into_bytes(),
    )
    .await;
    still_healthy(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn past_the_backlog_bound_submissions_are_asked_to_come_back_and_none_is_lost() {
    let Some(mut settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    settings.queue.max_backlog = 3;
    let mut app = spawn_app(&settings, false).await;
    let report = String::from_utf8(sample("002_8688029d397398e8.txt")).unwrap();
    let doc = |i: usize| format!("{report}\n附：第{i}稿。").into_bytes();
    let mut accepted = Vec::new();
    for i in 0..3 {
        accepted.push(
            app.submit(AGENCY, 2022, doc(i), Some(&format!("b{i}")))
                .await
                .unwrap()
                .submission_id,
        );
    }
    // The backlog reading is refreshed every half second; within a few the bound holds.
    let mut refused = None;
    for i in 3..100 {
        match app
            .submit(AGENCY, 2022, doc(i), Some(&format!("b{i}")))
            .await
        {
            Ok(r) => accepted.push(r.submission_id),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let err = refused.expect("the bound is enforced");
    assert_eq!(err.code(), Code::ResourceExhausted, "{}", err.message());
    assert!(
        err.message().contains("请约") && has_chinese(err.message()),
        "{}",
        err.message()
    );
    assert_eq!(
        err.metadata()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("60")
    );
    // Every accepted one is processed once the worker drains the queue.
    app.start_worker();
    for id in &accepted {
        let s = app.wait_done(id).await;
        assert_eq!(s.status, pb::SubmissionStatus::Processed as i32);
    }
    app.stop().await;
}
