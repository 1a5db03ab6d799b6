use fazhi_analysis::draft::{plan_blocks, recurring_blocks};
use fazhi_analysis::plans::review;
use fazhi_analysis::recurring::track;
use fazhi_summary::model::{Block, Inline};

use crate::season::Season;

fn paragraph_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph { inlines } => Some(
                inlines
                    .iter()
                    .filter_map(|i| match i {
                        Inline::Text { text } => Some(text.clone()),
                        _ => None,
                    })
                    .collect::<String>(),
            ),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn the_draft_tells_the_plans_in_a_paragraph_and_lists_them_in_an_annex() {
    let (a, b) = (Season::load(2023), Season::load(2024));
    let (ca, cb) = (a.contributions(), b.contributions());
    let blocks = plan_blocks(&review(2023, &ca, 2024, &cb));
    let text = paragraph_text(&blocks);
    assert!(text.contains("11项工作安排"), "{text}");
    assert!(
        text.contains("已落实4项、部分落实1项，未见落实6项"),
        "{text}"
    );
    assert!(text.contains("落实率36.4%"), "{text}");
    // scj, cgj and wlj delivered none of their plans.
    assert!(
        text.contains("；市场监管局、城管委、文旅局的安排均未见落实"),
        "{text}"
    );
    let rows = blocks.iter().find_map(|b| match b {
        Block::Table { rows, .. } => Some(rows.len()),
        _ => None,
    });
    assert_eq!(rows, Some(11));

    let blocks = recurring_blocks(&track(&[(2023, &ca), (2024, &cb)]));
    let text = paragraph_text(&blocks);
    assert!(text.contains("两个单位的2项问题"), "{text}");
}
