//! Goals 3 and 4 on RabbitMQ + PostgreSQL with 2 workers: one district's
//! units submitting at once (last answer → the first summary counting
//! all), and a city's rush (a burst over many districts: total time and
//! the per-report cost at its start and its end).

use super::*;
use fazhi_store::entity::submission;
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

const E2E: &str = "end to end: last SubmitReport answer → summary counts all";
const RUSH: &str = "city rush: per-report cost, last tenth / first tenth";

/// The district's summary as an office reads it (structured view).
async fn submitted(server: &Server, district: &str) -> Option<u32> {
    let mut client = server.summaries();
    let response = client
        .get_district_summary(pb::GetDistrictSummaryRequest {
            district: district.into(),
            year: YEAR,
            view: pb::SummaryView::Basic as i32,
        })
        .await;
    let response = match response {
        Ok(r) => r,
        Err(_) => return None,
    };
    let s = response.into_inner().summary;
    s.map(|s| s.submitted)
}

/// A section's rows, or one row saying why it did not run.
async fn rows<F: Future<Output = Result<Vec<Goal>, String>>>(
    ctx: &Ctx,
    goals: &mut Vec<Goal>,
    figure: &str,
    goal: &str,
    section: impl FnOnce() -> F,
) {
    let label = System::RabbitPostgres.label();
    match ctx.need_rabbit_pg() {
        Err(e) => goals.push(Goal::not_run(figure, label, goal, &e)),
        Ok(()) => match section().await {
            Ok(g) => goals.extend(g),
            Err(e) => goals.push(Goal::not_run(figure, label, goal, &e)),
        },
    }
}

pub(crate) async fn run(ctx: &Ctx, goals: &mut Vec<Goal>) {
    rows(ctx, goals, E2E, "< 2 s", || async {
        district(ctx).await.map(|g| vec![g])
    })
    .await;
}

pub(crate) async fn run_rush(ctx: &Ctx, goals: &mut Vec<Goal>) {
    rows(ctx, goals, RUSH, "flat", || rush(ctx)).await;
}

async fn district(ctx: &Ctx) -> Result<Goal, String> {
    let n = ctx.sizes.e2e_units;
    let settings = fresh(ctx, System::RabbitPostgres).await?;
    let store = parts(&settings).await?.store;
    let units = roster(&ctx.seeds, "e", n, 1);
    let name = units[0].district.clone();
    store
        .import_roster(&units)
        .await
        .map_err(|e| e.to_string())?;
    let server = start_server(&settings).await?;
    let workers = start_workers(&settings, 2).await?;
    // All at once: one task per unit.
    let sent = measure(n, n, submit_op(&server, one_each(&ctx.seeds, &units))).await;
    let answered = Instant::now();
    let left_at_answer = count(&store, SubmissionStatus::Queued).await.unwrap_or(0);
    // Given up only when neither the summary nor the processed count moved
    // for STALL (a dead worker), however slow the build.
    let seen = std::sync::Mutex::new((0u32, 0u64));
    let waited = wait_drained(STALL, Duration::from_millis(50), || async {
        let counted = submitted(&server, &name).await.unwrap_or(0);
        let processed = count(&store, SubmissionStatus::Processed)
            .await
            .unwrap_or(0);
        *lock(&seen) = (counted, processed);
        let n = n as u64;
        let (counted, processed) = (u64::from(counted).min(n), processed.min(n));
        // One number that moves when either count moves, 0 once all are counted.
        Some(if counted == n {
            0
        } else {
            (n - counted) * (n + 1) + (n - processed)
        })
    })
    .await;
    let after = answered.elapsed();
    // A read once nothing is behind: what a poll itself costs.
    let t = Instant::now();
    for _ in 0..3 {
        submitted(&server, &name).await;
    }
    let read_ms = t.elapsed().as_secs_f64() * 1e3 / 3.0;
    stop_all(workers).await;
    server.stop().await;
    progress("e2e SubmitReport burst", &sent);
    if sent.errors > 0 {
        return Err(format!("{}of {n} SubmitReport", errors(&sent)));
    }
    if let Err(e) = waited {
        let (counted, processed) = *lock(&seen);
        return Err(format!(
            "the summary counted {counted} of {n} ({processed} PROCESSED): {e}"
        ));
    }
    let secs = after.as_secs_f64();
    let met = Met::of(secs < 2.0);
    let obstacle = if met == Met::Yes {
        String::new()
    } else {
        format!(
            "at the last answer {left_at_answer} of {n} were still QUEUED (the burst took \
             {:.1} s to answer), drained at about {:.1}/s: every report of one district takes \
             that district's state-row lock, so they are processed one after another; one \
             GetDistrictSummary once nothing is behind takes {read_ms:.0} ms",
            sent.total.as_secs_f64(),
            left_at_answer as f64 / secs.max(1e-9),
        )
    };
    Ok(Goal {
        figure: E2E.into(),
        system: System::RabbitPostgres.label().into(),
        measured: format!("{secs:.2} s"),
        limit: "—".into(),
        ratio: "—".into(),
        goal: "< 2 s".into(),
        met,
        method: format!(
            "{n} units of one district (roster imported), one SubmitReport task each, all at \
             once, 2 worker instances running; GetDistrictSummary (basic view) polled every \
             50 ms from the last answer until `submitted` = {n}"
        ),
        obstacle,
    })
}

async fn rush(ctx: &Ctx) -> Result<Vec<Goal>, String> {
    let (n, districts) = (ctx.sizes.rush, ctx.sizes.rush_districts);
    let settings = fresh(ctx, System::RabbitPostgres).await?;
    let store = parts(&settings).await?.store;
    let units = roster(&ctx.seeds, "c", n, districts);
    store
        .import_roster(&units)
        .await
        .map_err(|e| e.to_string())?;
    let server = start_server(&settings).await?;
    let workers = start_workers(&settings, 2).await?;
    let start = Instant::now();
    let sent = measure(64, n, submit_op(&server, one_each(&ctx.seeds, &units))).await;
    let waited = wait_drained(STALL, Duration::from_millis(200), || {
        count(&store, SubmissionStatus::Queued)
    })
    .await;
    let total = start.elapsed();
    stop_all(workers).await;
    server.stop().await;
    progress("rush SubmitReport burst", &sent);
    if sent.errors > 0 {
        return Err(format!("{}of {n} SubmitReport", errors(&sent)));
    }
    waited?;
    let processed = count(&store, SubmissionStatus::Processed)
        .await
        .unwrap_or(0);
    let mut times: Vec<i64> = submission::Entity::find()
        .select_only()
        .column(submission::Column::ProcessedAt)
        .order_by_asc(submission::Column::ProcessedAt)
        .into_tuple::<Option<i64>>()
        .all(store.db())
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .flatten()
        .collect();
    times.sort_unstable();
    let tenth = (times.len() / 10).max(1);
    if times.len() < 2 * tenth + 1 {
        return Err("too few processed reports to compare".into());
    }
    // Per-report cost: the time the workers took for a tenth of the
    // reports, divided by that tenth, at the start and at the end.
    let per = |a: usize, b: usize| (times[b] - times[a]) as f64 / (b - a) as f64;
    let first = per(0, tenth);
    let last = per(times.len() - 1 - tenth, times.len() - 1);
    let r = last / first.max(1e-9);
    let flat = r <= 1.25;
    let method = format!(
        "{n} reports of {n} units over {districts} districts (rosters imported) from 64 \
         SubmitReport tasks, 2 worker instances running from the start; cost per report = \
         gap between `processed_at` stamps over the first and the last tenth of completions"
    );
    Ok(vec![
        Goal {
            figure: "city rush: total time, first SubmitReport → all PROCESSED".into(),
            system: System::RabbitPostgres.label().into(),
            measured: format!(
                "{:.1} s ({:.1}/s), {processed} of {n} PROCESSED",
                total.as_secs_f64(),
                n as f64 / total.as_secs_f64()
            ),
            limit: format!(
                "SubmitReport burst answered in {:.1} s",
                sent.total.as_secs_f64()
            ),
            ratio: "—".into(),
            goal: "(shown)".into(),
            met: Met::Shown,
            method: method.clone(),
            obstacle: String::new(),
        },
        Goal {
            figure: RUSH.into(),
            system: System::RabbitPostgres.label().into(),
            measured: format!("{last:.1} ms at the end"),
            limit: format!("{first:.1} ms at the start"),
            ratio: ratio(r),
            goal: "flat (≤ 1.25)".into(),
            met: Met::of(flat),
            method,
            obstacle: if flat {
                String::new()
            } else {
                format!(
                    "{first:.1} → {last:.1} ms per report; the burst was answered after {:.1} s \
                     and the first tenth of completions spanned {:.1} s, so {}",
                    sent.total.as_secs_f64(),
                    (times[tenth] - times[0]) as f64 / 1e3,
                    if last > first {
                        "the cost grows as the districts fill"
                    } else {
                        "the start paid for the burst's submissions on the same cores"
                    }
                )
            },
        },
    ])
}
