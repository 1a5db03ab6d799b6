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

/// The binary with a clean environment, run from `cwd`, with `HOME` (and so
/// the platform data folder) inside the test's scratch space.
fn fazhi_in(home: &std::path::Path, cwd: &std::path::Path) -> Command {
    let mut cmd = fazhi();
    cmd.env("HOME", home)
        .env("FAZHI_LOG__FILTER", "warn")
        .current_dir(cwd);
    cmd
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

#[test]
fn every_admin_command_finds_the_same_database_from_any_folder() {
    let home = scratch_dir();
    let (a, b, c) = (scratch_dir(), scratch_dir(), scratch_dir());
    let roster = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/agencies.csv");
    let imported = ok(&fazhi_in(&home, &a)
        .args(["agencies", "import"])
        .arg(&roster)
        .output()
        .unwrap());
    assert!(imported.contains("已导入"), "{imported}");
    assert!(
        !a.join("fazhi-data").exists(),
        "nothing is written relative to the current folder"
    );

    // From another folder: the same roster.
    let agencies = json_lines(&ok(&fazhi_in(&home, &b)
        .args(["agencies", "list", "--json"])
        .output()
        .unwrap()));
    let rows = fazhi_store::agencies::parse_roster(ROSTER).unwrap();
    assert_eq!(agencies.len(), rows.len());
    assert!(
        agencies
            .iter()
            .any(|x| x["code"] == "jgz" && x["district"] == DISTRICT)
    );
    let districts = json_lines(&ok(&fazhi_in(&home, &c)
        .args(["districts", "list", "--json"])
        .output()
        .unwrap()));
    let in_district = rows.iter().filter(|r| r.district == DISTRICT).count();
    assert!(
        districts
            .iter()
            .any(|d| d["district"] == DISTRICT && d["agencies"] == in_district),
        "{districts:?}"
    );
    let table = ok(&fazhi_in(&home, &c)
        .args(["agencies", "list", "--district", DISTRICT])
        .output()
        .unwrap());
    assert!(
        table.contains("单位代码") && table.contains("jgz"),
        "{table}"
    );

    // Credentials issued from one folder are listed and revoked from others.
    let issued = ok(&fazhi_in(&home, &a)
        .args([
            "credentials",
            "issue",
            "--role",
            "unit",
            "--scope",
            "jgz",
            "--label",
            "金谷镇报送系统",
        ])
        .output()
        .unwrap());
    assert!(issued.contains("fz_"), "the token is shown once: {issued}");
    let listed = json_lines(&ok(&fazhi_in(&home, &b)
        .args(["credentials", "list", "--json"])
        .output()
        .unwrap()));
    assert!(
        listed.iter().any(|c| c["login"] == "金谷镇报送系统"),
        "{listed:?}"
    );
    let mut add_user = fazhi_in(&home, &c);
    add_user
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
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = add_user.spawn().unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all("一个足够长的密码-2024\n".as_bytes())
            .unwrap();
    }
    ok(&child.wait_with_output().unwrap());
    ok(&fazhi_in(&home, &c)
        .args(["credentials", "revoke", "金谷镇报送系统"])
        .output()
        .unwrap());
    let audit = json_lines(&ok(&fazhi_in(&home, &b)
        .args(["audit", "list", "--json"])
        .output()
        .unwrap()));
    for action in ["roster.import", "credential.issue", "credential.revoke"] {
        assert!(
            audit.iter().any(|e| e["action"] == action),
            "{action} in the one audit trail: {audit:?}"
        );
    }
    let dead = ok(&fazhi_in(&home, &c)
        .args(["dead-letters", "list"])
        .output()
        .unwrap());
    assert!(!dead.contains("FAILED"), "{dead}");

    // An explicit --data-dir is another installation: empty.
    let other = scratch_dir();
    let empty = ok(&fazhi_in(&home, &a)
        .args(["agencies", "list", "--json", "--data-dir"])
        .arg(&other)
        .output()
        .unwrap());
    assert_eq!(empty, "");
    assert!(other.join("fazhi.db").exists());
}

#[test]
fn help_is_chinese_with_an_example_for_every_command() {
    let home = scratch_dir();
    let top = ok(&fazhi_in(&home, &home).arg("--help").output().unwrap());
    assert!(top.contains("用法") && top.contains("命令"), "{top}");
    for words in [
        vec!["serve"],
        vec!["worker"],
        vec!["up"],
        vec!["demo"],
        vec!["submit"],
        vec!["summary"],
        vec!["parse"],
        vec!["eval"],
        vec!["agencies", "import"],
        vec!["agencies", "list"],
        vec!["districts", "list"],
        vec!["dead-letters", "list"],
        vec!["dead-letters", "replay"],
        vec!["credentials", "issue"],
        vec!["credentials", "add-user"],
        vec!["credentials", "list"],
        vec!["credentials", "revoke"],
        vec!["submissions", "list"],
        vec!["audit", "list"],
    ] {
        let help = ok(&fazhi_in(&home, &home)
            .args(&words)
            .arg("--help")
            .output()
            .unwrap());
        assert!(help.contains("例："), "{words:?}: {help}");
        assert!(help.contains("显示帮助"), "{words:?}: {help}");
        for english in ["Usage:", "Print help", "Options:"] {
            assert!(!help.contains(english), "{words:?} has {english}: {help}");
        }
    }
}

#[test]
fn summary_refuses_json_with_a_draft_format_before_writing_anything() {
    let home = scratch_dir();
    let out = fazhi_in(&home, &home)
        .args([
            "summary",
            "--district",
            DISTRICT,
            "--year",
            "2023",
            "--json",
            "--format",
            "docx",
            "--output",
            "x.docx",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--format") && stderr.contains("不能同时使用"),
        "{stderr}"
    );
    assert!(!home.join("x.docx").exists());
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/reports");
    let home = scratch_dir();
    let mut child = fazhi_in(&home, &home)
        .args(["parse", "--json"])
        .args(SAMPLES.iter().map(|(_, _, f)| dir.join(f)))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -c 0`: the reader goes away before the first line.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// `fazhi serve` and `fazhi worker` as two processes on one data directory.
async fn serve_and_worker(
    data_dir: &std::path::Path,
) -> (tokio::process::Child, tokio::process::Child, String) {
    use tokio::io::AsyncBufReadExt;
    let spawn = |what: &str| {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_fazhi"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("FAZHI_DATA_DIR", data_dir)
            .env("FAZHI_GRPC__LISTEN", "127.0.0.1:0")
            .env("FAZHI_WEB__LISTEN", "127.0.0.1:0")
            .env("FAZHI_METRICS__LISTEN", "127.0.0.1:0")
            .env("FAZHI_QUEUE__POLL_INTERVAL", "50ms")
            .env("FAZHI_LOG__FILTER", "warn")
            .arg(what)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap()
    };
    let mut serve = spawn("serve");
    let mut lines = tokio::io::BufReader::new(serve.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(std::time::Duration::from_secs(60), lines.next_line())
        .await
        .expect("serve started")
        .unwrap()
        .unwrap();
    let url = format!(
        "http://{}",
        line.strip_prefix("listening on ").expect("address line")
    );
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let worker = spawn("worker");
    (serve, worker, url)
}

#[tokio::test]
async fn a_folder_with_one_bad_file_then_a_rerun_that_submits_only_what_is_missing() {
    let data_dir = scratch_dir();
    let home = scratch_dir();
    let roster = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/agencies.csv");
    let cli = |args: &[&str]| {
        let mut cmd = fazhi_in(&home, &home);
        cmd.arg("--data-dir").arg(&data_dir).args(args);
        cmd
    };
    ok(&cli(&["agencies", "import"]).arg(&roster).output().unwrap());
    let (serve, worker, url) = serve_and_worker(&data_dir).await;

    let folder = scratch_dir().join("金谷镇报告");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a-正式稿.txt"), sample(SAMPLES[4].2)).unwrap();
    std::fs::write(folder.join("b-坏文件.txt"), b"").unwrap();
    std::fs::write(folder.join("c-补充稿.txt"), sample(SAMPLES[0].2)).unwrap();
    let submit = || {
        let mut cmd = cli(&[
            "submit", "--agency", "jgz", "--year", "2022", "--server", &url,
        ]);
        cmd.arg(&folder);
        cmd.output().unwrap()
    };

    let first = submit();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&first.stdout).into_owned(),
        String::from_utf8_lossy(&first.stderr).into_owned(),
    );
    assert!(
        !first.status.success(),
        "a refused file fails the run: {stdout}{stderr}"
    );
    assert_eq!(stdout.matches("QUEUED").count(), 2, "{stdout}");
    assert!(
        stderr.contains("b-坏文件.txt") && stderr.contains("报告文档为空"),
        "{stderr}"
    );
    assert!(
        stderr.contains("本次报送 2 个") && stderr.contains("未被接收 1 个"),
        "{stderr}"
    );
    for jargon in ["幂等键", "InvalidArgument", "Status {", "NotFound"] {
        assert!(
            !stderr.contains(jargon),
            "{jargon} shown to a clerk: {stderr}"
        );
    }
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap().to_owned())
        .collect();
    let channel = tonic::transport::Channel::from_shared(url.clone())
        .unwrap()
        .connect()
        .await
        .unwrap();
    let token = std::fs::read_to_string(data_dir.join("credentials.toml")).unwrap();
    let token = token
        .lines()
        .find_map(|l| l.strip_prefix("admin_token = "))
        .unwrap()
        .trim_matches('"')
        .to_owned();
    let mut ingest = fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient::new(
        authed(channel, Some(&token)),
    );
    for id in &ids {
        wait_done(&mut ingest, id, std::time::Duration::from_secs(60)).await;
    }

    let again = submit();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&again.stdout).into_owned(),
        String::from_utf8_lossy(&again.stderr).into_owned(),
    );
    assert!(!again.status.success(), "the bad file is still refused");
    assert_eq!(stdout.matches("此前已报送").count(), 2, "{stdout}");
    assert!(
        stderr.contains("本次报送 0 个，此前已报送 2 个，未被接收 1 个"),
        "{stderr}"
    );

    std::fs::remove_file(folder.join("b-坏文件.txt")).unwrap();
    let clean = submit();
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    let submits = json_lines(&ok(&cli(&[
        "audit",
        "list",
        "--action",
        "submission.submit",
        "--json",
    ])
    .output()
    .unwrap()));
    assert_eq!(submits.len(), 2, "three runs, two submissions: {submits:?}");

    // The consolidated draft of what came in, as Markdown and as Word.
    let markdown = ok(&cli(&[
        "summary",
        "--district",
        DISTRICT,
        "--year",
        "2022",
        "--server",
        &url,
    ])
    .output()
    .unwrap());
    assert!(markdown.contains(DISTRICT), "{markdown}");
    let docx = home.join("汇总.docx");
    ok(&cli(&[
        "summary",
        "--district",
        DISTRICT,
        "--year",
        "2022",
        "--format",
        "docx",
        "--server",
        &url,
        "--output",
    ])
    .arg(&docx)
    .output()
    .unwrap());
    assert!(
        std::fs::read(&docx).unwrap().starts_with(b"PK"),
        "a zip (DOCX)"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&cli(&[
        "summary",
        "--district",
        DISTRICT,
        "--year",
        "2022",
        "--json",
        "--server",
        &url,
    ])
    .output()
    .unwrap()))
    .unwrap();
    assert_eq!(json["district"], DISTRICT);
    drop((serve, worker));
}

mod every_command;
