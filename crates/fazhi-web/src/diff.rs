//! Two versions of a report side by side: a line (paragraph) diff, and
//! inside a changed pair of lines the characters that differ. Pure: text
//! in, rows out; the page renders them. Works on chars, never bytes, so
//! no character is ever cut.

use std::time::Duration;

use maud::{Markup, html};
use similar::{Algorithm, ChangeTag, DiffTag, TextDiff};

/// A piece of a line, marked when it differs from the other side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub changed: bool,
}

/// One side of a row: its line number (from 1) and its pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub line: usize,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Same,
    Removed,
    Added,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRow {
    pub kind: RowKind,
    pub old: Option<Cell>,
    pub new: Option<Cell>,
}

/// Counts shown above the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub same: usize,
    pub removed: usize,
    pub added: usize,
    pub changed: usize,
}

// A diff of two 30 000-character reports is milliseconds; the limit is
// for pathological input, after which the diff is coarser but still right.
const TIMEOUT: Duration = Duration::from_secs(2);

fn whole(line: usize, text: &str) -> Cell {
    Cell {
        line,
        pieces: vec![Piece {
            text: text.trim_end_matches(['\n', '\r']).to_owned(),
            changed: false,
        }],
    }
}

/// The characters of `a` and `b` that differ, as pieces of each.
fn inline(a: &str, b: &str) -> (Vec<Piece>, Vec<Piece>) {
    let a = a.trim_end_matches(['\n', '\r']);
    let b = b.trim_end_matches(['\n', '\r']);
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(TIMEOUT)
        .diff_chars(a, b);
    let (mut old, mut new) = (Vec::<Piece>::new(), Vec::<Piece>::new());
    let push = |side: &mut Vec<Piece>, s: &str, changed: bool| match side.last_mut() {
        Some(p) if p.changed == changed => p.text.push_str(s),
        _ => side.push(Piece {
            text: s.to_owned(),
            changed,
        }),
    };
    for c in diff.iter_all_changes() {
        match c.tag() {
            ChangeTag::Equal => {
                push(&mut old, c.value(), false);
                push(&mut new, c.value(), false);
            }
            ChangeTag::Delete => push(&mut old, c.value(), true),
            ChangeTag::Insert => push(&mut new, c.value(), true),
        }
    }
    (old, new)
}

/// Rows of the side-by-side view, old on the left.
pub fn side_by_side(old: &str, new: &str) -> Vec<DiffRow> {
    let diff = TextDiff::configure().timeout(TIMEOUT).diff_lines(old, new);
    let (o, n) = (diff.old_slices(), diff.new_slices());
    let mut rows = Vec::new();
    for op in diff.ops() {
        let (tag, or, nr) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (i, j) in or.zip(nr) {
                    rows.push(DiffRow {
                        kind: RowKind::Same,
                        old: Some(whole(i + 1, o[i])),
                        new: Some(whole(j + 1, n[j])),
                    });
                }
            }
            DiffTag::Delete => rows.extend(or.map(|i| DiffRow {
                kind: RowKind::Removed,
                old: Some(whole(i + 1, o[i])),
                new: None,
            })),
            DiffTag::Insert => rows.extend(nr.map(|j| DiffRow {
                kind: RowKind::Added,
                old: None,
                new: Some(whole(j + 1, n[j])),
            })),
            DiffTag::Replace => {
                // Pair the lines in order; the longer side's rest stands alone.
                let (ov, nv): (Vec<usize>, Vec<usize>) = (or.collect(), nr.collect());
                for k in 0..ov.len().max(nv.len()) {
                    rows.push(match (ov.get(k), nv.get(k)) {
                        (Some(&i), Some(&j)) => {
                            let (a, b) = inline(o[i], n[j]);
                            DiffRow {
                                kind: RowKind::Changed,
                                old: Some(Cell {
                                    line: i + 1,
                                    pieces: a,
                                }),
                                new: Some(Cell {
                                    line: j + 1,
                                    pieces: b,
                                }),
                            }
                        }
                        (Some(&i), None) => DiffRow {
                            kind: RowKind::Removed,
                            old: Some(whole(i + 1, o[i])),
                            new: None,
                        },
                        (None, Some(&j)) => DiffRow {
                            kind: RowKind::Added,
                            old: None,
                            new: Some(whole(j + 1, n[j])),
                        },
                        (None, None) => continue,
                    });
                }
            }
        }
    }
    rows
}

pub fn stats(rows: &[DiffRow]) -> Stats {
    let mut s = Stats::default();
    for r in rows {
        match r.kind {
            RowKind::Same => s.same += 1,
            RowKind::Removed => s.removed += 1,
            RowKind::Added => s.added += 1,
            RowKind::Changed => s.changed += 1,
        }
    }
    s
}

fn cell(c: &Option<Cell>) -> Markup {
    html! {
        @match c {
            Some(c) => {
                td.ln { (c.line) }
                td.txt { @for p in &c.pieces { @if p.changed { mark { (p.text) } } @else { (p.text) } } }
            }
            None => { td.ln {} td.txt.empty {} }
        }
    }
}

/// What the table shows: a row, or a note for a folded run of same lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Row(usize),
    Folded(usize),
}

/// Unchanged lines farther than `context` from a change are folded.
pub fn fold(rows: &[DiffRow], context: usize) -> Vec<Shown> {
    let near_change = |i: usize| {
        let lo = i.saturating_sub(context);
        let hi = (i + context + 1).min(rows.len());
        rows[lo..hi].iter().any(|r| r.kind != RowKind::Same)
    };
    let mut out = Vec::new();
    let mut run = 0;
    for i in 0..rows.len() {
        if near_change(i) {
            if run > 0 {
                out.push(Shown::Folded(run));
                run = 0;
            }
            out.push(Shown::Row(i));
        } else {
            run += 1;
        }
    }
    if run > 0 {
        out.push(Shown::Folded(run));
    }
    out
}

pub fn render(rows: &[DiffRow], context: usize) -> Markup {
    html! {
        table.diff id="diff" {
            thead { tr { th.ln scope="col" { "行" } th scope="col" { "较早版本" } th.ln scope="col" { "行" } th scope="col" { "较新版本" } } }
            tbody {
                @for shown in fold(rows, context) {
                    @match shown {
                        Shown::Folded(n) => tr.fold { td colspan="4" { "（" (n) " 行相同，略）" } },
                        Shown::Row(i) => {
                            @let r = &rows[i];
                            tr class=(match r.kind { RowKind::Same => "same", RowKind::Removed => "del", RowKind::Added => "ins", RowKind::Changed => "chg" }) {
                                (cell(&r.old)) (cell(&r.new))
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_number_is_marked_on_both_sides_and_the_rest_is_same() {
        let old = "一、主要举措\n开展普法活动22场。\n二、不足\n";
        let new = "一、主要举措\n开展普法活动25场。\n二、不足\n新增一段。\n";
        let rows = side_by_side(old, new);
        let s = stats(&rows);
        assert_eq!((s.same, s.changed, s.added, s.removed), (2, 1, 1, 0));
        let chg = rows.iter().find(|r| r.kind == RowKind::Changed).unwrap();
        let marked = |c: &Option<Cell>| -> String {
            c.as_ref()
                .unwrap()
                .pieces
                .iter()
                .filter(|p| p.changed)
                .map(|p| p.text.as_str())
                .collect()
        };
        assert_eq!(marked(&chg.old), "2");
        assert_eq!(marked(&chg.new), "5");
        assert_eq!(chg.old.as_ref().unwrap().line, 2);
    }

    #[test]
    fn identical_texts_fold_into_one_note() {
        let text = (0..50).map(|i| format!("第{i}段。\n")).collect::<String>();
        let rows = side_by_side(&text, &text);
        assert_eq!(stats(&rows).same, 50);
        let html = render(&rows, 2).into_string();
        assert!(html.contains("（50 行相同，略）"), "{html}");
        assert!(!html.contains("<mark>"));
    }

    #[test]
    fn folding_keeps_context_around_a_change() {
        let old = (0..20).map(|i| format!("段{i}\n")).collect::<String>();
        let new = old.replace("段10\n", "段十\n");
        let html = render(&side_by_side(&old, &new), 2).into_string();
        assert!(html.contains("段8") && html.contains("段12"));
        assert!(!html.contains(">段7<") && !html.contains(">段13<"));
        assert!(html.contains("（8 行相同，略）") && html.contains("（7 行相同，略）"));
    }
}
