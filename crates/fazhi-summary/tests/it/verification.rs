//! The verifier recomputes every number of the draft from its sources: a
//! draft it passes has no number without a derivation, and any change to a
//! printed number, a source or the text is caught.

use fazhi_summary::verify::verify;
use fazhi_summary::{Block, DistrictSummary, Inline, Op};

use crate::seeds::{seed_summary, seeds};

fn numbers_mut(s: &mut DistrictSummary) -> Vec<&mut Inline> {
    s.draft
        .iter_mut()
        .filter_map(|b| match b {
            Block::Paragraph { inlines } => Some(inlines),
            _ => None,
        })
        .flat_map(|i| i.iter_mut())
        .filter(|i| matches!(i, Inline::Number { .. }))
        .collect()
}

#[test]
fn the_seed_draft_passes_and_every_kind_of_derivation_is_used() {
    let Some(seeds) = seeds() else { return };
    let (_, s) = seed_summary(&seeds);
    assert!(s.verification.passed, "{:#?}", s.verification.failures);
    assert_eq!(
        verify(&s),
        s.verification,
        "the stored result is the check's"
    );
    let ops: Vec<Op> = s
        .draft
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { inlines } => Some(inlines),
            _ => None,
        })
        .flatten()
        .filter_map(|i| match i {
            Inline::Number { derivation, .. } => Some(derivation.op),
            _ => None,
        })
        .collect();
    for op in [Op::Sum, Op::Rate, Op::Units, Op::Coverage, Op::Year] {
        assert!(ops.contains(&op), "{op:?} unused");
    }
    assert_eq!(ops.len(), s.verification.checked);
}

#[test]
fn a_changed_number_fails_with_its_reason() {
    let Some(seeds) = seeds() else { return };
    let (_, mut s) = seed_summary(&seeds);
    let mut changed = 0;
    for i in numbers_mut(&mut s) {
        if let Inline::Number { text, .. } = i
            && text == "不少于362场"
        {
            *text = "不少于363场".to_owned();
            changed += 1;
        }
    }
    assert_eq!(changed, 1);
    let v = verify(&s);
    assert!(!v.passed);
    assert_eq!(v.failures.len(), 1, "{:#?}", v.failures);
    assert_eq!(v.failures[0].number, "不少于363场");
    assert!(
        v.failures[0].reason.contains("不少于362场"),
        "{}",
        v.failures[0].reason
    );
}

#[test]
fn a_number_without_a_derivation_fails() {
    let Some(seeds) = seeds() else { return };
    let (_, mut s) = seed_summary(&seeds);
    if let Some(Block::Paragraph { inlines }) = s
        .draft
        .iter_mut()
        .find(|b| matches!(b, Block::Paragraph { .. }))
    {
        inlines.push(Inline::Text {
            text: "全区另有普法志愿者120名。".to_owned(),
        });
    }
    let v = verify(&s);
    assert!(!v.passed);
    assert!(
        v.failures
            .iter()
            .any(|f| f.reason == "a number without a derivation" && f.number == "120")
    );
}

#[test]
fn a_changed_source_fails_the_sum_that_cites_it() {
    let Some(seeds) = seeds() else { return };
    let (_, mut s) = seed_summary(&seeds);
    let c = s
        .citations
        .iter_mut()
        .find(|c| c.number.as_deref() == Some("22场"))
        .expect("旧宫镇's 22场 is cited");
    c.value = Some(23.0);
    let v = verify(&s);
    assert!(!v.passed);
    assert!(
        v.failures.iter().any(|f| f.number == "不少于362场"),
        "{:#?}",
        v.failures
    );
}
