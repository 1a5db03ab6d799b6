//! TLS: gRPC over rustls with a certificate made here, and the PostgreSQL
//! connection with `sslmode=require` (the shared server has ssl on).

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
