//! Goal 1, ingest: `SubmitReport` against the raw publish-with-confirm of
//! the same message to the same queue type (RabbitMQ), and against a raw
//! SQLite insert + commit of the same bytes (embedded queue).

use super::*;

const FIGURE: &str = "ingest: SubmitReport rate";
const GOAL: &str = "≥ 0.8 of the limit";
const SIZES: [(usize, &str); 2] = [(10_000, "10 KB"), (200_000, "200 KB")];
const RABBIT_LEVELS: [usize; 3] = [1, 16, 64];
const EMBEDDED_LEVELS: [usize; 2] = [1, 16];
const UNITS: usize = 64;

fn jobs(ctx: &Ctx, size: usize) -> Arc<Vec<Submit>> {
    Arc::new(
        roster(&ctx.seeds, "i", UNITS, 1)
            .into_iter()
            .enumerate()
            .map(|(i, r)| Submit {
                agency: r.code,
                year: YEAR,
                doc: Arc::new(report(&ctx.seeds, i, i, YEAR, size)),
            })
            .collect(),
    )
}

/// Mean ms per operation of a series run one at a time.
fn per_op_ms(stats: &Stats) -> f64 {
    mean_ms(&stats.latencies)
}

pub(crate) async fn run(ctx: &Ctx, goals: &mut Vec<Goal>) {
    match rabbit(ctx, goals).await {
        Ok(()) => {}
        Err(e) => goals.push(Goal::not_run(
            FIGURE,
            System::RabbitPostgres.label(),
            GOAL,
            &e,
        )),
    }
    if let Err(e) = embedded(ctx, goals).await {
        goals.push(Goal::not_run(FIGURE, System::Embedded.label(), GOAL, &e));
    }
}

/// What SubmitReport does besides the queue, one at a time: the request up
/// to the agency lookup (refused there), and the two rows it writes.
async fn components(
    server: &Server,
    store: &Store,
    jobs: &Arc<Vec<Submit>>,
    n: usize,
) -> (f64, f64) {
    let refused = Arc::new(vec![Submit {
        agency: UNKNOWN_AGENCY.into(),
        year: YEAR,
        doc: jobs[0].doc.clone(),
    }]);
    let lookup = measure(1, n, submit_op(server, refused)).await;
    let (store, doc) = (store.clone(), jobs[0].doc.clone());
    let rows = measure(1, n, move |i| {
        let (store, doc) = (store.clone(), doc.clone());
        async move {
            let mut bytes = doc.as_ref().clone();
            // A distinct file each time, as a new report would be.
            bytes.extend_from_slice(format!("\n{i}").as_bytes());
            let r = record(&bytes, "i00000", YEAR);
            store
                .put_document(&r.content_sha256, &bytes)
                .await
                .map_err(|e| e.to_string())?;
            store.record_queued(&r).await.map_err(|e| e.to_string())
        }
    })
    .await;
    progress("component: refused at agency lookup", &lookup);
    progress("component: document + submission rows", &rows);
    (per_op_ms(&lookup), per_op_ms(&rows))
}

async fn rabbit(ctx: &Ctx, goals: &mut Vec<Goal>) -> Result<(), String> {
    ctx.need_rabbit_pg()?;
    let n = ctx.sizes.ingest;
    let settings = fresh(ctx, System::RabbitPostgres).await?;
    let server = start_server(&settings).await?;
    let store = parts(&settings).await?.store;
    store
        .upsert_agencies(&roster(&ctx.seeds, "i", UNITS, 1))
        .await
        .map_err(|e| e.to_string())?;
    let result = async {
        for (size, size_label) in SIZES {
            let jobs = jobs(ctx, size);
            let topology = Topology::new(&unique("fazhi.bench.raw."));
            lock(&ctx.created_topologies).push(topology.clone());
            let (connection, channel) = raw_channel(&topology).await?;
            // The message SubmitReport publishes: the record, the file kept apart.
            let sample = Arc::new(message(&record(&jobs[0].doc, &jobs[0].agency, YEAR)));
            let op = submit_op(&server, jobs.clone());
            for i in 0..WARMUP {
                op(i).await.map_err(|e| format!("warm-up: {e}"))?;
                raw_publish(&channel, &topology.exchange, &sample).await?;
            }
            let (lookup_ms, rows_ms) = components(&server, &store, &jobs, n.min(200)).await;
            for c in RABBIT_LEVELS {
                let (ch, ex, m) = (
                    channel.clone(),
                    Arc::new(topology.exchange.clone()),
                    sample.clone(),
                );
                let raw = measure(c, 2 * n, move |_| {
                    let (ch, ex, m) = (ch.clone(), ex.clone(), m.clone());
                    async move { raw_publish(&ch, &ex, &m).await }
                })
                .await;
                progress(&format!("raw publish+confirm {size_label} c={c}"), &raw);
                let sub = measure(c, n, submit_op(&server, jobs.clone())).await;
                progress(&format!("SubmitReport {size_label} c={c}"), &sub);
                goals.push(row(
                    System::RabbitPostgres,
                    size_label,
                    c,
                    (&sub, &raw, "raw lapin publish+confirm"),
                    format!(
                        "per SubmitReport {:.2} ms mean latency vs {:.2} ms per raw confirm at \
                         c={c}; alone, one at a time: gRPC + SHA-256 + agency lookup (refused \
                         there) {lookup_ms:.2} ms, the document row + submission row (PostgreSQL \
                         over TLS) {rows_ms:.2} ms",
                        per_op_ms(&sub),
                        per_op_ms(&raw),
                    ),
                    format!(
                        "{n} SubmitReport, {c} at a time (fresh key each, {UNITS} units) vs {} \
                         raw publishes of the same message ({} bytes, the file kept apart) on one \
                         confirm channel, quorum queue by `fazhi_queue::amqp::declare`, \
                         interleaved per level",
                        2 * n,
                        sample.payload.len()
                    ),
                ));
            }
            let _ = connection.close(200, "bench done".into()).await;
        }
        Ok::<_, String>(())
    }
    .await;
    server.stop().await;
    result
}

/// One row: SubmitReport's series `sub` against its limit's series `raw`
/// (named `limit`); `detail` says where the time goes when it is not met.
fn row(
    system: System,
    size_label: &str,
    c: usize,
    (sub, raw, limit): (&Stats, &Stats, &str),
    detail: String,
    method: String,
) -> Goal {
    let r = sub.rate() / raw.rate();
    let met = Met::of(sub.errors == 0 && r >= 0.8);
    let obstacle = if met == Met::Yes {
        String::new()
    } else {
        format!(
            "{}{detail}; during the series{}, during the raw one{}",
            errors(sub),
            busy_note(sub),
            busy_note(raw),
        )
    };
    Goal {
        figure: format!(
            "{FIGURE}, {size_label}, {c} client{}",
            if c == 1 { "" } else { "s" }
        ),
        system: system.label().into(),
        measured: format!("{:.0}/s", sub.rate()),
        limit: format!("{:.0}/s {limit}", raw.rate()),
        ratio: ratio(r),
        goal: GOAL.into(),
        met,
        method,
        obstacle,
    }
}

pub(crate) fn errors(stats: &Stats) -> String {
    match &stats.first_error {
        Some(e) => format!("{} errors (first: {e}); ", stats.errors),
        None => String::new(),
    }
}

/// The embedded queue's limit: the same bytes (file + message) inserted
/// and committed once per operation, on a fresh file with the store's pragmas.
async fn raw_sqlite(ctx: &Ctx, bytes: Arc<Vec<u8>>, c: usize, n: usize) -> Result<Stats, String> {
    let path = ctx.dir.join(unique("raw-"));
    let store = Store::connect(&format!("sqlite://{}?mode=rwc", path.display()), 5)
        .await
        .map_err(|e| e.to_string())?;
    store
        .db()
        .execute_unprepared("CREATE TABLE bench_raw (id TEXT PRIMARY KEY, body BLOB NOT NULL)")
        .await
        .map_err(|e| e.to_string())?;
    let db = store.db().clone();
    Ok(measure(c, n, move |i| {
        let (db, bytes) = (db.clone(), bytes.clone());
        async move {
            let txn = db.begin().await.map_err(|e| e.to_string())?;
            txn.execute_raw(sea_orm::Statement::from_sql_and_values(
                sea_orm::DbBackend::Sqlite,
                "INSERT INTO bench_raw VALUES (?, ?)",
                [format!("r{i}").into(), bytes.as_ref().clone().into()],
            ))
            .await
            .map_err(|e| e.to_string())?;
            txn.commit().await.map_err(|e| e.to_string())
        }
    })
    .await)
}

async fn embedded(ctx: &Ctx, goals: &mut Vec<Goal>) -> Result<(), String> {
    let n = ctx.sizes.ingest;
    let settings = fresh(ctx, System::Embedded).await?;
    let server = start_server(&settings).await?;
    let store = parts(&settings).await?.store;
    store
        .upsert_agencies(&roster(&ctx.seeds, "i", UNITS, 1))
        .await
        .map_err(|e| e.to_string())?;
    let result = async {
        for (size, size_label) in SIZES {
            let jobs = jobs(ctx, size);
            let op = submit_op(&server, jobs.clone());
            for i in 0..WARMUP {
                op(i).await.map_err(|e| format!("warm-up: {e}"))?;
            }
            let (lookup_ms, rows_ms) = components(&server, &store, &jobs, n.min(200)).await;
            let mut bytes = jobs[0].doc.as_ref().clone();
            bytes.extend(message(&record(&jobs[0].doc, &jobs[0].agency, YEAR)).payload);
            let bytes = Arc::new(bytes);
            for c in EMBEDDED_LEVELS {
                let raw = raw_sqlite(ctx, bytes.clone(), c, 2 * n).await?;
                progress(
                    &format!("raw SQLite insert+commit {size_label} c={c}"),
                    &raw,
                );
                let sub = measure(c, n, submit_op(&server, jobs.clone())).await;
                progress(&format!("SubmitReport embedded {size_label} c={c}"), &sub);
                goals.push(row(
                    System::Embedded,
                    size_label,
                    c,
                    (&sub, &raw, "raw SQLite insert+commit"),
                    format!(
                        "per SubmitReport {:.2} ms vs {:.2} ms per raw commit at c={c}; alone, \
                         one at a time: gRPC + SHA-256 + lookup {lookup_ms:.2} ms, document + \
                         submission rows {rows_ms:.2} ms (`put_document` + `record_queued`)",
                        per_op_ms(&sub),
                        per_op_ms(&raw),
                    ),
                    format!(
                        "{n} SubmitReport, {c} at a time, vs {} single-row insert+commit of the \
                         same bytes (file + message, {} bytes) on a fresh file opened by \
                         `Store::connect` (same pragmas)",
                        2 * n,
                        bytes.len()
                    ),
                ));
            }
        }
        Ok::<_, String>(())
    }
    .await;
    server.stop().await;
    result
}
