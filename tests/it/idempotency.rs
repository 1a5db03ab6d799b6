//! Retries never count twice; a new version replaces the old one.

use fazhi_proto::v1 as pb;
use tonic::Code;

use crate::helpers::*;

#[tokio::test]
async fn a_retried_submission_is_the_same_submission() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let report = sample("002_8688029d397398e8.txt");
    let first = app
        .submit("xymj", 2022, report.clone(), Some("k-1"))
        .await
        .unwrap();
    let again = app
        .submit("xymj", 2022, report.clone(), Some("k-1"))
        .await
        .unwrap();
    assert_eq!(first.submission_id, again.submission_id);
    app.wait_done(&first.submission_id).await;
    let after = app
        .submit("xymj", 2022, report.clone(), Some("k-1"))
        .await
        .unwrap();
    assert_eq!(after.submission_id, first.submission_id);
    assert_eq!(after.status, pb::SubmissionStatus::Processed as i32);

    // Same key, different document: refused, not silently merged.
    let err = app
        .submit(
            "xymj",
            2022,
            sample("004_f20b88b3a1d009b5.txt"),
            Some("k-1"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::AlreadyExists);

    let (page, total) = app
        .store
        .list_submissions(DISTRICT, 2022, 0, 50)
        .await
        .unwrap();
    assert_eq!((page.len(), total), (1, 1));
    assert_eq!(app.summary(2022).await.submitted, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_corrected_report_replaces_the_earlier_one_in_the_summary() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let original = sample("002_8688029d397398e8.txt");
    let first = app
        .submit("xymj", 2022, original.clone(), Some("v1"))
        .await
        .unwrap();
    app.wait_done(&first.submission_id).await;
    let before = app.summary(2022).await;
    let entry = before
        .coverage
        .iter()
        .find(|c| c.agency.code == "xymj")
        .unwrap();
    assert_eq!(
        entry.submission_id.as_deref(),
        Some(first.submission_id.as_str())
    );

    // The corrected version drops its quantities: the summary must follow.
    let corrected: String = String::from_utf8(original)
        .unwrap()
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect();
    let second = app
        .submit("xymj", 2022, corrected.into_bytes(), Some("v2"))
        .await
        .unwrap();
    assert_ne!(first.submission_id, second.submission_id);
    app.wait_done(&second.submission_id).await;
    let after = app.summary(2022).await;
    assert_eq!(after.submitted, 1, "one agency, counted once");
    let entry = after
        .coverage
        .iter()
        .find(|c| c.agency.code == "xymj")
        .unwrap();
    assert_eq!(
        entry.submission_id.as_deref(),
        Some(second.submission_id.as_str())
    );
    assert!(
        entry.quantities
            < before
                .coverage
                .iter()
                .find(|c| c.agency.code == "xymj")
                .unwrap()
                .quantities
    );
    app.stop().await;
}

async fn withdraw(app: &TestApp, id: &str) -> Result<pb::Submission, tonic::Status> {
    app.ingest()
        .await
        .withdraw_submission(pb::WithdrawSubmissionRequest {
            submission_id: id.into(),
            reason: "报送错误".into(),
        })
        .await
        .map(|r| r.into_inner().submission.unwrap())
}

#[tokio::test]
async fn withdrawing_a_report_takes_it_out_of_every_total() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let original = sample("002_8688029d397398e8.txt");
    let v1 = app
        .submit("xymj", 2022, original.clone(), Some("v1"))
        .await
        .unwrap();
    app.wait_done(&v1.submission_id).await;
    let with_v1 = app.summary(2022).await;
    assert!(sources_from(&with_v1, &v1.submission_id) > 0);

    let shorter: String = String::from_utf8(original).unwrap().replace("247件", "");
    let v2 = app
        .submit("xymj", 2022, shorter.into_bytes(), Some("v2"))
        .await
        .unwrap();
    app.wait_done(&v2.submission_id).await;
    let with_v2 = app.summary(2022).await;
    assert_eq!(
        sources_from(&with_v2, &v1.submission_id),
        0,
        "replaced numbers are gone"
    );

    // Withdrawing the correction brings the first version back.
    let w = withdraw(&app, &v2.submission_id).await.unwrap();
    assert_eq!(w.status, pb::SubmissionStatus::Withdrawn as i32);
    let back = app.summary(2022).await;
    assert_eq!(sources_from(&back, &v2.submission_id), 0);
    assert_eq!(back.indicators, with_v1.indicators);

    // Withdrawing both: the agency has not reported.
    withdraw(&app, &v1.submission_id).await.unwrap();
    withdraw(&app, &v1.submission_id)
        .await
        .expect("withdrawing twice is harmless");
    let none = app.summary(2022).await;
    assert_eq!(none.submitted, 0);
    let entry = none
        .coverage
        .iter()
        .find(|c| c.agency.code == "xymj")
        .unwrap();
    assert!(!entry.submitted);
    assert!(
        none.indicators
            .iter()
            .chain(&none.other_quantities)
            .all(|t| t.sources.is_empty()),
        "no total keeps a source of a withdrawn report"
    );

    let err = withdraw(&app, &uuid::Uuid::new_v4().to_string())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::NotFound);
    app.stop().await;
}
