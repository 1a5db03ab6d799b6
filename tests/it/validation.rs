//! Bad input gets the right status and a message a clerk understands, and
//! nothing is stored or queued for it.

use fazhi_proto::v1 as pb;
use fazhi_store::SubmissionStatus;
use tonic::Code;

use crate::helpers::*;

#[tokio::test]
async fn bad_requests_are_refused_clearly_and_leave_nothing_behind() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, false).await;
    let report = sample("000_694a7727829af4aa.txt");

    let err = app
        .submit("no-such-agency", 2022, report.clone(), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::NotFound);
    assert!(err.message().contains("不在名录中"), "{}", err.message());

    let err = app
        .submit("xc-yllhj", 2099, report.clone(), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    assert!(err.message().contains("报告年度"), "{}", err.message());

    let err = app
        .submit("xc-yllhj", 2022, Vec::new(), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);

    let err = app
        .submit("xc-yllhj", 2022, vec![0xff, 0xfe, 0x00, 0x81, 0xff], None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    assert!(err.message().contains("无法读取"), "{}", err.message());

    let mut client = app.ingest().await;
    let err =
        client
            .submit_report(pb::SubmitReportRequest {
                agency_code: "xc-yllhj".into(),
                reporting_year: 2022,
                document: Some(pb::Document {
                    content: b"PK\x03\x04 not really a docx".to_vec(),
                    media_type:
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                            .into(),
                    file_name: "报告.docx".into(),
                }),
                idempotency_key: None,
            })
            .await
            .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    assert!(err.message().contains("压缩包"), "{}", err.message());

    let err = client
        .get_submission(pb::GetSubmissionRequest {
            submission_id: "not-an-id".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    let err = client
        .get_submission(pb::GetSubmissionRequest {
            submission_id: uuid::Uuid::new_v4().to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::NotFound);

    let mut summaries = app.summaries().await;
    let err = summaries
        .get_district_summary(pb::GetDistrictSummaryRequest {
            district: "没有这个区".into(),
            year: 2022,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::NotFound);

    for status in [
        SubmissionStatus::Queued,
        SubmissionStatus::Processed,
        SubmissionStatus::Rejected,
    ] {
        assert_eq!(app.store.count_by_status(status).await.unwrap(), 0);
    }
    let embedded = fazhi_queue::embedded::EmbeddedQueue::new(
        app.store.db().clone(),
        fazhi_queue::embedded::EmbeddedSettings {
            queue: settings.queue.name.clone(),
            max_attempts: 5,
            poll_interval: std::time::Duration::from_millis(50),
            lease: std::time::Duration::from_secs(5),
            retry_delay: std::time::Duration::from_millis(50),
        },
    );
    assert_eq!(embedded.depth().await.unwrap(), 0, "nothing was queued");
    app.stop().await;
}

#[tokio::test]
async fn text_that_is_not_a_report_ends_rejected_with_a_reason() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let recipe = "红烧肉做法：五花肉切块，焯水，加冰糖炒糖色，再加酱油和水炖一个小时。"
        .as_bytes()
        .to_vec();
    let r = app
        .submit("jgz", 2022, recipe, None)
        .await
        .expect("accepted for processing");
    let s = app.wait_done(&r.submission_id).await;
    assert_eq!(s.status, pb::SubmissionStatus::Rejected as i32);
    assert!(!s.reject_reason.is_empty());
    // A rejected report does not count as submitted.
    assert_eq!(app.summary(2022).await.submitted, 0);
    app.stop().await;
}

#[tokio::test]
async fn gb18030_reports_are_read_like_utf8_ones() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let utf8 = sample("004_f20b88b3a1d009b5.txt");
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(std::str::from_utf8(&utf8).unwrap());
    assert!(!unmappable);
    let r = app
        .submit("jgz", 2022, gb.into_owned(), None)
        .await
        .unwrap();
    let s = app.wait_done(&r.submission_id).await;
    assert_eq!(
        s.status,
        pb::SubmissionStatus::Processed as i32,
        "{}",
        s.reject_reason
    );
    let parsed = s.parsed.unwrap();
    assert_eq!(parsed.year, Some(2022));
    assert_eq!(parsed.parts_present.len(), 5, "seed 004 has all five parts");
    app.stop().await;
}
