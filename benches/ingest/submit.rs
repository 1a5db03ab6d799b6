//! Sections 3 and 4: `SubmitReport` end to end, on RabbitMQ and on the
//! embedded queue, each against its queue's own limit.

use super::*;

/// What a SubmitReport series needs besides the server.
pub(crate) struct Submits<'a> {
    pub(crate) n: usize,
    pub(crate) content: &'a Arc<Vec<u8>>,
    pub(crate) agencies: &'a Arc<Vec<String>>,
    /// The limit's rate at each of `LEVELS`.
    pub(crate) limits: [f64; 2],
    /// Row label for the real server.
    pub(crate) label: &'a str,
}

/// SubmitReport rows at each level against the server, then the refusal
/// at agency lookup; `purge` empties the broker queue before each row.
/// Returns the server's rates.
pub(crate) async fn submit_rows(
    table: &mut Table,
    store: &Store,
    queue: &Arc<dyn Queue>,
    s: &Submits<'_>,
    purge: Option<(&Admin, &Topology)>,
) -> Result<[f64; 2], String> {
    let mut rates = [0.0; 2];
    let server = start_server(store.clone(), queue.clone()).await?;
    let warm = submit_op(&server, s.content, s.agencies);
    for i in 0..WARMUP {
        warm(i)
            .await
            .map_err(|e| format!("warm-up SubmitReport: {e}"))?;
    }
    for (slot, &c) in LEVELS.iter().enumerate() {
        if let Some((admin, topology)) = purge {
            admin.purge(topology).await;
        }
        let stats = measure(c, s.n, submit_op(&server, s.content, s.agencies)).await;
        rates[slot] = stats.rate();
        table.push(
            Row::from_stats(s.label, c, &stats, Some(s.limits[slot])),
            Some(&stats),
        );
    }
    // Everything SubmitReport does before the queue: gRPC with the
    // 12 KB document, validation (decode, SHA-256), agency lookup.
    let unknown = Arc::new(vec![UNKNOWN_AGENCY.to_owned()]);
    let stats = measure(1, s.n, submit_op(&server, s.content, &unknown)).await;
    table.push(
        Row::from_stats(
            "component: SubmitReport refused at agency lookup (no queue, no insert)",
            1,
            &stats,
            None,
        ),
        Some(&stats),
    );
    server.stop().await;
    Ok(rates)
}

/// Section 3: SubmitReport end to end, RabbitMQ queue.
pub(crate) async fn submit_rabbit(
    admin: &mut Admin,
    dir: &Path,
    s: &Submits<'_>,
    fast: usize,
) -> Result<(), String> {
    let mut table = Table::new("3. `SubmitReport` over gRPC, RabbitMQ queue, SQLite store");
    let topology = admin.topology("fazhi.bench.grpc.");
    let store = fresh_store(dir, "grpc-rabbit").await?;
    let queue = fazhi_queue::from_settings(
        &queue_settings(&topology.queue, true),
        &WorkerSettings::default(),
        store.db().clone(),
    );
    let rates = submit_rows(&mut table, &store, &queue, s, Some((admin, &topology))).await;
    drop(queue);
    let rates = rates?;

    // Its other durable step, alone: the submission row SubmitReport writes
    // after the broker's confirm (same store, so same table size).
    let mut insert_rate = 0.0;
    for &c in &LEVELS {
        let (store, content) = (store.clone(), s.content.clone());
        let stats = measure(c, fast, move |i| {
            let (store, content) = (store.clone(), content.clone());
            async move {
                let r = record(&content, "xymj", &format!("direct-{i}"));
                store.record_queued(&r).await.map_err(|e| e.to_string())
            }
        })
        .await;
        if c == 1 {
            insert_rate = stats.rate();
        }
        table.push(
            Row::from_stats(
                "component: Store::record_queued (SQLite insert)",
                c,
                &stats,
                None,
            ),
            Some(&stats),
        );
    }
    table.note("Ratio: against the raw lapin row of the same concurrency (section 1).".into());
    if s.limits[0] > 0.0 && insert_rate > 0.0 {
        let serial = 1.0 / (1.0 / s.limits[0] + 1.0 / insert_rate);
        table.note(format!(
            "At concurrency 1 SubmitReport waits for the broker's confirm and then for the \
             SQLite insert: 1/(1/{:.0} + 1/{:.0}) = {serial:.0}/s is its ceiling before any \
             gRPC or lookup cost; it reaches {:.0}/s ({:.2} of that).",
            s.limits[0],
            insert_rate,
            rates[0],
            rates[0] / serial
        ));
    }
    table.print();
    Ok(())
}

/// Section 4: SubmitReport with the embedded queue, against its own limit.
pub(crate) async fn submit_embedded(
    dir: &Path,
    n: usize,
    fast: usize,
    content: &Arc<Vec<u8>>,
    agencies: &Arc<Vec<String>>,
) -> Result<(), String> {
    let mut table = Table::new("4. Embedded queue (SQLite): raw publish and `SubmitReport`");

    // The limit: EmbeddedQueue::publish alone, on its own fresh file.
    let store = fresh_store(dir, "embedded-raw").await?;
    let queue = fazhi_queue::from_settings(
        &queue_settings("fazhi.bench.embedded", false),
        &WorkerSettings::default(),
        store.db().clone(),
    );
    for i in 0..WARMUP {
        let _ = queue
            .publish(&message(&record(content, "xymj", &format!("w{i}"))))
            .await;
    }
    let mut limits = [0.0; 2];
    for (slot, &c) in LEVELS.iter().enumerate() {
        let (queue, content) = (queue.clone(), content.clone());
        let stats = measure(c, fast, move |i| {
            let (queue, content) = (queue.clone(), content.clone());
            async move {
                let m = message(&record(&content, "xymj", &i.to_string()));
                queue.publish(&m).await.map_err(|e| e.to_string())
            }
        })
        .await;
        limits[slot] = stats.rate();
        table.push(
            Row::from_stats(
                "EmbeddedQueue::publish (limit)",
                c,
                &stats,
                Some(limits[slot]),
            ),
            Some(&stats),
        );
    }
    drop(queue);
    drop(store);

    let store = fresh_store(dir, "embedded-grpc").await?;
    let queue = fazhi_queue::from_settings(
        &queue_settings("fazhi.bench.embedded", false),
        &WorkerSettings::default(),
        store.db().clone(),
    );
    let s = Submits {
        n,
        content,
        agencies,
        limits,
        label: "SubmitReport (gRPC → embedded)",
    };
    submit_rows(&mut table, &store, &queue, &s, None).await?;
    table.note(
        "Ratio: against `EmbeddedQueue::publish` of the same concurrency, measured just before \
         on a fresh SQLite file. SubmitReport commits twice (queue row, then submission row)."
            .into(),
    );
    table.print();
    Ok(())
}
