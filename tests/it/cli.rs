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
