//! SubmitReport never answers OK for a submission the broker did not take.
//! A test-owned TCP proxy stands between the service and RabbitMQ and is cut
//! and restored; the machine's shared broker is never touched.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use futures::StreamExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;
use tokio::task::JoinHandle;
use tonic::Code;

use crate::helpers::*;

/// Each open link: its frozen flag and the task forwarding it.
type Links = Arc<Mutex<Vec<(Arc<AtomicBool>, JoinHandle<()>)>>>;

/// A TCP proxy owned by one test: cut (every link closed, new ones refused),
/// restored, or frozen (every open link stops forwarding without a reset,
/// as a dead NAT entry or a hung peer would; new links work).
pub(crate) struct Proxy {
    pub(crate) addr: SocketAddr,
    open: Arc<AtomicBool>,
    links: Links,
    accept: JoinHandle<()>,
}

/// Copy one direction until either side closes; once `frozen`, stop reading
/// and writing but keep both sockets open.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    frozen: Arc<AtomicBool>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if frozen.load(Ordering::SeqCst) {
            // Silent from now on: the bytes are swallowed, nothing is closed.
            let _keep = (from, to);
            std::future::pending::<()>().await;
            return;
        }
        if to.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
}

impl Proxy {
    pub(crate) async fn start(upstream: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let open = Arc::new(AtomicBool::new(true));
        let links: Links = Arc::default();
        let accept = {
            let (open, links) = (open.clone(), links.clone());
            tokio::spawn(async move {
                while let Ok((client, _)) = listener.accept().await {
                    if !open.load(Ordering::SeqCst) {
                        drop(client); // refused: connection closed at once
                        continue;
                    }
                    let frozen = Arc::new(AtomicBool::new(false));
                    let flag = frozen.clone();
                    let link = tokio::spawn(async move {
                        if let Ok(server) = TcpStream::connect(upstream).await {
                            let (cr, cw) = client.into_split();
                            let (sr, sw) = server.into_split();
                            tokio::join!(pump(cr, sw, flag.clone()), pump(sr, cw, flag));
                        }
                    });
                    links.lock().await.push((frozen, link));
                }
            })
        };
        Proxy {
            addr,
            open,
            links,
            accept,
        }
    }

    /// Drop every open connection and refuse new ones.
    pub(crate) async fn cut(&self) {
        self.open.store(false, Ordering::SeqCst);
        for (_, link) in self.links.lock().await.drain(..) {
            link.abort();
        }
    }

    pub(crate) fn restore(&self) {
        self.open.store(true, Ordering::SeqCst);
    }

    /// Every open connection goes silent (no reset, no close); new ones work.
    pub(crate) async fn freeze(&self) {
        for (frozen, _) in self.links.lock().await.iter() {
            frozen.store(true, Ordering::SeqCst);
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
        if let Ok(mut links) = self.links.try_lock() {
            for (_, link) in links.drain(..) {
                link.abort();
            }
        }
    }
}

#[tokio::test]
async fn broker_outage_gives_unavailable_writes_nothing_and_recovers_without_restart() {
    let Some(mut settings) = settings(Db::Sqlite, Broker::Rabbit).await else {
        return;
    };
    let direct = settings.queue.amqp_url.clone().unwrap();
    let proxy = Proxy::start("127.0.0.1:5672".parse().unwrap()).await;
    settings.queue.amqp_url = Some(format!("amqp://guest:guest@{}/%2f", proxy.addr));
    settings.queue.confirm_timeout = Duration::from_secs(2);
    settings.queue.connect_timeout = Duration::from_secs(1);
    let app = spawn_app(&settings, false).await;

    let a = app
        .submit("jgz", 2022, sample("004_f20b88b3a1d009b5.txt"), Some("a"))
        .await
        .expect("accepted while the broker is up");

    proxy.cut().await;
    let err = app
        .submit("xymj", 2022, sample("002_8688029d397398e8.txt"), Some("b"))
        .await
        .expect_err("must not answer OK without the broker");
    assert_eq!(err.code(), Code::Unavailable);
    assert!(err.message().contains("稍后"), "{}", err.message());
    let (_, total) = app
        .store
        .list_submissions(DISTRICT, 2022, 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 1, "nothing half-written for the refused submission");
    // Health tells the truth: ingest is not serving while the broker is out.
    ingest_health_becomes(
        &app,
        tonic_health::pb::health_check_response::ServingStatus::NotServing,
    )
    .await;

    proxy.restore();
    ingest_health_becomes(
        &app,
        tonic_health::pb::health_check_response::ServingStatus::Serving,
    )
    .await;
    let b = app
        .submit("xymj", 2022, sample("002_8688029d397398e8.txt"), Some("b"))
        .await
        .expect("the same service recovers once the broker is back");
    let (_, total) = app
        .store
        .list_submissions(DISTRICT, 2022, 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 2);

    // Both accepted submissions really are on the broker, once each.
    let mut direct_settings = settings.clone();
    direct_settings.queue.amqp_url = Some(direct);
    let queue = fazhi_queue::from_settings(
        &direct_settings.queue,
        &direct_settings.worker,
        app.store.db().clone(),
    );
    let mut deliveries = queue.subscribe().await.unwrap();
    let mut want = vec![a.submission_id, b.submission_id];
    want.sort();
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while seen.len() < want.len() {
        let d = tokio::time::timeout_at(deadline, deliveries.next())
            .await
            .expect("both submissions delivered in time")
            .expect("stream open")
            .expect("no error");
        seen.push(d.message_id.clone());
        d.ack().await.unwrap();
    }
    // And nothing else: the refused submission never reached the broker.
    if let Ok(Some(Ok(extra))) =
        tokio::time::timeout(Duration::from_secs(2), deliveries.next()).await
    {
        seen.push(extra.message_id.clone());
    }
    seen.sort();
    assert_eq!(seen, want);
    app.stop().await;
}

/// Poll the standard health service for the ingest service's status.
async fn ingest_health_becomes(
    app: &TestApp,
    want: tonic_health::pb::health_check_response::ServingStatus,
) {
    let mut health = tonic_health::pb::health_client::HealthClient::new(app.channel().await);
    eventually(
        &format!("ingest health {want:?}"),
        Duration::from_secs(30),
        || {
            let mut health = health.clone();
            async move {
                health
                    .check(tonic_health::pb::HealthCheckRequest {
                        service: "fazhi.v1.ReportIngestService".into(),
                    })
                    .await
                    .is_ok_and(|r| r.into_inner().status == want as i32)
            }
        },
    )
    .await;
    // Liveness (the empty name) stays serving throughout.
    let live = health
        .check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        live.status,
        tonic_health::pb::health_check_response::ServingStatus::Serving as i32
    );
}
