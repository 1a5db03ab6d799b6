//! `fazhi summary`: the JSON other tools read, and a DOCX that Word opens.

use std::process::Command;

use tokio::process::Command as AsyncCommand;

use crate::helpers::*;

async fn processed_samples() -> Option<TestApp> {
    let settings = settings(Db::Sqlite, Broker::Embedded).await?;
    let app = spawn_app(&settings, true).await;
    for (agency, year, file) in SAMPLES {
        let r = app.submit(agency, year, sample(file), None).await.unwrap();
        app.wait_done(&r.submission_id).await;
    }
    Some(app)
}

/// Async: the server under test runs on this test's runtime.
fn summary_cmd(app: &TestApp) -> AsyncCommand {
    let mut cmd = AsyncCommand::new(env!("CARGO_BIN_EXE_fazhi"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FAZHI_CLIENT__TOKEN", &app.token)
        .args([
            "summary",
            "--district",
            DISTRICT,
            "--year",
            "2022",
            "--server",
            &app.url,
        ]);
    cmd
}

#[tokio::test]
async fn summary_json_has_the_fields_other_tools_read() {
    let Some(app) = processed_samples().await else {
        return;
    };
    let out = summary_cmd(&app).arg("--json").output().await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "coverage",
        "indicators",
        "other_quantities",
        "themes",
        "shortcomings",
        "plans",
        "draft_markdown",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let coverage = v["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 5);
    for entry in coverage {
        for key in ["agency", "submitted", "parts", "findings"] {
            assert!(entry.get(key).is_some(), "coverage entry lacks {key}");
        }
    }
    // 信访 in 2022: seed 000 says 300余件 and seed 002 247件 among others; the
    // total is a lower bound ("at least"), never an exact number.
    let petitions = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"].as_str().is_some_and(|n| n.contains("信访")) && t["unit"] == "件")
        .expect("a 信访 total in 件");
    assert_eq!(petitions["qualifier"], "at_least");
    assert!(petitions["value"].as_f64().unwrap() >= 547.0);
    for source in petitions["sources"].as_array().unwrap() {
        for key in ["agency", "text", "start", "end"] {
            assert!(source.get(key).is_some(), "source lacks {key}");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn docx_draft_opens_with_real_headings_in_an_independent_reader() {
    let has_reader = Command::new("python3")
        .args(["-c", "import docx"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_reader {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "python-docx is required under CI (.ci/run installs it)"
        );
        eprintln!("SKIP: python-docx not installed (pip install python-docx)");
        return;
    }
    let Some(app) = processed_samples().await else {
        return;
    };
    let file = scratch_dir().join("示例区2022.docx");
    let out = summary_cmd(&app)
        .args(["--format", "docx", "--output"])
        .arg(&file)
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
for p in d.paragraphs:
    print(p.style.name + "\t" + p.text.replace("\n", " "))
"#;
    let read = Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "python-docx could not open it: {}",
        String::from_utf8_lossy(&read.stderr)
    );
    let text = String::from_utf8(read.stdout).unwrap();
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("Heading 1\t"))
        .map(|l| l.trim_start_matches("Heading 1\t"))
        .collect();
    assert!(
        headings.iter().any(|h| h.contains("主要举措和成效")),
        "headings: {headings:?}"
    );
    assert!(
        headings.iter().any(|h| h.contains("不足")),
        "headings: {headings:?}"
    );
    assert!(
        headings.iter().any(|h| h.contains("安排")),
        "headings: {headings:?}"
    );
    // A total from the consolidated figures appears in the body text.
    let summary = app.summary(2022).await;
    let total = summary
        .indicators
        .iter()
        .find(|t| {
            t.kind == fazhi_core::QuantityKind::Count && t.value.is_some() && t.agencies_count > 1
        })
        .expect("a total across agencies");
    let number = format!("{}", total.value.unwrap());
    assert!(
        text.contains(&number),
        "total {number} ({}) in the DOCX text",
        total.name
    );
    app.stop().await;
}

#[tokio::test]
async fn grpc_summary_totals_carry_sources_that_resolve_to_the_submitted_text() {
    use fazhi_proto::v1 as pb;
    let Some(app) = processed_samples().await else {
        return;
    };
    let summary = app
        .summaries()
        .await
        .get_district_summary(pb::GetDistrictSummaryRequest {
            district: DISTRICT.into(),
            year: 2022,
        })
        .await
        .unwrap()
        .into_inner()
        .summary
        .unwrap();
    let reporting = summary.reporting.unwrap();
    assert_eq!((reporting.expected, reporting.actual), (5, 3));
    assert!(!summary.indicators.is_empty());
    assert!(!summary.themes.is_empty());
    assert!(!summary.shortcomings.is_empty() && !summary.plans.is_empty());
    assert!(
        summary
            .indicators
            .iter()
            .any(|t| t.qualifier == pb::Qualifier::AtLeast as i32),
        "a 余/多 total stays a lower bound"
    );

    // Each source's span, read in the document the agency submitted, is the
    // quoted text: a clerk can highlight it.
    let mut ingest = app.ingest().await;
    let mut checked = 0;
    for total in summary.indicators.iter().chain(&summary.other_quantities) {
        for source in &total.sources {
            let submission = ingest
                .get_submission(pb::GetSubmissionRequest {
                    submission_id: source.submission_id.clone(),
                })
                .await
                .unwrap()
                .into_inner()
                .submission
                .unwrap();
            let file = SAMPLES
                .iter()
                .find(|(agency, ..)| *agency == submission.agency_code)
                .map(|(.., file)| *file)
                .unwrap();
            let text = String::from_utf8(sample(file)).unwrap();
            let span = source.span.unwrap();
            let quoted: String = text
                .chars()
                .skip(span.start as usize)
                .take((span.end - span.start) as usize)
                .collect();
            assert_eq!(quoted, source.text, "{}: {}", total.name, source.number);
            assert!(quoted.contains(&source.number));
            checked += 1;
        }
    }
    assert!(checked > 10, "checked {checked} sources");
    app.stop().await;
}
