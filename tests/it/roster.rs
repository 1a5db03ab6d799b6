//! Roster changes reach every stored summary they touch.

use crate::helpers::*;

#[tokio::test]
async fn an_agency_moved_to_another_district_leaves_the_old_districts_summary() {
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

    let csv = scratch_dir().join("moved.csv");
    std::fs::write(
        &csv,
        "code,name,kind,district\njgz,北京市大兴区旧宫镇人民政府,town,新区\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FAZHI_DATABASE__URL", &settings.database.url)
        .env("FAZHI_LOG__FILTER", "warn")
        .args(["agencies", "import"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let after = app.summary(2022).await;
    assert!(
        after.coverage.iter().all(|c| c.agency.code != "jgz"),
        "jgz moved out of {DISTRICT} but is still in its summary"
    );
    assert_eq!(after.expected + 1, before.expected);
    assert_eq!(after.submitted + 1, before.submitted);
    app.stop().await;
}
