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
        let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
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
        anyhow::bail!("some files could not be read");
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
pub fn eval(dir: &std::path::Path) -> anyhow::Result<()> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        anyhow::bail!("no gold JSON files in {}", dir.display());
    }
    let mut pairs = Vec::with_capacity(files.len());
    for file in &files {
        let gold: serde_json::Value = serde_json::from_slice(&std::fs::read(file)?)
            .with_context(|| format!("{} is not JSON", file.display()))?;
        let text_file = gold["file"]
            .as_str()
            .with_context(|| format!("{} has no \"file\"", file.display()))?;
        let bytes =
            std::fs::read(dir.join(text_file)).with_context(|| format!("reading {text_file}"))?;
        let (_, parsed) = fazhi_core::parse_bytes(&bytes, &ParseOptions::default())?;
        pairs.push((gold, parsed));
    }
    let scores = fazhi_core::eval::score(&pairs);
    print!("{scores}");
    let shortfalls = scores.shortfalls();
    if !shortfalls.is_empty() {
        anyhow::bail!("below the bar: {}", shortfalls.join("; "));
    }
    println!("bar met (parts F1, year, agency, quantities F1)");
    Ok(())
}
