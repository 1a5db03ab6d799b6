//! The consolidated draft, in Chinese, in the district's voice, in the five
//! statutory parts, as blocks that render to Markdown ([`render_markdown`])
//! and DOCX ([`crate::docx`]).
//!
//! Every number of the draft is an [`Inline::Number`] carrying its
//! [`crate::model::Derivation`] (a sum of cited numbers with the qualifier
//! algebra, a rate from cited parts, a count of cited units or items, a
//! coverage fact); [`crate::verify`] recomputes each one. Text inlines carry
//! no digits. Citations ([`Inline::Cite`]) that stand together form one
//! footnote ([`notes`]): each source's unit (short name) and its whole
//! sentence with the number marked 【…】.

mod apart;
mod cites;
mod compliance;
mod duty;
mod indicators;
mod lists;
mod measures;
mod numbers;
mod plans;
pub(crate) mod prose;
mod season;

use std::collections::{HashMap, HashSet};

use fazhi_core::Part;

pub use prose::{cn_num, fmt_num, fmt_qualified};

use crate::catalog::{Catalog, Themes};
use crate::citation_index::CitationIndex;
use crate::model::{Block, Citation, DistrictSummary, Inline, Note};
use prose::{Cites, Para, heading, plain};

/// The draft's blocks and the citations they use.
pub(crate) fn build(
    summary: &DistrictSummary,
    catalog: &Catalog,
    themes: &Themes,
) -> (Vec<Block>, Vec<Citation>) {
    let mut cites = Cites::default();
    let mut out = Vec::new();
    out.push(Block::Title {
        text: format!(
            "{}{}年法治政府建设年度报告（汇总稿）",
            summary.district, summary.year
        ),
    });
    let mut p = Para::default();
    p.text(format!(
        "依据《法治政府建设与责任落实督察工作规定》，现将{}",
        summary.district
    ));
    p.year(summary.year);
    p.text("年度法治政府建设情况报告如下。本报告根据全区");
    p.fact("actual", summary.reporting.actual as f64, "家");
    p.text("单位报送的年度报告汇总形成，文中数据均注明来源单位和原文。");
    out.push(p.block());

    out.push(heading(1, format!("一、{}", Part::Measures.title_zh())));
    measures::part(summary, catalog, themes, &mut cites, &mut out);

    out.push(heading(1, format!("二、{}", Part::Shortcomings.title_zh())));
    if summary.shortcomings.is_empty() {
        out.push(plain("各单位报告中未识别出存在的不足和原因。"));
    } else {
        out.push(plain(
            "对照法治政府建设目标任务，全区法治政府建设还存在一些不足，主要是：",
        ));
        lists::groups(&summary.shortcomings, "反映", true, &mut cites, &mut out);
    }

    out.push(heading(1, format!("三、{}", Part::LeaderDuty.title_zh())));
    duty::part(summary, &mut cites, &mut out);

    out.push(heading(1, format!("四、{}", Part::NextYear.title_zh())));
    if let Some(r) = &summary.plan_delivery {
        plans::paragraph(r, &mut out);
    }
    if summary.plans.is_empty() {
        out.push(plain("各单位报告中未识别出下一年度工作安排。"));
    } else {
        let mut p = Para::default();
        p.year(summary.year + 1);
        p.text("年，全区将重点做好以下工作：");
        out.push(p.block());
        lists::groups(&summary.plans, "提出", false, &mut cites, &mut out);
    }

    out.push(heading(1, format!("五、{}", Part::Other.title_zh())));
    compliance::part(summary, &mut cites, &mut out);
    compliance::annexes(summary, catalog, themes, &mut out);
    if let Some(r) = &summary.plan_delivery {
        plans::annex(r, &mut out);
    }
    (out, cites.list)
}

/// The footnotes of a draft: each maximal run of adjacent citation markers
/// is one note, numbered in reading order.
pub fn notes(blocks: &[Block], citations: &[Citation]) -> Vec<Note> {
    let mut out = Vec::new();
    let index = CitationIndex::new(citations);
    for b in blocks {
        let Block::Paragraph { inlines } = b else {
            continue;
        };
        let mut run: Vec<usize> = Vec::new();
        let mut in_run: HashSet<usize> = HashSet::new();
        for i in inlines.iter().chain(std::iter::once(&Inline::Text {
            text: String::new(),
        })) {
            match i {
                Inline::Cite { id } if in_run.insert(*id) => run.push(*id),
                Inline::Cite { .. } => {}
                _ if !run.is_empty() => {
                    let ids = std::mem::take(&mut run);
                    in_run.clear();
                    out.push(Note {
                        id: out.len() + 1,
                        text: note_text(&ids, &index),
                        citations: ids,
                    });
                }
                _ => {}
            }
        }
    }
    out
}

/// `西营门街道（第301–340字）：“…开展各类法治宣传活动【20余场】…”；…`:
/// sources that share a sentence are quoted once, every cited number marked.
fn note_text(ids: &[usize], citations: &CitationIndex<'_>) -> String {
    let cited: Vec<&Citation> = ids.iter().filter_map(|id| citations.get(*id)).collect();
    // Numbers by sentence, in order: one pass instead of a scan per source.
    let mut by_sentence: HashMap<(&str, usize, usize), Vec<usize>> = HashMap::new();
    for (j, d) in cited.iter().enumerate() {
        if d.number.is_some() {
            by_sentence
                .entry((d.submission_id.as_str(), d.sentence_start, d.sentence_end))
                .or_default()
                .push(j);
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let mut done = vec![false; cited.len()];
    for (i, c) in cited.iter().enumerate() {
        if done[i] {
            continue;
        }
        let same: Vec<usize> = if c.number.is_some() && !c.sentence.is_empty() {
            by_sentence
                .get(&(c.submission_id.as_str(), c.sentence_start, c.sentence_end))
                .map(|js| js.iter().copied().filter(|&j| j >= i).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        if same.len() > 1 {
            let spans: Vec<(usize, usize)> = same
                .iter()
                .map(|&j| (cited[j].start, cited[j].end))
                .collect();
            let mut shared = (*c).clone();
            shared.quote = mark_all(&c.sentence, c.sentence_start, &spans);
            parts.push(citation_note(&shared));
            for j in same {
                done[j] = true;
            }
        } else {
            parts.push(citation_note(c));
            done[i] = true;
        }
    }
    parts.join("；")
}

/// The sentence with every span (offsets in the report) marked 【…】.
fn mark_all(sentence: &str, sentence_start: usize, spans: &[(usize, usize)]) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .filter(|(a, b)| *a >= sentence_start && a < b)
        .map(|(a, b)| {
            (
                (a - sentence_start).min(chars.len()),
                (b - sentence_start).min(chars.len()),
            )
        })
        .collect();
    spans.sort_unstable();
    spans.dedup();
    let mut out = String::new();
    let mut at = 0;
    for (a, b) in spans {
        if a < at {
            continue;
        }
        out.extend(&chars[at..a]);
        out.push('【');
        out.extend(&chars[a..b]);
        out.push('】');
        at = b;
    }
    out.extend(&chars[at.min(chars.len())..]);
    out
}

/// One source of a note: the unit's short name, the sentence's position
/// (1-based, inclusive) and the whole sentence with the number marked.
pub fn citation_note(c: &Citation) -> String {
    let (from, to, quote) = if c.quote.is_empty() {
        (c.start, c.end, c.text.as_str())
    } else {
        (c.sentence_start, c.sentence_end, c.quote.as_str())
    };
    let name = if c.short_name.is_empty() {
        &c.agency.name
    } else {
        &c.short_name
    };
    format!(
        "{name}（第{}–{}字）：“{}”",
        from.saturating_add(1),
        to,
        quote.replace('\n', " ").trim()
    )
}

/// Escape what Markdown would read as markup in running text.
fn md_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

fn md_cell(s: &str) -> String {
    md_text(s).replace('|', "｜").replace('\n', " ")
}

/// The draft as Markdown: `#` title, `##` parts, `###` chapters; one
/// footnote `[^n]` per note.
pub fn render_markdown(blocks: &[Block], citations: &[Citation]) -> String {
    let notes = notes(blocks, citations);
    let mut next = 0;
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title { text } => out.push_str(&format!("# {}\n\n", md_text(text))),
            Block::Heading { level, text } => out.push_str(&format!(
                "{} {}\n\n",
                "#".repeat(usize::from(*level).clamp(1, 5) + 1),
                md_text(text)
            )),
            Block::Paragraph { inlines } => {
                let mut in_run = false;
                for i in inlines {
                    match i {
                        Inline::Text { text } => {
                            in_run = false;
                            out.push_str(&md_text(text));
                        }
                        Inline::Number { text, .. } => {
                            in_run = false;
                            out.push_str(&md_text(text));
                        }
                        Inline::Cite { .. } => {
                            if !in_run {
                                next += 1;
                                out.push_str(&format!("[^{next}]"));
                            }
                            in_run = true;
                        }
                    }
                }
                out.push_str("\n\n");
            }
            Block::Table { header, rows } => {
                out.push_str(&format!(
                    "| {} |\n",
                    header
                        .iter()
                        .map(|h| md_cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for row in rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        row.iter()
                            .map(|c| md_cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                }
                out.push('\n');
            }
        }
    }
    for n in &notes {
        out.push_str(&format!("[^{}]: {}\n", n.id, md_text(&n.text)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::Qualifier;

    #[test]
    fn numbers_read_as_reports_write_them() {
        assert_eq!(fmt_num(54.0), "54");
        assert_eq!(fmt_num(1_700_000.0), "170万");
        assert_eq!(fmt_num(106_000.0), "10.6万");
        assert_eq!(fmt_num(38_253.0), "38253");
        assert_eq!(fmt_num(12_000.0), "1.2万");
        assert_eq!(fmt_num(6422.0), "6422");
        assert_eq!(fmt_num(85.714), "85.71");
        assert_eq!(fmt_num(85.7), "85.7");
        assert_eq!(fmt_num(f64::NAN), "—");
        assert_eq!(fmt_qualified(54.0, Qualifier::AtLeast, "场"), "不少于54场");
        assert_eq!(
            fmt_qualified(1_700_000.0, Qualifier::MoreThan, "次"),
            "超过170万次"
        );
        assert_eq!(cn_num(11), "十一");
        assert_eq!(cn_num(20), "二十");
        assert_eq!(cn_num(10), "十");
    }
}
