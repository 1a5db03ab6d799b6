//! The command line as other tools and the quick start use it.

use std::process::Command;

use crate::helpers::*;

fn fazhi() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fazhi"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd
}

#[test]
fn parse_json_prints_one_object_per_file_in_argument_order() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/reports");
    let files = ["004_f20b88b3a1d009b5.txt", "000_694a7727829af4aa.txt"];
    let out = fazhi()
        .arg("parse")
        .arg("--json")
        .args(files.iter().map(|f| dir.join(f)))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for (line, file) in lines.iter().zip(files) {
        assert!(line["file"].as_str().unwrap().ends_with(file));
        for key in [
            "title",
            "agency",
            "year",
            "sections",
            "quantities",
            "findings",
        ] {
            assert!(line.get(key).is_some(), "{file}: key {key}");
        }
    }
    assert_eq!(lines[0]["year"], 2022);
    assert_eq!(lines[0]["agency"], "北京市大兴区旧宫镇人民政府");
}

#[test]
fn demo_runs_the_pipeline_and_prints_each_agency_with_its_parts() {
    let db = scratch_dir().join("demo.db");
    let out = fazhi()
        .arg("demo")
        .env(
            "FAZHI_DATABASE__URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        )
        .env("FAZHI_LOG__FILTER", "warn")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in [
        "北京市西城区园林绿化局",
        "西营门街道办事处",
        "北京市大兴区旧宫镇人民政府",
        "北京市石景山区人民政府",
    ] {
        assert!(stdout.contains(name), "{name} in demo output");
    }
    assert_eq!(stdout.matches("PROCESSED").count(), 5, "{stdout}");
    assert!(stdout.contains("2022年度 汇总") && stdout.contains("2023年度 汇总"));
    assert!(stdout.contains("举措成效✓"));
}

#[tokio::test]
async fn submissions_commands_list_show_download_and_withdraw_against_a_real_server() {
    use tokio::process::Command as AsyncCommand;
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let docx = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("crates/fazhi-extract/tests/fixtures/word_001.docx"),
    )
    .unwrap();
    let mut ingest = app.ingest().await;
    let id = ingest
        .submit_report(fazhi_proto::v1::SubmitReportRequest {
            agency_code: "xc-cgzhzx".into(),
            reporting_year: 2023,
            document: Some(fazhi_proto::v1::Document {
                content: docx.clone(),
                media_type: String::new(),
                file_name: "城管指挥中心2023年报告.docx".into(),
            }),
            idempotency_key: None,
        })
        .await
        .unwrap()
        .into_inner()
        .submission_id;
    app.wait_done(&id).await;
    let dir = scratch_dir();
    let run = |args: Vec<String>| {
        let mut cmd = AsyncCommand::new(env!("CARGO_BIN_EXE_fazhi"));
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("FAZHI_CLIENT__TOKEN", &app.token)
            .env("FAZHI_LOG__FILTER", "warn")
            .current_dir(&dir)
            .args(args)
            .args(["--server", &app.url]);
        cmd
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();

    let out = run(s(&[
        "submissions",
        "list",
        "--district",
        DISTRICT,
        "--year",
        "2023",
    ]))
    .output()
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(
        listing.contains(&id)
            && listing.contains("北京市西城区城市管理指挥中心")
            && listing.contains("PROCESSED"),
        "{listing}"
    );

    let shown = || async {
        let out = run(s(&["submissions", "show", &id, "--json"]))
            .output()
            .await
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let shown_now = shown().await;
    assert_eq!(shown_now["status"], "PROCESSED");
    assert_eq!(shown_now["file_name"], "城管指挥中心2023年报告.docx");

    let out = run(s(&["submissions", "download", &id]))
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(dir.join("城管指挥中心2023年报告.docx")).unwrap(),
        docx,
        "byte for byte"
    );
    let again = run(s(&["submissions", "download", &id]))
        .output()
        .await
        .unwrap();
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );

    let out = run(s(&["submissions", "withdraw", &id, "--reason", "报送错误"]))
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(shown().await["status"], "WITHDRAWN");
    app.stop().await;
}
