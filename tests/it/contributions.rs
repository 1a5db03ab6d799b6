//! Summaries are rebuilt from stored per-report contributions; one made with
//! older catalog data is recomputed from the stored parse, not trusted.

use fazhi_store::entity::parsed_report;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

use crate::helpers::*;

#[tokio::test]
async fn a_contribution_from_older_catalog_data_is_recomputed_on_the_next_rebuild() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let first = app
        .submit("jgz", 2022, sample("004_f20b88b3a1d009b5.txt"), None)
        .await
        .unwrap();
    app.wait_done(&first.submission_id).await;
    let expected = app.summary(2022).await;

    // Pretend the stored contribution came from an older catalog and lies.
    let row = parsed_report::Entity::find_by_id(first.submission_id.clone())
        .one(app.store.db())
        .await
        .unwrap()
        .unwrap();
    let mut stale: fazhi_summary::ReportContribution =
        serde_json::from_str(row.contribution.as_deref().unwrap()).unwrap();
    let current_version = stale.data_version;
    stale.data_version = 0;
    stale.quantities.clear();
    let mut update: parsed_report::ActiveModel = row.into();
    update.contribution = Set(Some(serde_json::to_string(&stale).unwrap()));
    update.update(app.store.db()).await.unwrap();

    // Another report of the district triggers a rebuild.
    let second = app
        .submit("xymj", 2022, sample("002_8688029d397398e8.txt"), None)
        .await
        .unwrap();
    app.wait_done(&second.submission_id).await;
    // Another report changes only its own piece (constant cost); the full
    // rebuild (repair, roster or catalog change) re-reads every stored
    // contribution and must recompute the stale one.
    app.store.rebuild(DISTRICT, 2022).await.unwrap();
    let rebuilt = app.summary(2022).await;
    let jgz_sources = |s: &fazhi_summary::DistrictSummary| sources_from(s, &first.submission_id);
    assert!(jgz_sources(&expected) > 0);
    assert_eq!(
        jgz_sources(&rebuilt),
        jgz_sources(&expected),
        "stale contribution recomputed"
    );

    let row = parsed_report::Entity::find_by_id(first.submission_id.clone())
        .one(app.store.db())
        .await
        .unwrap()
        .unwrap();
    let stored: fazhi_summary::ReportContribution =
        serde_json::from_str(row.contribution.as_deref().unwrap()).unwrap();
    assert_eq!(stored.data_version, current_version, "and stored again");
    app.stop().await;
}
