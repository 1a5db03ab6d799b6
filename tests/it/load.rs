//! Many clients at once for a bounded time: nothing but intended
//! back-pressure, and every accepted report processed. (Speed and memory are
//! measured in the benches, not here.)

use std::time::{Duration, Instant};

use fazhi_proto::v1 as pb;
use tonic::Code;

use crate::helpers::*;

#[tokio::test]
async fn a_burst_of_clients_gets_queued_or_asked_to_come_back_and_nothing_is_lost() {
    let Some(mut settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    settings.queue.max_backlog = 40;
    let app = spawn_app(&settings, true).await;
    let base = String::from_utf8(sample("002_8688029d397398e8.txt")).unwrap();
    let until = Instant::now() + Duration::from_secs(4);
    let mut clients = Vec::new();
    for c in 0..8 {
        let mut ingest = app.ingest().await;
        let base = base.clone();
        clients.push(tokio::spawn(async move {
            let (mut accepted, mut pushed_back, mut other) = (Vec::new(), 0usize, Vec::new());
            let mut i = 0;
            while Instant::now() < until {
                let content = format!("{base}\n附：客户端{c}第{i}稿。").into_bytes();
                match submit_to(
                    &mut ingest,
                    "xymj",
                    2022,
                    content,
                    Some(&format!("load-{c}-{i}")),
                )
                .await
                {
                    Ok(r) => accepted.push(r.submission_id),
                    Err(e) if e.code() == Code::ResourceExhausted => {
                        pushed_back += 1;
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    Err(e) => other.push(format!("{:?}: {}", e.code(), e.message())),
                }
                i += 1;
            }
            (accepted, pushed_back, other)
        }));
    }
    let mut accepted = Vec::new();
    let mut pushed_back = 0;
    for c in clients {
        let (a, p, other) = c.await.unwrap();
        assert!(
            other.is_empty(),
            "errors other than back-pressure: {other:?}"
        );
        accepted.extend(a);
        pushed_back += p;
    }
    eprintln!(
        "load: {} accepted, {pushed_back} asked to come back",
        accepted.len()
    );
    assert!(!accepted.is_empty());
    for id in &accepted {
        let s = app.wait_done(id).await;
        assert_eq!(s.status, pb::SubmissionStatus::Processed as i32, "{s:?}");
    }
    app.stop().await;
}
