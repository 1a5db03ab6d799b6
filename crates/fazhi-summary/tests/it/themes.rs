//! Themes by meaning: the primary chapter of every item of the five seeds and
//! the two synthetic districts, against a hand-labelled set
//! (`tests/fixtures/themes_gold.tsv`), and chapter counts that count each
//! item once.

use std::collections::HashMap;
use std::path::Path;

use fazhi_core::{ParseOptions, parse_text};
use fazhi_summary::{Agency, ReportInput, contribution, themes::primary};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");

/// The report file a gold source names (`seeds/000`, `haitang/05_jiaowei`).
fn file_of(source: &str) -> Option<std::path::PathBuf> {
    let (dir, stem) = source.split_once('/')?;
    let dir = if dir == "seeds" {
        Path::new(SEEDS).to_path_buf()
    } else {
        Path::new(FIXTURES).join(dir)
    };
    std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.extension().is_some_and(|x| x == "txt")
                && p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| s.starts_with(stem))
        })
}

/// Primary chapter per (source, label) as the summary classifies it.
fn predicted(sources: &[&str]) -> HashMap<(String, String), String> {
    let mut out = HashMap::new();
    for source in sources {
        let Some(path) = file_of(source) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("report");
        let parsed = parse_text(&text, &ParseOptions::default());
        let input = ReportInput {
            agency: Agency {
                code: (*source).to_owned(),
                name: String::new(),
                kind: Some(fazhi_core::AgencyKind::Department),
            },
            submission_id: (*source).to_owned(),
            submitted_at: String::new(),
            on_time: true,
            text: &text,
            parsed: &parsed,
        };
        for item in contribution(&input).items {
            out.insert(
                ((*source).to_owned(), item.label.clone()),
                primary(&item).to_owned(),
            );
        }
    }
    out
}

#[test]
fn primary_chapters_match_the_hand_labels_on_nine_in_ten_items() {
    if !Path::new(SEEDS).is_dir() {
        eprintln!("skipping: seeds not found at {SEEDS}");
        return;
    }
    let gold_text =
        std::fs::read_to_string(Path::new(FIXTURES).join("themes_gold.tsv")).expect("gold");
    let gold: Vec<(String, String, String)> = gold_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_owned(), f[2].to_owned(), f[3].to_owned())
        })
        .collect();
    assert!(gold.len() >= 150, "{} labelled items", gold.len());
    let mut sources: Vec<&str> = gold.iter().map(|(s, _, _)| s.as_str()).collect();
    sources.dedup();
    let got = predicted(&sources);
    let mut wrong = Vec::new();
    for (source, label, chapter) in &gold {
        let p = got
            .get(&(source.clone(), label.clone()))
            .map_or("(missing)", String::as_str);
        if p != chapter {
            wrong.push(format!("{source} {label}: {p} (gold {chapter})"));
        }
    }
    let held: Vec<&(String, String, String)> =
        gold.iter().filter(|g| g.0.starts_with("qinghe/")).collect();
    let held_wrong = wrong.iter().filter(|w| w.starts_with("qinghe/")).count();
    eprintln!(
        "held-out 清河区 only: accuracy {:.3} on {} items",
        1.0 - held_wrong as f64 / held.len().max(1) as f64,
        held.len()
    );
    for w in &wrong {
        eprintln!("  miss: {w}");
    }
    let accuracy = 1.0 - wrong.len() as f64 / gold.len() as f64;
    eprintln!(
        "primary-chapter accuracy {accuracy:.3} on {} items",
        gold.len()
    );
    assert!(
        accuracy >= 0.9,
        "accuracy {accuracy:.3}:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn chapter_counts_count_each_item_once() {
    let Some(seeds) = crate::seeds::seeds() else {
        return;
    };
    let (_, s) = crate::seeds::seed_summary(&seeds);
    let items: usize = seeds
        .iter()
        .flat_map(|x| &x.parsed.sections)
        .filter(|sec| {
            matches!(
                sec.part,
                fazhi_core::Part::Measures
                    | fazhi_core::Part::Shortcomings
                    | fazhi_core::Part::NextYear
            )
        })
        .map(|sec| sec.items.len().max(1))
        .sum();
    let counted: usize = s
        .themes
        .iter()
        .map(|t| t.measures + t.shortcomings + t.plans)
        .sum();
    assert_eq!(counted, items);
    let matrix: usize = s.theme_matrix.rows.iter().flat_map(|r| &r.counts).sum();
    let measures: usize = s.themes.iter().map(|t| t.measures).sum();
    assert_eq!(matrix, measures);
}
