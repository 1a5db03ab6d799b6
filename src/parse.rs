//! `fazhi parse`: the parser on local files, no server needed.

use anyhow::Context;
use fazhi_core::ParseOptions;

use crate::cli::ParseArgs;

pub fn run(args: &ParseArgs) -> anyhow::Result<()> {
    let options = ParseOptions {
        expected_year: args.year,
        ..ParseOptions::default()
    };
    let mut failed = false;
    for file in &args.files {
        let bytes =
            std::fs::read(file).with_context(|| format!("无法读取文件 {}", file.display()))?;
        let name = file.display().to_string();
        // Any format the service takes: DOCX, HTML, PDF, OFD or text.
        let read = fazhi_extract::extract_any(
            &bytes,
            None,
            file.file_name().and_then(|n| n.to_str()),
            &fazhi_extract::Limits::default(),
        )
        .map(|extracted| fazhi_core::parse_text(&extracted.text, &options));
        match read {
            Ok(parsed) => {
                if args.json {
                    let mut value = serde_json::to_value(&parsed)?;
                    if let Some(map) = value.as_object_mut() {
                        map.insert("file".into(), serde_json::Value::String(name));
                    }
                    println!("{value}");
                } else {
                    print_human(&name, &parsed);
                }
            }
            Err(e) => {
                failed = true;
                if args.json {
                    println!(
                        "{}",
                        serde_json::json!({"file": name, "error": e.to_string()})
                    );
                } else {
                    eprintln!("{name}: {e}");
                }
            }
        }
    }
    if failed {
        anyhow::bail!("有文件未能读取或解析（见上）");
    }
    Ok(())
}

fn print_human(name: &str, r: &fazhi_core::ParsedReport) {
    println!("{name}");
    println!("  标题: {}", r.title.as_deref().unwrap_or("（无）"));
    println!("  单位: {}", r.agency.as_deref().unwrap_or("（未写明）"));
    println!(
        "  年度: {}",
        r.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "（未写明）".into())
    );
    for s in &r.sections {
        println!("  [{}] {}（{}项）", s.part.code(), s.heading, s.items.len());
    }
    println!(
        "  数量 {} 处, 问题 {} 条",
        r.quantities.len(),
        r.findings.len()
    );
    for f in &r.findings {
        println!("  - {}: {}", f.code, f.message);
    }
}

/// `fazhi eval DIR`: parse every gold file's report and print the scores.
pub fn eval(dir: &std::path::Path, json: bool) -> anyhow::Result<()> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("无法读取文件夹 {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        anyhow::bail!("{} 中没有标注 JSON 文件", dir.display());
    }
    let mut pairs = Vec::with_capacity(files.len());
    for file in &files {
        let gold: serde_json::Value = serde_json::from_slice(&std::fs::read(file)?)
            .with_context(|| format!("{} 不是 JSON 文件", file.display()))?;
        let text_file = gold["file"]
            .as_str()
            .with_context(|| format!("{} 缺少 \"file\"（报告文本的路径）", file.display()))?;
        let bytes = std::fs::read(dir.join(text_file))
            .with_context(|| format!("无法读取报告文本 {text_file}"))?;
        let (_, parsed) = fazhi_core::parse_bytes(&bytes, &ParseOptions::default())?;
        pairs.push((gold, parsed));
    }
    let scores = fazhi_core::eval::score(&pairs);
    match json {
        true => println!("{}", scores_json(&scores)),
        false => print!("{scores}"),
    }
    let shortfalls = scores.shortfalls();
    if !shortfalls.is_empty() {
        anyhow::bail!("未达标：{}", shortfalls.join("；"));
    }
    if !json {
        println!("达标（五部分 F1、年度、单位、数量 F1）");
    }
    Ok(())
}

/// The totals of `fazhi eval --json`: per category precision, recall, F1
/// with the counts they come from; accuracies with theirs.
fn scores_json(s: &fazhi_core::eval::Scores) -> serde_json::Value {
    let prf = |p: &fazhi_core::eval::Prf| {
        serde_json::json!({
            "precision": p.precision(), "recall": p.recall(), "f1": p.f1(),
            "tp": p.tp, "fp": p.fp, "fn": p.fn_,
        })
    };
    let acc = |a: &fazhi_core::eval::Accuracy| serde_json::json!({"accuracy": a.value(), "correct": a.correct, "total": a.total});
    serde_json::json!({
        "files": s.files,
        "parts": prf(&s.parts),
        "items": prf(&s.items),
        "quantities": prf(&s.quantities),
        "quantities_with_kind": prf(&s.quantities_with_kind),
        "year": acc(&s.year),
        "agency": acc(&s.agency),
        "title": acc(&s.title),
        "headings": acc(&s.headings),
    })
}
