//! No document text, token or password in the logs: a whole run of the real
//! binary at debug level, then a grep of everything it wrote.

use std::process::Stdio;
use std::time::Duration;

use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;
use tonic::transport::Channel;

use crate::helpers::*;

/// A sentence no real report has, planted in the submitted document.
const MARKER: &str = "本段为日志泄露检测专用的独特句子甲乙丙丁戊己庚辛";
const PASSWORD: &str = "correct-horse-battery-密码";
const GARBAGE: &str =
    "fz_0123456789abcdef_deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef";

fn fazhi(dir: &std::path::Path, db_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fazhi"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FAZHI_DATABASE__URL", db_url)
        .env("FAZHI_GRPC__LISTEN", "127.0.0.1:0")
        .env("FAZHI_QUEUE__POLL_INTERVAL", "50ms")
        .env("FAZHI_LOG__FILTER", "debug,h2=info,hyper=info,tower=info")
        .current_dir(dir)
        .kill_on_drop(true);
    cmd
}

#[tokio::test]
async fn a_whole_run_logs_no_document_text_token_or_password() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let dir = scratch_dir();
    let db_url = settings.database.url.clone();
    {
        let store = fazhi_store::Store::connect(&db_url, 1).await.unwrap();
        let rows = fazhi_store::agencies::parse_roster(ROSTER).unwrap();
        store.upsert_agencies(&rows).await.unwrap();
        store.db().clone().close().await.ok();
    }
    let log_path = dir.join("up.log");
    let mut up = fazhi(&dir, &db_url)
        .arg("up")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(std::fs::File::create(&log_path).unwrap()))
        .spawn()
        .unwrap();
    let stdout = up.stdout.take().unwrap();
    let line = tokio::time::timeout(
        Duration::from_secs(60),
        BufReader::new(stdout).lines().next_line(),
    )
    .await
    .expect("started")
    .unwrap()
    .expect("address line");
    let url = format!("http://{}", line.strip_prefix("listening on ").unwrap());

    // The first start on the embedded defaults made a local administrator.
    let db_file = db_url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .unwrap();
    let creds = std::path::Path::new(db_file)
        .parent()
        .unwrap()
        .join("credentials.toml");
    let text = std::fs::read_to_string(&creds).expect("the local credentials file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&creds).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "readable by its owner only");
    }
    let token = text
        .lines()
        .find_map(|l| l.strip_prefix("admin_token = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("admin_token in the file")
        .to_owned();

    // A person's password, set through the CLI (stdin, never an argument).
    let mut add = fazhi(&dir, &db_url)
        .args([
            "credentials",
            "add-user",
            "--login",
            "zhang",
            "--role",
            "district",
            "--scope",
            DISTRICT,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .await
        .unwrap();
    let added = add.wait_with_output().await.unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );

    let channel = Channel::from_shared(url).unwrap().connect().await.unwrap();
    let mut report = String::from_utf8(sample("002_8688029d397398e8.txt")).unwrap();
    report.push_str(&format!("\n{MARKER}。\n"));
    let mut client = ReportIngestServiceClient::new(authed(channel.clone(), Some(&token)));
    let r = submit_to(
        &mut client,
        "xymj",
        2022,
        report.into_bytes(),
        Some("leak-check"),
    )
    .await
    .unwrap();
    wait_done(&mut client, &r.submission_id, Duration::from_secs(60)).await;
    let mut forged = ReportIngestServiceClient::new(authed(channel, Some(GARBAGE)));
    assert!(
        submit_to(&mut forged, "xymj", 2022, b"x".to_vec(), None)
            .await
            .is_err()
    );

    up.start_kill().unwrap();
    let _ = up.wait().await;
    let logs = std::fs::read_to_string(&log_path).unwrap()
        + &String::from_utf8_lossy(&added.stdout)
        + &String::from_utf8_lossy(&added.stderr);
    assert!(
        logs.contains("submission"),
        "the run did log (at debug): {logs}"
    );
    let secret = token.rsplit('_').next().unwrap();
    for (what, needle) in [
        ("the token", token.as_str()),
        ("the token's secret", secret),
        ("a forged token", GARBAGE),
        ("a password", PASSWORD),
        ("the document's text", MARKER),
        ("the document's text", "信访"),
    ] {
        assert!(!logs.contains(needle), "{what} appears in the logs");
    }
}
