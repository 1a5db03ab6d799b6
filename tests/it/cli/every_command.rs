//! Every leaf command of `fazhi`, found by walking `fazhi --help`, is run
//! against one real server here or named with the test that runs it: a new
//! command without a test fails [`every_leaf_command_is_run_by_a_test`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Mutex;

use unicode_width::UnicodeWidthStr;

use crate::helpers::*;

/// Leaf commands another test runs against a real server or a real
/// database, with that test.
const ELSEWHERE: &[(&str, &str)] = &[
    (
        "serve",
        "cli::a_folder_with_one_bad_file_then_a_rerun_that_submits_only_what_is_missing",
    ),
    (
        "worker",
        "cli::a_folder_with_one_bad_file_then_a_rerun_that_submits_only_what_is_missing",
    ),
    (
        "submit",
        "cli::a_folder_with_one_bad_file_then_a_rerun_that_submits_only_what_is_missing",
    ),
    (
        "summary",
        "cli::a_folder_with_one_bad_file_then_a_rerun_that_submits_only_what_is_missing",
    ),
    (
        "up",
        "metrics::a_scrape_shows_submissions_refusals_processing_and_latency_move",
    ),
    (
        "demo",
        "cli::demo_runs_the_pipeline_and_prints_each_agency_with_its_parts",
    ),
    // On main since this branch: there, run by its own test.
    (
        "reprocess",
        "reprocess::a_reprocess_killed_halfway_resumes_and_counts_every_report_once",
    ),
    (
        "parse",
        "cli::parse_json_prints_one_object_per_file_in_argument_order",
    ),
    (
        "agencies import",
        "cli::every_admin_command_finds_the_same_database_from_any_folder",
    ),
    (
        "agencies list",
        "cli::every_admin_command_finds_the_same_database_from_any_folder",
    ),
    (
        "districts list",
        "cli::every_admin_command_finds_the_same_database_from_any_folder",
    ),
    (
        "credentials issue",
        "cli::every_admin_command_finds_the_same_database_from_any_folder",
    ),
    (
        "credentials add-user",
        "cli::every_admin_command_finds_the_same_database_from_any_folder",
    ),
    (
        "credentials list",
        "cli::every_admin_command_finds_the_same_database_from_any_folder",
    ),
    (
        "credentials revoke",
        "cli::every_admin_command_finds_the_same_database_from_any_folder",
    ),
    (
        "submissions list",
        "cli::submissions_commands_list_show_download_and_withdraw_against_a_real_server",
    ),
    (
        "submissions show",
        "cli::submissions_commands_list_show_download_and_withdraw_against_a_real_server",
    ),
    (
        "submissions download",
        "cli::submissions_commands_list_show_download_and_withdraw_against_a_real_server",
    ),
    (
        "submissions withdraw",
        "cli::submissions_commands_list_show_download_and_withdraw_against_a_real_server",
    ),
];

/// The commands under `words`, read from its `--help` (the `命令` list).
fn subcommands(home: &Path, words: &[String]) -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .env_clear()
        .env("HOME", home)
        .args(words)
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    help.lines()
        .skip_while(|l| !l.starts_with("命令"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

fn leaf_commands(home: &Path) -> BTreeSet<String> {
    let mut leaves = BTreeSet::new();
    let mut todo = vec![Vec::<String>::new()];
    while let Some(words) = todo.pop() {
        let subs = subcommands(home, &words);
        if subs.is_empty() && !words.is_empty() {
            leaves.insert(words.join(" "));
        }
        for sub in subs {
            let mut next = words.clone();
            next.push(sub);
            todo.push(next);
        }
    }
    leaves
}

/// The CLI as a clerk runs it against the test's server: its token and
/// address from the environment, its database and queue the server's.
struct Clerk {
    home: PathBuf,
    env: Vec<(&'static str, String)>,
    ran: Mutex<BTreeSet<String>>,
}

impl Clerk {
    fn new(app: &TestApp) -> Clerk {
        let addr = app.url.trim_start_matches("http://").to_owned();
        Clerk {
            home: scratch_dir(),
            env: vec![
                ("FAZHI_CLIENT__TOKEN", app.token.clone()),
                ("FAZHI_GRPC__LISTEN", addr),
                ("FAZHI_DATABASE__URL", app.settings.database.url.clone()),
                ("FAZHI_QUEUE__NAME", app.settings.queue.name.clone()),
                ("FAZHI_LOG__FILTER", "warn".into()),
            ],
            ran: Mutex::new(BTreeSet::new()),
        }
    }

    /// `fazhi <command> <args>`; the command is recorded as run.
    async fn run(&self, command: &str, args: &[&str]) -> Output {
        self.ran.lock().unwrap().insert(command.to_owned());
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_fazhi"));
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .current_dir(&self.home)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .args(command.split(' '))
            .args(args);
        cmd.output().await.unwrap()
    }

    /// Standard output of a run that must succeed.
    async fn ok(&self, command: &str, args: &[&str]) -> String {
        let out = self.run(command, args).await;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "fazhi {command} {args:?}\nstdout: {}\nstderr: {stderr}",
            String::from_utf8_lossy(&out.stdout)
        );
        clerk_readable(&stderr);
        String::from_utf8(out.stdout).unwrap()
    }

    /// JSON lines of a read command run with `--json`.
    async fn json(&self, command: &str, args: &[&str]) -> Vec<serde_json::Value> {
        let mut args = args.to_vec();
        args.push("--json");
        let stdout = self.ok(command, &args).await;
        // One object (possibly indented) or one object per line.
        if let Ok(one) = serde_json::from_str::<serde_json::Value>(&stdout) {
            return vec![one];
        }
        stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{command}: {l}: {e}")))
            .collect()
    }

    /// Standard error of a run that must fail with `code` (2: usage).
    async fn refused(&self, command: &str, args: &[&str], code: i32) -> String {
        let out = self.run(command, args).await;
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "fazhi {command} {args:?}: {stderr}"
        );
        clerk_readable(&stderr);
        stderr
    }
}

/// What a clerk reads: Chinese, without type names or jargon.
fn clerk_readable(stderr: &str) {
    for jargon in [
        "Status {",
        "code:",
        "NotFound",
        "InvalidArgument",
        "FailedPrecondition",
        "PermissionDenied",
        "AlreadyExists",
        "Error",
        "panicked",
        "幂等键",
        "tonic",
        "transport",
    ] {
        assert!(
            !stderr.contains(jargon),
            "{jargon} shown to a clerk: {stderr}"
        );
    }
    if !stderr.trim().is_empty() {
        assert!(
            stderr
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "said in Chinese: {stderr}"
        );
    }
}

/// The display column where each cell of a table line starts (cells are
/// separated by two or more spaces).
fn column_starts(line: &str) -> Vec<usize> {
    let (mut starts, mut col, mut spaces) = (Vec::new(), 0, 2);
    for c in line.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 {
                starts.push(col);
            }
            spaces = 0;
        }
        col += UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
    }
    starts
}

/// Every line's first `n` cells start where the header's do.
fn assert_aligned(table: &str, n: usize) {
    let mut lines = table.lines().filter(|l| !l.trim().is_empty());
    let header = column_starts(lines.next().expect("a header"));
    assert!(header.len() >= n, "{table}");
    let mut rows = 0;
    for line in lines {
        let starts = column_starts(line);
        assert_eq!(
            starts[..n],
            header[..n],
            "aligned by display width:\n{table}"
        );
        rows += 1;
    }
    assert!(rows > 0, "{table}");
}

#[tokio::test]
async fn every_leaf_command_is_run_by_a_test() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let app = spawn_app(&settings, true).await;
    let clerk = Clerk::new(&app);
    let year = "2022";

    // Two versions of 金谷镇's report, and two other units' reports filed
    // by 金谷镇 (unit mismatches: held by a check, one confirmed, one
    // corrected).
    let mut ids = Vec::new();
    for (key, file) in [
        ("cli-jgz-1", SAMPLES[4].2),
        ("cli-jgz-2", SAMPLES[4].2),
        ("cli-jgz-wrong", SAMPLES[2].2),
        ("cli-jgz-wrong-2", SAMPLES[3].2),
    ] {
        let mut content = sample(file);
        if key == "cli-jgz-2" {
            content.extend_from_slice("\n（修订稿）\n".as_bytes());
        }
        let id = app
            .submit("jgz", 2022, content, Some(key))
            .await
            .unwrap()
            .submission_id;
        app.wait_done(&id).await;
        ids.push(id);
    }
    let (first, wrong, wrong_too) = (ids[0].as_str(), ids[2].as_str(), ids[3].as_str());

    // Submissions: versions and the whole review.
    let versions = clerk
        .json("submissions versions", &["--agency", "jgz", "--year", year])
        .await;
    assert_eq!(versions.len(), 4, "{versions:?}");
    clerk.ok("submissions accept", &[first]).await;
    clerk.ok("submissions reopen", &[first]).await;
    clerk.ok("submissions make-current", &[first]).await;
    clerk
        .ok("submissions received-on", &[first, "2023-02-27"])
        .await;
    clerk
        .ok("submissions return", &[first, "--reason", "缺少第五部分"])
        .await;
    let refused = clerk
        .refused("submissions accept", &["no-such-submission"], 1)
        .await;
    assert!(refused.contains("fazhi:"), "{refused}");

    // A server that is not there: said plainly, without the library's words.
    let down = clerk
        .refused(
            "submissions list",
            &[
                "--district",
                DISTRICT,
                "--year",
                year,
                "--server",
                "http://127.0.0.1:1",
            ],
            1,
        )
        .await;
    assert!(down.contains("无法连接服务器"), "{down}");

    // Checks: list, clear one, settle the mismatch.
    let checks = clerk.json("checks list", &["--submission", wrong]).await;
    assert!(
        !checks.is_empty(),
        "the unit mismatch is a check: {checks:?}"
    );
    clerk
        .refused(
            "checks list",
            &["--submission", wrong, "--district", DISTRICT],
            2,
        )
        .await;
    let all = clerk
        .json("checks list", &["--district", DISTRICT, "--year", year])
        .await;
    let open = all
        .iter()
        .find(|c| c["state"] == "待处理" && c["holds"] == false)
        .expect("an open check");
    clerk
        .ok(
            "checks clear",
            &[&open["id"].to_string(), "--note", "已核实"],
        )
        .await;
    clerk
        .ok("checks confirm", &[wrong, "--note", "经电话核实"])
        .await;
    clerk
        .ok(
            "checks correct",
            &[
                wrong_too,
                "--agency",
                SAMPLES[3].0,
                "--year",
                "2023",
                "--note",
                "实为区政府2023年度报告",
            ],
        )
        .await;

    // Roster by year: import, list (a table aligned for Chinese), exempt.
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/agencies.csv");
    clerk
        .ok("roster import", &["--year", year, roster.to_str().unwrap()])
        .await;
    let units = clerk
        .json("roster list", &["--district", DISTRICT, "--year", year])
        .await;
    assert!(units.iter().any(|u| u["code"] == "jgz"), "{units:?}");
    let table = clerk
        .ok("roster list", &["--district", DISTRICT, "--year", year])
        .await;
    assert_aligned(&table, 3);
    clerk
        .ok(
            "roster exempt",
            &["xc-cgzhzx", "--year", year, "--reason", "当年撤并"],
        )
        .await;
    clerk
        .refused(
            "roster exempt",
            &["xc-cgzhzx", "--year", year, "--clear", "--reason", "x"],
            2,
        )
        .await;

    // Season: deadlines, publication, status and the to-do list.
    clerk
        .ok(
            "season deadlines",
            &[
                "--district",
                DISTRICT,
                "--year",
                year,
                "--submit-by",
                "2023-03-01",
            ],
        )
        .await;
    clerk
        .ok(
            "season publish",
            &[
                "--agency",
                "jgz",
                "--year",
                year,
                "--url",
                "https://www.example.gov.cn/a.html",
                "--date",
                "2023-03-20",
            ],
        )
        .await;
    let status = clerk
        .json("season status", &["--district", DISTRICT, "--year", year])
        .await;
    assert_eq!(status.len(), 1, "{status:?}");
    clerk
        .json("todo", &["--district", DISTRICT, "--year", year])
        .await;

    // Escalations: a step, the list, the notices file.
    clerk
        .ok(
            "escalations add",
            &["--agency", "sjs-qzf", "--year", year, "--step", "remind"],
        )
        .await;
    let steps = clerk
        .json(
            "escalations list",
            &["--district", DISTRICT, "--year", year],
        )
        .await;
    assert!(
        steps.iter().any(|s| s["agency_code"] == "sjs-qzf"),
        "{steps:?}"
    );
    let notices = clerk.home.join("督办通知.csv");
    clerk
        .ok(
            "escalations notices",
            &[
                "--district",
                DISTRICT,
                "--year",
                year,
                "--output",
                notices.to_str().unwrap(),
            ],
        )
        .await;
    assert!(notices.exists());

    // Analysis: every view, each number with its source.
    let target = ["--district", DISTRICT, "--year", year];
    for view in ["yoy", "plans", "copying", "quality"] {
        let out = clerk.json(&format!("analysis {view}"), &target).await;
        assert_eq!(out.len(), 1, "{view}: one object: {out:?}");
    }
    let recurring = clerk.json("analysis recurring", &target).await;
    assert_eq!(recurring.len(), 1);
    let refused = clerk
        .refused(
            "analysis rectify",
            &[
                "--district",
                DISTRICT,
                "--year",
                year,
                "--key",
                "no-such-issue",
                "--status",
                "已整改",
            ],
            1,
        )
        .await;
    assert!(refused.contains("fazhi:"), "{refused}");
    let rollup = clerk
        .json(
            "analysis rollup",
            &["--name", "示例市", "--year", year, "--district", DISTRICT],
        )
        .await;
    assert_eq!(rollup.len(), 1);
    clerk.ok("analysis refresh", &target).await;

    // Dead letters: a message no release can read, listed and replayed.
    publish_unreadable(app.queue.as_ref(), "cli-unreadable").await;
    let mut dead = Vec::new();
    for _ in 0..200 {
        dead = clerk.json("dead-letters list", &[]).await;
        if !dead.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(dead[0]["submission_id"], "cli-unreadable", "{dead:?}");
    let table = clerk.ok("dead-letters list", &[]).await;
    assert_aligned(table.split_once('\n').unwrap().1, 2);
    let replayed = clerk.ok("dead-letters replay", &["--all"]).await;
    assert!(replayed.contains("已放回队列 1 份"), "{replayed}");
    clerk
        .refused("dead-letters replay", &["--all", "cli-unreadable"], 2)
        .await;

    // The audit trail of all this, one row per act.
    let submits = clerk
        .json("audit list", &["--action", "submission.submit"])
        .await;
    assert_eq!(submits.len(), 4, "{submits:?}");

    // The parser's own score on the gold annotations.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let scores = clerk.json("eval", &[corpus.to_str().unwrap()]).await;
    assert_eq!(scores[0]["files"], 5, "{scores:?}");
    assert!(
        scores[0]["parts"]["f1"].as_f64().unwrap() > 0.5,
        "{scores:?}"
    );

    // Every leaf command is run here or by the test named for it.
    let ran = clerk.ran.lock().unwrap().clone();
    let elsewhere: BTreeSet<String> = ELSEWHERE.iter().map(|(c, _)| c.to_string()).collect();
    let missing: Vec<String> = leaf_commands(&clerk.home)
        .into_iter()
        .filter(|c| !ran.contains(c) && !elsewhere.contains(c))
        .collect();
    assert!(missing.is_empty(), "commands no test runs: {missing:?}");
    app.stop().await;
}
