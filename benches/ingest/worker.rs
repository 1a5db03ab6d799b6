//! Section 5: the worker draining K queued submissions, against the parser.

use super::*;

/// For a sequential series: mean latency of the first and the last tenth,
/// which shows a cost that grows with the data.
pub(crate) fn drift(label: &str, stats: &Stats) -> Option<String> {
    let tenth = stats.latencies.len() / 10;
    if tenth == 0 {
        return None;
    }
    let mean = |d: &[Duration]| {
        d.iter().map(Duration::as_secs_f64).sum::<f64>() / d.len().max(1) as f64 * 1e3
    };
    Some(format!(
        "{label}: mean {:.2} ms over the first {tenth} operations, {:.2} ms over the last {tenth}.",
        mean(&stats.latencies[..tenth]),
        mean(&stats.latencies[stats.latencies.len() - tenth..])
    ))
}

/// Section 5: the worker draining K queued submissions, against the parser.
pub(crate) async fn worker(
    dir: &Path,
    k: usize,
    content: &Arc<Vec<u8>>,
    agencies: &Arc<Vec<String>>,
) -> Result<(), String> {
    let mut table = Table::new("5. Worker throughput (embedded queue, SQLite)");
    let options = fazhi_core::ParseOptions {
        expected_year: Some(YEAR),
        ..fazhi_core::ParseOptions::default()
    };

    // The limit: the pure parse, same document, same options.
    let reps = (4 * k).max(200);
    let parse_once = {
        let content = content.clone();
        move || {
            let parsed = fazhi_core::parse_bytes(std::hint::black_box(&content), &options);
            std::hint::black_box(parsed.map(|(_, p)| p.sections.len()).unwrap_or(0))
        }
    };
    let _ = parse_once();
    let start = Instant::now();
    let mut latencies = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t = Instant::now();
        parse_once();
        latencies.push(t.elapsed());
    }
    let parse = Stats {
        ok: reps,
        total: start.elapsed(),
        latencies,
        ..Stats::default()
    };
    let parse_rate = parse.rate();
    table.push(
        Row::from_stats(
            "fazhi_core::parse_bytes (limit)",
            1,
            &parse,
            Some(parse_rate),
        ),
        None,
    );
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let parse_once = parse_once.clone();
            s.spawn(move || {
                for _ in 0..reps / threads {
                    parse_once();
                }
            });
        }
    });
    let parallel = Stats {
        ok: reps / threads * threads,
        total: start.elapsed(),
        ..Stats::default()
    };
    table.push(
        Row::from_stats(
            "fazhi_core::parse_bytes, one thread per core",
            threads,
            &parallel,
            Some(parse_rate),
        ),
        None,
    );

    // The worker's transaction alone, outcome computed once: a processed
    // report (submission row, parse, district summary rebuilt), then a
    // rejected one (submission row only: no parse stored, no rebuild).
    let processed = fazhi_worker::analyze(&record(content, "xymj", "x"), content, None);
    let rejected = Outcome::Rejected {
        reason: "bench".into(),
    };
    // The sample roster has 5 agencies; a district has dozens. The last
    // row adds 50 synthetic agencies that all report (fewer reports: each
    // rebuild then consolidates up to 50).
    for (file, label, outcome, extra, count) in [
        (
            "complete-processed",
            "component: Store::complete, processed (txn + summary rebuild)",
            processed.clone(),
            0,
            k,
        ),
        (
            "complete-rejected",
            "component: Store::complete, rejected (txn, no rebuild)",
            rejected,
            0,
            k,
        ),
        (
            "complete-roster-50",
            "component: Store::complete, processed, district of 50 reporting agencies",
            processed,
            SYNTHETIC_AGENCIES,
            k.min(SYNTHETIC_REPORTS),
        ),
    ] {
        let store = fresh_store(dir, file).await?;
        let a = if extra == 0 {
            agencies.clone()
        } else {
            let rows: Vec<RosterRow> = (0..extra)
                .map(|i| RosterRow {
                    code: format!("bench-{i:03}"),
                    name: format!("基准测试单位{i:03}"),
                    kind: fazhi_store::AgencyKind::Department,
                    district: DISTRICT.into(),
                })
                .collect();
            store
                .upsert_agencies(&rows)
                .await
                .map_err(|e| e.to_string())?;
            Arc::new(rows.into_iter().map(|r| r.code).collect::<Vec<_>>())
        };
        let outcome = Arc::new(outcome);
        let (s, c) = (store.clone(), content.clone());
        let stats = measure(1, count, move |i| {
            let (s, outcome) = (s.clone(), outcome.clone());
            let r = record(&c, &a[i % a.len()], &format!("c{i}"));
            async move {
                s.complete(&r, &outcome)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        })
        .await;
        if let Some(note) = drift(label, &stats) {
            table.note(note);
        }
        table.push(
            Row::from_stats(label, 1, &stats, Some(parse_rate)),
            Some(&stats),
        );
    }

    // The embedded queue's own consume rate: K messages published (untimed),
    // then claimed and acked one by one with no processing in between.
    {
        let label = "component: EmbeddedQueue claim + ack, no processing (starts K deep)";
        let store = fresh_store(dir, "consume").await?;
        let queue = fazhi_queue::from_settings(
            &queue_settings("fazhi.bench.consume", false),
            &WorkerSettings::default(),
            store.db().clone(),
        );
        for i in 0..k {
            queue
                .publish(&message(&record(content, "xymj", &format!("q{i}"))))
                .await
                .map_err(|e| e.to_string())?;
        }
        let mut deliveries = queue.subscribe().await.map_err(|e| e.to_string())?;
        let mut stats = Stats::default();
        let start = Instant::now();
        for _ in 0..k {
            let t = Instant::now();
            let settled =
                match tokio::time::timeout(Duration::from_secs(10), deliveries.next()).await {
                    Ok(Some(Ok(delivery))) => delivery.ack().await.map_err(|e| e.to_string()),
                    Ok(Some(Err(e))) => Err(e.to_string()),
                    Ok(None) | Err(_) => Err("no delivery within 10 s".to_owned()),
                };
            match settled {
                Ok(()) => {
                    stats.ok += 1;
                    stats.latencies.push(t.elapsed());
                }
                Err(e) => {
                    stats.errors += 1;
                    stats.first_error.get_or_insert(e);
                    break;
                }
            }
        }
        stats.total = start.elapsed();
        if let Some(note) = drift(label, &stats) {
            table.note(note);
        }
        table.push(
            Row::from_stats(label, 1, &stats, Some(parse_rate)),
            Some(&stats),
        );
    }

    for &concurrency in &WORKER_LEVELS {
        let name = format!("worker-{concurrency}");
        let store = fresh_store(dir, &name).await?;
        let settings = queue_settings("fazhi.bench.worker", false);
        let queue =
            fazhi_queue::from_settings(&settings, &WorkerSettings::default(), store.db().clone());
        // Queue K submissions through the real service, with no worker running.
        let server = start_server(store.clone(), queue.clone()).await?;
        let fill = measure(16, k, submit_op(&server, content, agencies)).await;
        server.stop().await;
        if let Some(e) = fill.first_error {
            return Err(format!("queueing for the worker: {e}"));
        }
        let queued = store
            .count_by_status(SubmissionStatus::Queued)
            .await
            .map_err(|e| e.to_string())?;

        // The worker as `fazhi worker` starts it: `Application`, worker role.
        let roles = Roles {
            server: false,
            web: false,
            worker: true,
            metrics: false,
        };
        let worker_settings = WorkerSettings {
            concurrency,
            ..WorkerSettings::default()
        };
        let app_settings = fixture::settings(settings.clone(), worker_settings);
        let start = Instant::now();
        let app = Application::build_with(
            &app_settings,
            roles,
            Parts {
                store: store.clone(),
                queue: queue.clone(),
            },
        )
        .await
        .map_err(|e| format!("{e:#}"))?;
        // Poll the store (a COUNT every 20 ms) until nothing is left queued.
        let mut half = None;
        let finished = loop {
            let left = store
                .count_by_status(SubmissionStatus::Queued)
                .await
                .map_err(|e| e.to_string())?;
            if half.is_none() && left <= queued / 2 {
                half = Some(start.elapsed());
            }
            if left == 0 {
                break true;
            }
            if start.elapsed() > WORKER_LIMIT {
                break false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let total = start.elapsed();
        app.stop().await;
        let processed = store
            .count_by_status(SubmissionStatus::Processed)
            .await
            .map_err(|e| e.to_string())?;
        let ok = usize::try_from(processed).unwrap_or(0);
        let stats = Stats {
            ok,
            errors: usize::try_from(queued).unwrap_or(0).saturating_sub(ok),
            first_error: (!finished).then(|| format!("unfinished after {WORKER_LIMIT:?}")),
            total,
            latencies: Vec::new(),
        };
        if let Some(half) = half.filter(|_| finished && queued >= 2) {
            let h = queued as f64 / 2.0;
            table.note(format!(
                "Worker, concurrency {concurrency}: first half of the queue at {:.1}/s, second half at {:.1}/s.",
                h / half.as_secs_f64(),
                h / (total - half).as_secs_f64().max(1e-9)
            ));
        }
        table.push(
            Row::from_stats(
                "Worker: start → all K PROCESSED",
                concurrency,
                &stats,
                Some(parse_rate),
            ),
            Some(&stats),
        );
    }
    table.note(format!(
        "Ratio: against `parse_bytes` on one thread, same document ({} bytes), same run. \
         K = {k} submissions, agencies of the roster in turn, queued through SubmitReport \
         before the worker starts; the worker rows count reports PROCESSED, timed from \
         the worker's start until a poll finds none QUEUED.",
        content.len()
    ));
    table.print();
    Ok(())
}
