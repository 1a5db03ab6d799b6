//! TLS: gRPC over rustls with a certificate made here, the PostgreSQL
//! connection with `sslmode=require` (the shared server has ssl on), and
//! amqps through a test-owned TLS front for the shared broker.

use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_client::DistrictSummaryServiceClient;
use tonic::transport::{Certificate, Channel, ClientTlsConfig};

use crate::helpers::*;

#[tokio::test]
async fn grpc_over_tls_serves_a_client_that_trusts_the_certificate_only() {
    let Some(mut settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let dir = scratch_dir();
    let (cert_path, key_path) = (dir.join("server.pem"), dir.join("server.key"));
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).unwrap();
    settings.grpc.tls = Some(fazhi_config::TlsSettings {
        cert_path,
        key_path,
    });
    let app = spawn_app(&settings, false).await;
    let port = app.url.rsplit(':').next().unwrap().to_owned();
    let url = format!("https://localhost:{port}");

    let trusted = Channel::from_shared(url.clone())
        .unwrap()
        .tls_config(
            ClientTlsConfig::new()
                .ca_certificate(Certificate::from_pem(cert.cert.pem()))
                .domain_name("localhost"),
        )
        .unwrap()
        .connect()
        .await
        .expect("a client that trusts the certificate connects");
    let mut client = DistrictSummaryServiceClient::new(authed(trusted, Some(&app.token)));
    let summary = client
        .get_district_summary(pb::GetDistrictSummaryRequest {
            district: DISTRICT.into(),
            year: 2022,
            ..Default::default()
        })
        .await
        .expect("a call over TLS");
    assert!(summary.into_inner().summary.is_some());

    // Without the certificate in its trust store, the handshake fails.
    let untrusting = Channel::from_shared(url)
        .unwrap()
        .tls_config(ClientTlsConfig::new().domain_name("localhost"))
        .unwrap()
        .connect()
        .await;
    assert!(
        untrusting.is_err(),
        "an unknown certificate must not be accepted"
    );
    // And plaintext to a TLS port gets nothing done.
    let plain = Channel::from_shared(format!("http://127.0.0.1:{port}"))
        .unwrap()
        .connect()
        .await;
    if let Ok(channel) = plain {
        let mut client = DistrictSummaryServiceClient::new(authed(channel, Some(&app.token)));
        assert!(
            client
                .get_district_summary(pb::GetDistrictSummaryRequest {
                    district: DISTRICT.into(),
                    year: 2022,
                    ..Default::default()
                })
                .await
                .is_err()
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn the_database_connection_can_require_tls() {
    let Some(settings) = settings(Db::Postgres, Broker::Embedded).await else {
        return;
    };
    let url = format!("{}?sslmode=require", settings.database.url);
    let store = fazhi_store::Store::connect(&url, 1)
        .await
        .expect("PostgreSQL with sslmode=require (the server has ssl on)");
    use sea_orm::ConnectionTrait;
    let row = store
        .db()
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT ssl::text AS ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
        ))
        .await
        .unwrap()
        .unwrap();
    let ssl: String = row.try_get("", "ssl").unwrap();
    assert_eq!(ssl, "true", "the connection really is encrypted");
    store.db().clone().close().await.ok();
    drop_test_database(&settings).await;
}

/// A TLS front for the shared broker, owned by the test: it terminates TLS
/// with a certificate made here and forwards to RabbitMQ's plain port (the
/// machine's broker itself is never reconfigured).
async fn tls_front_for_rabbitmq(
    cert: &rcgen::CertifiedKey<rcgen::KeyPair>,
) -> std::net::SocketAddr {
    use tokio_rustls::rustls;
    let key = rustls::pki_types::PrivateKeyDer::try_from(cert.signing_key.serialize_der()).unwrap();
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![cert.cert.der().clone()], key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                let Ok(mut upstream) = tokio::net::TcpStream::connect("127.0.0.1:5672").await
                else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut upstream).await;
            });
        }
    });
    addr
}

#[tokio::test]
async fn the_broker_connection_speaks_tls_and_trusts_only_the_configured_ca() {
    use fazhi_queue::OutgoingMessage;
    use futures::StreamExt;
    let Some(mut settings) = settings(Db::Sqlite, Broker::Rabbit).await else {
        return;
    };
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let front = tls_front_for_rabbitmq(&cert).await;
    let ca = scratch_dir().join("ca.pem");
    std::fs::write(&ca, cert.cert.pem()).unwrap();
    settings.queue.amqp_url = Some(format!(
        "amqps://guest:guest@localhost:{}/%2f",
        front.port()
    ));
    settings.queue.connect_timeout = std::time::Duration::from_secs(3);

    // Without the CA the certificate is not trusted: no connection, UNAVAILABLE.
    let db = sea_orm::Database::connect("sqlite::memory:").await.unwrap();
    let untrusting = fazhi_queue::from_settings(&settings.queue, &settings.worker, db.clone());
    let message = OutgoingMessage {
        message_id: uuid::Uuid::new_v4().to_string(),
        payload: b"{}".to_vec(),
        headers: Default::default(),
    };
    let refused = untrusting.publish(&message).await;
    assert!(
        matches!(&refused, Err(e) if e.to_string().contains("certificate")),
        "an untrusted broker certificate is refused: {refused:?}"
    );

    settings.queue.tls_ca_cert = Some(ca);
    let queue = fazhi_queue::from_settings(&settings.queue, &settings.worker, db);
    queue.publish(&message).await.expect("publish over amqps");
    let mut deliveries = queue.subscribe().await.expect("consume over amqps");
    let delivery = tokio::time::timeout(std::time::Duration::from_secs(20), deliveries.next())
        .await
        .expect("delivered in time")
        .expect("stream open")
        .expect("no error");
    assert_eq!(delivery.message_id, message.message_id);
    delivery.ack().await.unwrap();
    remove_broker_objects(&settings).await;
}
