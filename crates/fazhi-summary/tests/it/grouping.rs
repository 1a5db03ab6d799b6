//! Shortcomings and plans grouped by meaning across chapters, against a
//! hand-grouped set (`tests/fixtures/groups_gold.tsv`): pairwise F1 over all
//! pairs of items of one part within one district.

use std::collections::HashMap;
use std::path::Path;

use fazhi_summary::{DistrictSummary, ItemGroup};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// (source, label) → predicted group index, per part, over all three
/// districts (each consolidated on its own).
fn predicted() -> HashMap<(String, String, String), String> {
    let mut out = HashMap::new();
    let mut add = |district: &str, s: &DistrictSummary, source_of: &dyn Fn(&str) -> String| {
        for (part, groups) in [("shortcomings", &s.shortcomings), ("next_year", &s.plans)] {
            for (g, group) in groups.iter().enumerate() {
                let group: &ItemGroup = group;
                for item in &group.items {
                    out.insert(
                        (
                            source_of(&item.submission_id),
                            part.to_owned(),
                            item.label.clone(),
                        ),
                        format!("{district}/{part}/{g}"),
                    );
                }
            }
        }
    };
    if let Some(seeds) = crate::seeds::seeds() {
        let (_, s) = crate::seeds::seed_summary(&seeds);
        add("seeds", &s, &|sub: &str| {
            format!("seeds/{}", &sub.trim_start_matches("sub-")[..3])
        });
    }
    for d in ["haitang", "yunxi", "qinghe"] {
        let dir = Path::new(FIXTURES).join(d);
        let loaded = crate::districts::load(&dir, d, 2023);
        add(d, &loaded.summary, &|sub: &str| {
            format!("{d}/{}", sub.trim_start_matches("sub-"))
        });
    }
    out
}

#[test]
fn groups_match_the_hand_grouping_with_pairwise_f1_above_085() {
    if crate::seeds::seeds().is_none() {
        return;
    }
    let gold_text =
        std::fs::read_to_string(Path::new(FIXTURES).join("groups_gold.tsv")).expect("gold");
    let gold: Vec<(String, String, String, String)> = gold_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[0].to_owned(),
                f[1].to_owned(),
                f[2].to_owned(),
                f[3].to_owned(),
            )
        })
        .collect();
    assert!(gold.len() >= 100, "{} hand-grouped items", gold.len());
    let got = predicted();
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for (i, a) in gold.iter().enumerate() {
        for b in &gold[i + 1..] {
            // Pairs of one part within one district (each is consolidated on its own).
            if a.1 != b.1 || a.0.split('/').next() != b.0.split('/').next() {
                continue;
            }
            let key =
                |x: &(String, String, String, String)| (x.0.clone(), x.1.clone(), x.2.clone());
            let (Some(ga), Some(gb)) = (got.get(&key(a)), got.get(&key(b))) else {
                panic!("not grouped at all: {a:?} or {b:?}");
            };
            let same_gold = a.3 == b.3;
            let same_got = ga == gb;
            match (same_gold, same_got) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    wrong.push(format!("lumped: {} | {}", a.2, b.2));
                }
                (true, false) => {
                    fneg += 1;
                    wrong.push(format!("split: {} | {}", a.2, b.2));
                }
                (false, false) => {}
            }
        }
    }
    let held = |prefix: &str| {
        let (mut t, mut f, mut n) = (0usize, 0usize, 0usize);
        for (i, a) in gold
            .iter()
            .enumerate()
            .filter(|(_, a)| a.0.starts_with(prefix))
        {
            for b in gold[i + 1..]
                .iter()
                .filter(|b| b.0.starts_with(prefix) && b.1 == a.1)
            {
                let key =
                    |x: &(String, String, String, String)| (x.0.clone(), x.1.clone(), x.2.clone());
                let same_got = got.get(&key(a)) == got.get(&key(b));
                match (a.3 == b.3, same_got) {
                    (true, true) => t += 1,
                    (false, true) => f += 1,
                    (true, false) => n += 1,
                    _ => {}
                }
            }
        }
        let p = t as f64 / (t + f).max(1) as f64;
        let r = t as f64 / (t + n).max(1) as f64;
        (p, r, 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE))
    };
    let (hp, hr, hf) = held("qinghe/");
    eprintln!("grouping, held-out 清河区 only: precision {hp:.3} recall {hr:.3} F1 {hf:.3}");
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    eprintln!(
        "grouping: pairwise precision {precision:.3} recall {recall:.3} F1 {f1:.3} ({tp} pairs)"
    );
    assert!(f1 >= 0.85, "F1 {f1:.3}:\n{}", wrong.join("\n"));
}

#[test]
fn the_same_problem_in_other_words_is_one_group_across_chapters() {
    let dir = Path::new(FIXTURES).join("haitang");
    let s = crate::districts::load(&dir, "海棠区", 2023).summary;
    let staff = s
        .shortcomings
        .iter()
        .find(|g| g.items.iter().any(|i| i.label == "执法人员数量少"))
        .expect("group");
    assert!(
        staff.items.iter().any(|i| i.label == "执法力量配备不足"),
        "{staff:#?}"
    );
    assert_eq!(staff.agencies_count, 6);
    // A group never lumps unrelated problems.
    assert!(!staff.items.iter().any(|i| i.label.contains("信息化")));
    assert!(
        s.draft_markdown.contains("等6家单位反映"),
        "{}",
        s.draft_markdown
    );
}
