//! Every citation of the draft resolves to a verbatim span of its report.

use std::collections::HashMap;

use fazhi_summary::{Block, DistrictSummary, Inline};

use crate::build::{at_least_20_events, chars, exactly_34_events};
use crate::seeds::{seed_summary, seeds};
use crate::synthetic::district;

fn check(summary: &DistrictSummary, texts: &HashMap<String, String>) {
    assert!(!summary.citations.is_empty());
    for (i, c) in summary.citations.iter().enumerate() {
        assert_eq!(c.id, i + 1, "ids are 1..n");
        let text = texts
            .get(&c.submission_id)
            .unwrap_or_else(|| panic!("unknown submission {}", c.submission_id));
        let all = chars(text);
        assert!(
            c.start < c.end && c.end <= all.len(),
            "span {}..{} outside {}",
            c.start,
            c.end,
            c.submission_id
        );
        let span: String = all[c.start..c.end].iter().collect();
        assert_eq!(span, c.text, "citation {} is not verbatim", c.id);
        if let Some(n) = &c.number {
            assert!(
                span.contains(n.as_str()),
                "citation {}: {span} lacks {n}",
                c.id
            );
            assert!(
                c.quote.contains(&format!("【{}】", c.text)),
                "citation {}: the quote does not mark {}: {}",
                c.id,
                c.text,
                c.quote
            );
        }
        let note = summary
            .notes
            .iter()
            .find(|n| n.citations.contains(&c.id))
            .unwrap_or_else(|| panic!("citation {} is in no note", c.id));
        assert!(
            summary
                .draft_markdown
                .contains(&format!("[^{}]: ", note.id)),
            "no footnote {}",
            note.id
        );
        assert!(
            note.text.contains(&c.short_name),
            "note {} lacks {}",
            note.id,
            c.short_name
        );
        assert!(
            c.sentence.contains(&c.text),
            "citation {}: sentence lacks its span",
            c.id
        );
        let sentence: String = all[c.sentence_start.min(all.len())..c.sentence_end.min(all.len())]
            .iter()
            .collect();
        assert_eq!(
            sentence, c.sentence,
            "citation {}: sentence is not verbatim",
            c.id
        );
    }
    assert!(summary.verification.passed, "{:#?}", summary.verification);
    // Every marker of the draft has its citation.
    for b in &summary.draft {
        if let Block::Paragraph { inlines } = b {
            for i in inlines {
                if let Inline::Cite { id } = i {
                    assert!(*id >= 1 && *id <= summary.citations.len());
                }
            }
        }
    }
}

#[test]
fn every_citation_of_the_seed_draft_resolves_to_its_number() {
    let Some(seeds) = seeds() else { return };
    let (_, s) = seed_summary(&seeds);
    let texts: HashMap<String, String> = seeds
        .iter()
        .map(|x| (x.submission_id.clone(), x.text.clone()))
        .collect();
    check(&s, &texts);
    // Every quantity of every report is in the per-unit annex, as written.
    let annex = s
        .draft
        .iter()
        .filter_map(|b| match b {
            Block::Table { header, rows } if header.iter().any(|h| h == "原文数字") => {
                Some(rows.len())
            }
            _ => None,
        })
        .sum::<usize>();
    let all: usize = seeds.iter().map(|x| x.parsed.quantities.len()).sum();
    assert_eq!(annex, all);
}

#[test]
fn every_citation_of_a_synthetic_draft_resolves() {
    let (_, s) = district(&[
        (
            "开展各类法治宣传活动20余场。",
            vec![at_least_20_events("开展各类法治宣传活动20余场")],
        ),
        (
            "组织普法活动34场。",
            vec![exactly_34_events("组织普法活动34场", "普法活动")],
        ),
    ]);
    let texts: HashMap<String, String> = [
        (
            "s0".to_owned(),
            crate::build::report_text("开展各类法治宣传活动20余场。"),
        ),
        (
            "s1".to_owned(),
            crate::build::report_text("组织普法活动34场。"),
        ),
    ]
    .into_iter()
    .collect();
    check(&s, &texts);
}

/// With whatever the real parser returns today: no panic, and every citation
/// whose span lies in the text is verbatim.
#[test]
fn real_parser_output_consolidates_and_cites_verbatim() {
    let Some(seeds) = seeds() else { return };
    let parses: Vec<fazhi_core::ParsedReport> = seeds
        .iter()
        .map(|s| fazhi_core::parse_text(&s.text, &fazhi_core::ParseOptions::default()))
        .collect();
    let roster: Vec<_> = seeds.iter().map(|s| s.agency.clone()).collect();
    let inputs: Vec<_> = seeds
        .iter()
        .zip(&parses)
        .map(|(s, p)| crate::build::input(&s.agency, &s.submission_id, &s.text, p))
        .collect();
    let summary = fazhi_summary::consolidate("示例区", 2023, &roster, &inputs);
    assert!(!fazhi_summary::render_docx(&summary).is_empty());
    let texts: HashMap<String, String> = seeds
        .iter()
        .map(|x| (x.submission_id.clone(), x.text.clone()))
        .collect();
    for c in &summary.citations {
        let all = chars(&texts[&c.submission_id]);
        if c.start < c.end && c.end <= all.len() {
            let span: String = all[c.start..c.end].iter().collect();
            if c.number.is_none() {
                assert_eq!(span, c.text, "citation {} is not verbatim", c.id);
            } else {
                // A number's text is the parser's; it should be the span.
                assert!(
                    span.contains(c.number.as_deref().unwrap_or_default()),
                    "{span} vs {:?}",
                    c.number
                );
            }
        }
    }
    eprintln!(
        "real parser: {} indicators, {} other quantities, {} citations",
        summary.indicators.len(),
        summary.other_quantities.len(),
        summary.citations.len()
    );
}
