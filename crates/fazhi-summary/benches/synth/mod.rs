//! Synthetic district: the five sample reports of `samples/reports`, parsed
//! with the real parser, each copy with its own agency and its own numbers.
//! Shared by the benches (included with `#[path]`).

use fazhi_core::{AgencyKind, ParseOptions, parse_text};
use fazhi_summary::{Agency, ReportContribution, ReportInput, contribution};

const SEEDS: [&str; 5] = [
    include_str!("../../../../samples/reports/000_694a7727829af4aa.txt"),
    include_str!("../../../../samples/reports/001_6193ebd917cce1b8.txt"),
    include_str!("../../../../samples/reports/002_8688029d397398e8.txt"),
    include_str!("../../../../samples/reports/003_cb32341b71933a80.txt"),
    include_str!("../../../../samples/reports/004_f20b88b3a1d009b5.txt"),
];

const KINDS: [(&str, AgencyKind); 3] = [
    ("局", AgencyKind::Department),
    ("街道", AgencyKind::Street),
    ("镇", AgencyKind::Town),
];

/// `123` as `一二三`.
fn chinese_digits(n: usize) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    n.to_string()
        .bytes()
        .map(|b| D[usize::from(b - b'0')])
        .collect()
}

/// The roster of `n` units: `u0000`, `u0001`, …
pub fn roster(n: usize) -> Vec<Agency> {
    (0..n)
        .map(|i| {
            let (suffix, kind) = KINDS[i % KINDS.len()];
            Agency {
                code: format!("u{i:04}"),
                // No digits in names: a digit in the draft's prose must be a
                // derived number, or verification flags it.
                name: format!("第{}{suffix}", chinese_digits(i + 1)),
                kind: Some(kind),
            }
        })
        .collect()
}

/// The seed with every number that is not a year shifted by `salt`, so each
/// copy's totals and citations differ.
fn vary(text: &str, salt: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let year = run.len() == 4 && (run.starts_with("19") || run.starts_with("20"));
        if run.is_empty() || year {
            out.push_str(run);
        } else if let Ok(v) = run.parse::<u64>() {
            out.push_str(&(v + (salt % 9) as u64).to_string());
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            run.push(ch);
        } else {
            flush(&mut run, &mut out);
            out.push(ch);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Unit `i`'s report as a stored contribution (`version` changes the
/// submission id and the numbers, as a corrected resubmission would).
pub fn contribution_of(agency: &Agency, i: usize, version: usize) -> ReportContribution {
    let text = vary(SEEDS[i % SEEDS.len()], i / SEEDS.len() + version * 3);
    let parsed = parse_text(&text, &ParseOptions::default());
    contribution(&ReportInput {
        agency: agency.clone(),
        submission_id: format!("sub-{}-v{version}", agency.code),
        submitted_at: "2024-02-20T09:00:00Z".to_owned(),
        on_time: !i.is_multiple_of(7),
        text: &text,
        parsed: &parsed,
    })
}

/// One contribution per unit of the roster.
pub fn contributions(roster: &[Agency]) -> Vec<ReportContribution> {
    roster
        .iter()
        .enumerate()
        .map(|(i, a)| contribution_of(a, i, 0))
        .collect()
}
