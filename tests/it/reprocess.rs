//! `fazhi reprocess` on PostgreSQL + RabbitMQ with a `fazhi worker` child:
//! stored parses of an "older parser" are re-read through the queue; the
//! command killed halfway and run again resumes the same job, and every
//! report ends re-read once and counted once.

use std::time::Duration;

use fazhi_store::entity::parsed_report;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::crash::{CRASH_DISTRICT, REPORT, fazhi_with, kill, roster, totals_not_n_times_one};
use crate::helpers::*;

const N: usize = 6;

async fn stamped(store: &fazhi_store::Store) -> u64 {
    parsed_report::Entity::find()
        .filter(parsed_report::Column::Generation.gt(0))
        .count(store.db())
        .await
        .unwrap()
}

/// `fazhi reprocess` for the test's district as a child process.
fn reprocess(
    settings: &fazhi_config::Settings,
    flags: &str,
    log: &std::path::Path,
) -> tokio::process::Child {
    let command = format!("reprocess --district {CRASH_DISTRICT} {flags}");
    fazhi_with(&command, settings, 0, log, &[])
}

/// Its output once it ends by itself.
async fn finished(child: tokio::process::Child, limit: Duration) -> String {
    let out = tokio::time::timeout(limit, child.wait_with_output())
        .await
        .expect("the job ends in time")
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}");
    stdout
}

#[tokio::test]
async fn a_reprocess_killed_halfway_resumes_and_counts_every_report_once() {
    let Some(settings) = settings(Db::Postgres, Broker::Rabbit).await else {
        return;
    };
    let app = spawn_app(&settings, false).await;
    let units: Vec<_> = roster().into_iter().take(N).collect();
    app.store.upsert_agencies(&units).await.unwrap();
    let dir = scratch_dir();
    // Slow, so the kill below comes with re-reads still to do.
    let mut worker = fazhi_with("worker", &settings, 400, &dir.join("worker.log"), &[]);
    let mut ids = Vec::new();
    for u in &units {
        let r = app
            .submit(&u.code, 2022, sample(REPORT), None)
            .await
            .unwrap();
        ids.push(r.submission_id);
    }
    for id in &ids {
        app.wait_done(id).await;
    }

    // As an older release left them: parser version 0, a different text.
    app.store
        .db()
        .execute_unprepared("UPDATE parsed_reports SET parser_version = 0, text = 'old'")
        .await
        .unwrap();

    let mut first = reprocess(&settings, "--window 1", &dir.join("reprocess-1.log"));
    eventually("some re-read", Duration::from_secs(60), || {
        let store = app.store.clone();
        async move { stamped(&store).await >= 2 }
    })
    .await;
    kill(&mut first).await;
    let at_kill = stamped(&app.store).await;
    assert!(
        at_kill < N as u64,
        "killed halfway ({at_kill} of {N} re-read)"
    );

    let second = reprocess(&settings, "--window 1", &dir.join("reprocess-2.log"));
    let stdout = finished(second, Duration::from_secs(90)).await;
    assert!(stdout.contains("继续上次未完成的任务"), "{stdout}");
    assert!(stdout.contains(&format!("共 {N} 份")), "{stdout}");
    assert!(stdout.contains("完成"), "{stdout}");

    // Every parse is this parser's, made from the kept file, once.
    let rows = parsed_report::Entity::find()
        .all(app.store.db())
        .await
        .unwrap();
    assert_eq!(rows.len(), N);
    let job = rows[0].generation;
    for r in &rows {
        assert_eq!(
            r.parser_version,
            fazhi_core::PARSER_VERSION,
            "{}",
            r.submission_id
        );
        assert_eq!(r.generation, job, "one job re-read them all");
        assert!(r.text.chars().count() > 1000, "the text is read again");
    }
    let summary = summary_of(&mut app.summaries().await, CRASH_DISTRICT, 2022).await;
    assert_eq!(summary.submitted, N);
    assert!(
        totals_not_n_times_one(&summary, N).is_empty(),
        "each report counted once"
    );

    // Nothing left: a new run has nothing to do and says so.
    let third = reprocess(&settings, "", &dir.join("reprocess-3.log"));
    let stdout = finished(third, Duration::from_secs(30)).await;
    assert!(stdout.contains("新任务，共 0 份"), "{stdout}");
    kill(&mut worker).await;
    app.stop().await;
}
