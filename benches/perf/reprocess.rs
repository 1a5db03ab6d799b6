//! Goal 5, re-processing: N synthetic stored reports (the samples with
//! varied units, years and numbers, many districts), written fast, then the
//! real `fazhi reprocess` command run to completion with 2 workers.
//!
//! Stored reports are made the real way for one template district
//! (`Store::put_document` + `Store::complete` with the worker's own
//! analysis), then copied district by district in SQL (every column of the
//! roster, submission and parse rows, codes and ids suffixed), and marked
//! as an older parser's (`parser_version = 0`), as an upgrade finds them.

use super::*;

const FIGURE: &str = "re-processing: `fazhi reprocess`, 2 workers";
const YEARS: [i32; 3] = [2021, 2022, 2023];
/// Tables copied per district; codes, ids and district names suffixed.
const TABLES: [&str; 4] = [
    "agencies",
    "roster_entries",
    "submissions",
    "parsed_reports",
];
const SUFFIXED: [&str; 5] = ["code", "agency_code", "district", "id", "submission_id"];
const TARGET: u64 = 300_000;

fn sql_err(e: sea_orm::DbErr) -> String {
    e.to_string()
}

/// The template district: `units` × 3 years stored as the worker stores them.
async fn template(ctx: &Ctx, store: &Store, units: usize) -> Result<String, String> {
    let roster = roster(&ctx.seeds, "r", units, 1);
    let district = roster[0].district.clone();
    store
        .upsert_agencies(&roster)
        .await
        .map_err(|e| e.to_string())?;
    for (i, unit) in roster.iter().enumerate() {
        for (y, &year) in YEARS.iter().enumerate() {
            let doc = report(&ctx.seeds, i, i * YEARS.len() + y, year, 0);
            let mut r = record(&doc, &unit.code, year);
            r.district = district.clone();
            store
                .put_document(&r.content_sha256, &doc)
                .await
                .map_err(|e| e.to_string())?;
            let outcome = fazhi_worker::analyze(&r, &doc, None);
            store
                .complete(&r, &outcome)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(district)
}

/// Copies 1..copies of the template district, `BATCH` copies a statement
/// (well within the pool's statement timeout), marked an older parser's.
async fn copy(store: &Store, district: &str, copies: usize) -> Result<(), String> {
    const BATCH: usize = 5;
    let db = store.db();
    db.execute_unprepared("UPDATE parsed_reports SET parser_version = 0")
        .await
        .map_err(sql_err)?;
    for table in TABLES {
        let columns: Vec<String> = db
            .query_all_raw(sea_orm::Statement::from_sql_and_values(
                sea_orm::DbBackend::Postgres,
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_name = $1 ORDER BY ordinal_position",
                [table.into()],
            ))
            .await
            .map_err(sql_err)?
            .iter()
            .filter_map(|row| row.try_get_by_index::<String>(0).ok())
            .collect();
        let list = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let exprs = columns
            .iter()
            .map(|c| {
                if SUFFIXED.contains(&c.as_str()) {
                    format!("\"{c}\" || '-' || g::text")
                } else {
                    format!("\"{c}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let mut from = 1;
        while from < copies {
            let to = (from + BATCH - 1).min(copies - 1);
            db.execute_raw(sea_orm::Statement::from_sql_and_values(
                sea_orm::DbBackend::Postgres,
                format!(
                    "INSERT INTO {table} ({list}) SELECT {exprs} FROM {table} \
                     CROSS JOIN generate_series($1::int, $2::int) AS g WHERE district = $3"
                ),
                [
                    i32::try_from(from).unwrap_or(i32::MAX).into(),
                    i32::try_from(to).unwrap_or(i32::MAX).into(),
                    district.into(),
                ],
            ))
            .await
            .map_err(|e| format!("copy {table}: {e}"))?;
            from = to + 1;
        }
    }
    db.execute_unprepared("ANALYZE").await.map_err(sql_err)?;
    Ok(())
}

/// `fazhi reprocess` (the binary this bench was built with) against the
/// settings' database and queue, to its exit; killed when the re-read count
/// has not moved for [`STALL`]. Its output, or why not.
async fn command(settings: &Settings, store: &Store, window: u64) -> Result<String, String> {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_fazhi"));
    cmd.args(["reprocess", "--window", &window.to_string()])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FAZHI_DATABASE__URL", &settings.database.url)
        .env("FAZHI_QUEUE__NAME", &settings.queue.name)
        .env("FAZHI_LOG__FILTER", "warn")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true);
    if let Some(url) = &settings.queue.amqp_url {
        cmd.env("FAZHI_QUEUE__AMQP_URL", url);
    }
    let mut child = cmd.spawn().map_err(|e| format!("start fazhi: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let output = tokio::spawn(async move {
        let mut s = String::new();
        let _ = tokio::io::AsyncReadExt::read_to_string(&mut stdout, &mut s).await;
        s
    });
    let mut last = (-1, Instant::now());
    let status = loop {
        tokio::select! {
            status = child.wait() => break status.map_err(|e| e.to_string())?,
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
        let stamped = scalar(store, STAMPED).await.unwrap_or(last.0);
        if stamped != last.0 {
            last = (stamped, Instant::now());
        } else if last.1.elapsed() > STALL {
            let _ = child.kill().await;
            return Err(format!(
                "`fazhi reprocess` made no progress for {STALL:?} ({stamped} re-read): killed"
            ));
        }
    };
    let stdout = output.await.unwrap_or_default();
    if !status.success() {
        return Err(format!("`fazhi reprocess` failed ({status}): {stdout}"));
    }
    Ok(stdout)
}

/// The command's count of what is left (`Store::reprocess_remaining`'s filter).
const LEFT: &str = "SELECT count(*) FROM parsed_reports \
                    WHERE generation < 1000000 AND parser_version < 1000000";
const STAMPED: &str = "SELECT count(*) FROM parsed_reports WHERE generation > 0";

async fn scalar(store: &Store, sql: &str) -> Result<i64, String> {
    store
        .db()
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            sql.to_owned(),
        ))
        .await
        .map_err(sql_err)?
        .ok_or("no row")?
        .try_get_by_index::<i64>(0)
        .map_err(sql_err)
}

pub(crate) async fn run(ctx: &Ctx, goals: &mut Vec<Goal>) {
    match one(ctx).await {
        Ok(g) => goals.extend(g),
        Err(e) => goals.push(Goal::not_run(
            FIGURE,
            System::RabbitPostgres.label(),
            "minutes for 300 000",
            &e,
        )),
    }
}

async fn one(ctx: &Ctx) -> Result<Vec<Goal>, String> {
    ctx.need_rabbit_pg()?;
    let n = ctx.reprocess_n();
    *lock(&ctx.reprocess_ran) = Some(n);
    let units = ctx.sizes.reprocess_units;
    let per_district = units * YEARS.len();
    let copies = n.div_ceil(per_district).max(1);
    let settings = fresh(ctx, System::RabbitPostgres).await?;
    let store = parts(&settings).await?.store;
    let t = Instant::now();
    let district = template(ctx, &store, units).await?;
    let template_time = t.elapsed();
    let t = Instant::now();
    copy(&store, &district, copies).await?;
    let copy_time = t.elapsed();
    let stored = scalar(&store, "SELECT count(*) FROM parsed_reports").await?;
    eprintln!(
        "  reprocess: {stored} stored reports over {copies} districts (template {:.1} s, copies {:.1} s)",
        template_time.as_secs_f64(),
        copy_time.as_secs_f64()
    );
    let window = ctx.sizes.reprocess_window;
    let workers = start_workers(&settings, 2).await?;
    let t = Instant::now();
    let result = command(&settings, &store, window).await;
    let took = t.elapsed();
    stop_all(workers).await;
    let stdout = result?;
    let stamped = scalar(&store, STAMPED).await?;
    if stamped != stored {
        return Err(format!(
            "{stamped} of {stored} re-read after the command ended: {stdout}"
        ));
    }
    // What the command's loop pays per round besides the workers: the
    // count of what is left, over every parse.
    let mut count_ms = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        scalar(&store, LEFT).await?;
        count_ms = count_ms.min(t.elapsed().as_secs_f64() * 1e3);
    }
    let rate = stored as f64 / took.as_secs_f64();
    let projected = TARGET as f64 / rate;
    let ceiling = window as f64 / (0.1 + count_ms / 1e3);
    let met = Met::of(projected < 3600.0);
    let obstacle = if met == Met::Yes {
        String::new()
    } else {
        format!(
            "the command keeps at most {window} re-reads queued and waits 100 ms plus a count of \
             what is left ({count_ms:.0} ms at {stored}) each round: at most about {ceiling:.0}/s \
             whatever the workers do; measured {rate:.0}/s, so {}",
            if rate > 0.8 * ceiling {
                "that loop is the bound: a larger `--window` or a cheaper count would lift it"
            } else {
                "the workers are the bound: each re-read is a parse, a transaction and a render \
                 of its district's summary after commit (see worker throughput)"
            }
        )
    };
    Ok(vec![
        Goal {
            figure: "re-processing: synthetic stored reports written".into(),
            system: System::RabbitPostgres.label().into(),
            measured: format!(
                "{stored} in {:.1} s",
                (template_time + copy_time).as_secs_f64()
            ),
            limit: "—".into(),
            ratio: "—".into(),
            goal: "(setup)".into(),
            met: Met::Shown,
            method: format!(
                "{units} units × {} years stored through `Store::complete` ({:.1} s), copied to \
                 {copies} districts in SQL ({:.1} s), marked parser version 0",
                YEARS.len(),
                template_time.as_secs_f64(),
                copy_time.as_secs_f64()
            ),
            obstacle: String::new(),
        },
        Goal {
            figure: format!("{FIGURE}: rate, and projected time for 300 000"),
            system: System::RabbitPostgres.label().into(),
            measured: if stored as u64 >= TARGET {
                format!(
                    "{rate:.0}/s: {stored} in {:.1} min (measured)",
                    took.as_secs_f64() / 60.0
                )
            } else {
                format!(
                    "{rate:.0}/s ({stored} in {:.1} s); 300 000 in {:.1} min (projected)",
                    took.as_secs_f64(),
                    projected / 60.0
                )
            },
            limit: "—".into(),
            ratio: "—".into(),
            goal: "minutes, not hours, for 300 000".into(),
            met,
            method: format!(
                "`fazhi reprocess --window {window}` (the binary, a child process) from start \
                 to exit, 2 worker instances; N = {stored} over \
                 {copies} districts (N: the issue's 300 000 unless FAZHI_BENCH_REPROCESS_N \
                 says otherwise; `auto`: about 3 minutes at the 2-worker rate measured above); \
                 afterwards every parse is stamped by the job; a projection (N below 300 000) \
                 is linear in N"
            ),
            obstacle,
        },
    ])
}
