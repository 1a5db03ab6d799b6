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
