//! Who counts in a summary: the roster's agencies, in a stable order.

use fazhi_config::Settings;
use sea_orm::ConnectionTrait;

use crate::helpers::*;

/// The 2022 samples, processed; returns the app and the summary.
async fn with_2022_reports(db: Db) -> Option<(TestApp, Settings, fazhi_summary::DistrictSummary)> {
    let settings = settings(db, Broker::Embedded).await?;
    let app = spawn_app(&settings, true).await;
    for (agency, year, file) in SAMPLES.iter().filter(|(_, y, _)| *y == 2022) {
        let r = app.submit(agency, *year, sample(file), None).await.unwrap();
        app.wait_done(&r.submission_id).await;
    }
    let summary = app.summary(2022).await;
    Some((app, settings, summary))
}

fn codes(summary: &fazhi_summary::DistrictSummary) -> Vec<String> {
    summary
        .coverage
        .iter()
        .map(|c| c.agency.code.clone())
        .collect()
}

#[tokio::test]
async fn on_postgresql_an_upsert_changes_neither_coverage_order_nor_citation_numbers() {
    let Some((app, settings, before)) = with_2022_reports(Db::Postgres).await else {
        return;
    };
    let order = codes(&before);
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "coverage in code order");
    assert!(!before.citations.is_empty(), "the samples give citations");
    // PostgreSQL writes an updated row anew at the end of the table: a
    // roster read without ORDER BY now returns the first agencies last.
    let rows = fazhi_store::agencies::parse_roster(ROSTER).unwrap();
    let first: Vec<_> = rows
        .iter()
        .filter(|r| order.iter().take(2).any(|c| *c == r.code))
        .cloned()
        .collect();
    assert_eq!(first.len(), 2);
    app.store.upsert_agencies(&first).await.unwrap();
    app.store
        .refresh_summaries(&[DISTRICT.to_owned()])
        .await
        .unwrap();
    let after = app.summary(2022).await;
    assert_eq!(codes(&after), order);
    let cited = |s: &fazhi_summary::DistrictSummary| -> Vec<(usize, String, usize, usize)> {
        s.citations
            .iter()
            .map(|c| (c.id, c.submission_id.clone(), c.start, c.end))
            .collect()
    };
    assert_eq!(cited(&after), cited(&before), "citation numbers unchanged");
    assert_eq!(after.draft_markdown, before.draft_markdown);
    app.stop().await;
    drop_test_database(&settings).await;
}

#[tokio::test]
async fn a_report_of_an_agency_that_left_the_roster_counts_neither_as_expected_nor_as_submitted() {
    let Some((app, _settings, before)) = with_2022_reports(Db::Sqlite).await else {
        return;
    };
    assert!(before.submitted >= 1 && before.submitted <= before.expected);
    // jgz reported, then left the district's roster.
    app.store
        .db()
        .execute_unprepared("DELETE FROM agencies WHERE code = 'jgz'")
        .await
        .unwrap();
    app.store
        .refresh_summaries(&[DISTRICT.to_owned()])
        .await
        .unwrap();
    let after = app.summary(2022).await;
    assert_eq!(after.expected, before.expected - 1);
    assert_eq!(
        after.submitted,
        before.submitted - 1,
        "应报{}家，已报{}家",
        after.expected,
        after.submitted
    );
    assert!(codes(&after).iter().all(|c| c != "jgz"));
    assert!(
        after.citations.iter().all(|c| c.agency.code != "jgz"),
        "no citation of a report that no longer counts"
    );
    app.stop().await;
}
