//! Goal 2, worker throughput: reports/s from queued to PROCESSED with 1
//! and 2 workers, against the raw single-transaction insert rate of the
//! same rows into the same database.

use super::*;

const FIGURE: &str = "worker throughput: queued → PROCESSED";
const GOAL: &str = "≥ 0.5 of the limit";
const DISTRICTS: usize = 10;

/// The rows a processed report adds (text, parse JSON, contribution JSON)
/// and the worker's parse time for it.
pub(crate) struct Rows {
    text: String,
    parsed: String,
    contribution: String,
    pub(crate) outcome: Outcome,
}

pub(crate) fn rows_of(doc: &[u8], agency: &str) -> Result<Rows, String> {
    let r = record(doc, agency, YEAR);
    let outcome = fazhi_worker::analyze(&r, doc, None);
    let Outcome::Processed { text, parsed } = &outcome else {
        return Err("the sample report was rejected by the worker".into());
    };
    let contribution = fazhi_summary::contribution(&fazhi_summary::ReportInput {
        agency: fazhi_summary::Agency {
            code: agency.into(),
            name: agency.into(),
            kind: None,
        },
        submission_id: r.submission_id.clone(),
        submitted_at: "2024-02-20T09:00:00Z".into(),
        on_time: true,
        text,
        parsed,
    });
    Ok(Rows {
        text: text.clone(),
        parsed: serde_json::to_string(parsed).map_err(|e| e.to_string())?,
        contribution: serde_json::to_string(&contribution).map_err(|e| e.to_string())?,
        outcome,
    })
}

/// The limit: the same rows written by one plain insert transaction each,
/// one after the other, into a new table of the same database.
pub(crate) async fn raw_insert(store: &Store, rows: &Rows, n: usize) -> Result<Stats, String> {
    let table = unique("bench_raw_");
    store
        .db()
        .execute_unprepared(&format!(
            "CREATE TABLE {table} (id TEXT PRIMARY KEY, text TEXT NOT NULL, \
             parsed TEXT NOT NULL, contribution TEXT NOT NULL)"
        ))
        .await
        .map_err(|e| e.to_string())?;
    let sql = match store.backend() {
        sea_orm::DbBackend::Postgres => format!("INSERT INTO {table} VALUES ($1, $2, $3, $4)"),
        _ => format!("INSERT INTO {table} VALUES (?, ?, ?, ?)"),
    };
    let (db, backend) = (store.db().clone(), store.backend());
    let values = Arc::new((
        rows.text.clone(),
        rows.parsed.clone(),
        rows.contribution.clone(),
    ));
    let stats = measure(1, n, move |i| {
        let (db, sql, v) = (db.clone(), sql.clone(), values.clone());
        async move {
            let txn = db.begin().await.map_err(|e| e.to_string())?;
            txn.execute_raw(sea_orm::Statement::from_sql_and_values(
                backend,
                sql,
                [
                    format!("r{i}").into(),
                    v.0.clone().into(),
                    v.1.clone().into(),
                    v.2.clone().into(),
                ],
            ))
            .await
            .map_err(|e| e.to_string())?;
            txn.commit().await.map_err(|e| e.to_string())
        }
    })
    .await;
    let _ = store
        .db()
        .execute_unprepared(&format!("DROP TABLE {table}"))
        .await;
    Ok(stats)
}

/// The worker's transaction alone (`Store::complete`, outcome computed
/// beforehand), one at a time, for units of another district.
pub(crate) async fn complete_alone(
    seeds: &[Seed],
    store: &Store,
    outcome: &Outcome,
    n: usize,
) -> Stats {
    let units = roster(seeds, "x", n, 1);
    if store.upsert_agencies(&units).await.is_err() {
        return Stats::default();
    }
    let (store, outcome) = (store.clone(), Arc::new(outcome.clone()));
    let units = Arc::new(units);
    measure(1, n, move |i| {
        let (store, outcome, units) = (store.clone(), outcome.clone(), units.clone());
        async move {
            let mut r = record(b"x", &units[i].code, YEAR);
            r.district = units[i].district.clone();
            store
                .complete(&r, &outcome)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
    })
    .await
}

/// Fill the queue through SubmitReport with no worker running, then start
/// `workers` and time them until none is left QUEUED. Reports/s, or why not.
async fn drain(
    ctx: &Ctx,
    settings: &Settings,
    store: &Store,
    workers: usize,
    k: usize,
) -> Result<(f64, Duration, Option<f64>), String> {
    let units = roster(&ctx.seeds, "w", k, DISTRICTS);
    store
        .upsert_agencies(&units)
        .await
        .map_err(|e| e.to_string())?;
    let jobs = one_each(&ctx.seeds, &units);
    let server = start_server(settings).await?;
    let fill = measure(16, k, submit_op(&server, jobs)).await;
    server.stop().await;
    if let Some(e) = fill.first_error {
        return Err(format!("queueing for the worker: {e}"));
    }
    let cpu = cpu_times();
    let start = Instant::now();
    let apps = start_workers(settings, workers).await?;
    let waited = wait_drained(STALL, Duration::from_millis(20), || {
        count(store, SubmissionStatus::Queued)
    })
    .await;
    let total = start.elapsed();
    let busy = busy_between(cpu, cpu_times());
    stop_all(apps).await;
    waited?;
    let processed = count(store, SubmissionStatus::Processed).await.unwrap_or(0);
    Ok((processed as f64 / total.as_secs_f64(), total, busy))
}

pub(crate) async fn run(ctx: &Ctx, goals: &mut Vec<Goal>) {
    for system in [System::RabbitPostgres, System::Embedded] {
        if system == System::RabbitPostgres
            && let Err(e) = ctx.need_rabbit_pg()
        {
            goals.push(Goal::not_run(FIGURE, system.label(), GOAL, &e));
            continue;
        }
        let mut rates = Vec::new();
        for workers in [1, 2] {
            let figure = format!(
                "{FIGURE}, {workers} worker{}",
                if workers > 1 { "s" } else { "" }
            );
            match one(ctx, system, workers).await {
                Ok((goal, rate, busy)) => {
                    rates.push((rate, busy));
                    if system == System::RabbitPostgres && workers == 2 {
                        *lock(&ctx.worker_rate) = Some(rate);
                    }
                    goals.push(Goal { figure, ..goal });
                }
                Err(e) => goals.push(Goal::not_run(&figure, system.label(), GOAL, &e)),
            }
        }
        if let [(one, busy_one), (two, busy_two)] = rates[..] {
            let busy = |b: Option<f64>| {
                b.map(|b| format!(", {}", busy_share(b)))
                    .unwrap_or_default()
            };
            goals.push(Goal {
                figure: "worker throughput: 2 workers against 1".into(),
                system: system.label().into(),
                measured: format!("{two:.1}/s with 2"),
                limit: format!("{one:.1}/s with 1"),
                ratio: ratio(two / one),
                goal: "> 1 (two workers faster than one)".into(),
                met: Met::of(two > one * 1.05),
                method: "the two rows above (each on a fresh database)".into(),
                obstacle: if two > one * 1.05 {
                    String::new()
                } else {
                    match system {
                        System::Embedded => format!(
                            "{one:.1}/s{} → {two:.1}/s{}: SQLite has one writer, so the two \
                             workers' transactions (each most of a report's time, rows above) \
                             wait for each other's commit",
                            busy(busy_one),
                            busy(busy_two),
                        ),
                        System::RabbitPostgres => format!(
                            "{one:.1}/s{} → {two:.1}/s{} on 2 cores shared with PostgreSQL and \
                             RabbitMQ; rows above give where a report's time goes",
                            busy(busy_one),
                            busy(busy_two),
                        ),
                    }
                },
            });
        }
    }
}

async fn one(
    ctx: &Ctx,
    system: System,
    workers: usize,
) -> Result<(Goal, f64, Option<f64>), String> {
    let k = ctx.sizes.worker;
    let settings = fresh(ctx, system).await?;
    let store = parts(&settings).await?.store;
    let (rate, total, busy) = drain(ctx, &settings, &store, workers, k).await?;
    let drained = Stats {
        ok: k,
        total,
        cpu_busy: busy,
        ..Stats::default()
    };
    progress(
        &format!("worker x{workers} on {}", system.label()),
        &drained,
    );
    let doc = report(&ctx.seeds, 0, 0, YEAR, 0);
    let rows = rows_of(&doc, "w00000")?;
    let raw = raw_insert(&store, &rows, k.min(300)).await?;
    progress("raw insert transaction", &raw);
    let parse = {
        let t = Instant::now();
        let reps = 20;
        for _ in 0..reps {
            std::hint::black_box(rows_of(&doc, "w00000")?);
        }
        t.elapsed().as_secs_f64() * 1e3 / f64::from(reps)
    };
    let txn = complete_alone(&ctx.seeds, &store, &rows.outcome, k.min(50)).await;
    let r = rate / raw.rate();
    let met = Met::of(r >= 0.5);
    let obstacle = if met == Met::Yes {
        String::new()
    } else {
        format!(
            "{:.1} ms per report with {workers} worker{} vs {:.1} ms per raw insert \
             transaction; alone, one at a time: `Store::complete` with the parse done \
             beforehand (parse JSON, contribution and checks, then the transaction) {:.1} ms, \
             extract + parse + contribution {parse:.1} ms; \
             the rest is the queue (delivery, ack) and the summary render after commit; while \
             draining{}, during the raw inserts{}",
            1e3 / rate.max(1e-9),
            if workers == 1 { "" } else { "s" },
            mean_ms(&raw.latencies),
            mean_ms(&txn.latencies),
            busy_note(&drained),
            busy_note(&raw),
        )
    };
    Ok((
        Goal {
            figure: String::new(),
            system: system.label().into(),
            measured: format!("{rate:.1}/s"),
            limit: format!("{:.0}/s raw insert transactions", raw.rate()),
            ratio: ratio(r),
            goal: GOAL.into(),
            met,
            method: format!(
                "{k} reports ({k} units over {DISTRICTS} districts) queued through SubmitReport \
                 with no worker, then {workers} worker instance{} (`Application::build_with`, \
                 worker role, own pool and queue connection each), timed until none is QUEUED; \
                 limit: {} inserts of the same text + parse + contribution rows, one \
                 transaction each, same database",
                if workers == 1 { "" } else { "s" },
                k.min(300)
            ),
            obstacle,
        },
        rate,
        busy,
    ))
}
