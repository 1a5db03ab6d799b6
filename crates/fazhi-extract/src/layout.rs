//! Positioned text (PDF glyph runs, OFD TextCodes) → paragraphs in reading
//! order: fragments grouped into lines by baseline, lines top to bottom;
//! running headers, footers and page numbers removed; wrapped lines rejoined
//! into paragraphs (a paragraph starts at an indent, after a short line, a
//! wide vertical gap or a heading marker). Single-column layout is assumed:
//! annual reports are set that way.

use crate::ExtractError;
use crate::out::Out;

/// One run of text at a position. `y` grows downwards (top of page = 0).
#[derive(Debug, Clone)]
pub(crate) struct Frag {
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) size: f32,
    pub(crate) text: String,
    /// Right edge when the format states it (OFD boundaries); estimated
    /// from the characters otherwise.
    pub(crate) end: Option<f32>,
}

#[derive(Debug, Default)]
pub(crate) struct Page {
    pub(crate) frags: Vec<Frag>,
    /// 0 when unknown (no header/footer band then).
    pub(crate) height: f32,
}

#[derive(Debug, Clone)]
struct Line {
    y: f32,
    x0: f32,
    x1: f32,
    size: f32,
    text: String,
}

/// Share of the page height at the top and bottom where running headers
/// and footers live.
const BAND: f32 = 0.1;

pub(crate) fn write(pages: Vec<Page>, out: &mut Out) -> Result<(), ExtractError> {
    let mut lines_per_page: Vec<(f32, Vec<Line>)> = pages
        .into_iter()
        .map(|p| (p.height, lines(p.frags)))
        .collect();
    remove_running(&mut lines_per_page);
    let all: Vec<&Line> = lines_per_page.iter().flat_map(|(_, l)| l.iter()).collect();
    let Some(margin) = all.iter().map(|l| l.x0).reduce(f32::min) else {
        return Ok(());
    };
    let right = all.iter().map(|l| l.x1).fold(margin, f32::max);
    let mut para = String::new();
    for (_, lines) in &lines_per_page {
        let gap = median_gap(lines);
        for (i, line) in lines.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| lines.get(j));
            let em = line.size.max(1.0);
            let indented = line.x0 > margin + em;
            let after_short = prev.is_some_and(|p| p.x1 < right - 2.0 * p.size.max(1.0));
            let wide_gap = prev.is_some_and(|p| gap > 0.0 && line.y - p.y > 1.6 * gap);
            let breaks = para.is_empty()
                || indented
                || after_short
                || wide_gap
                || heading_marker(&line.text)
                || (prev.is_none() && ends_sentence(&para));
            if breaks && !para.is_empty() {
                out.paragraph(&para, None)?;
                para.clear();
            }
            join(&mut para, &line.text);
        }
    }
    out.paragraph(&para, None)
}

fn lines(mut frags: Vec<Frag>) -> Vec<Line> {
    frags.retain(|f| !f.text.trim().is_empty());
    frags.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut lines: Vec<Vec<Frag>> = Vec::new();
    for f in frags {
        match lines.last_mut() {
            Some(line)
                if line
                    .first()
                    .is_some_and(|l| (f.y - l.y).abs() <= 0.5 * l.size.max(f.size)) =>
            {
                line.push(f)
            }
            _ => lines.push(vec![f]),
        }
    }
    lines
        .into_iter()
        .map(|mut frags| {
            frags.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut end = f32::MIN;
            for f in &frags {
                let gap = f.x - end;
                if !text.is_empty() && gap > 0.25 * f.size && needs_space(&text, &f.text) {
                    text.push(' ');
                }
                text.push_str(&f.text);
                end = f.end.unwrap_or(f.x + width(&f.text) * f.size);
            }
            let first = &frags[0];
            Line {
                y: first.y,
                x0: first.x,
                x1: end,
                size: frags.iter().map(|f| f.size).fold(0.0, f32::max),
                text,
            }
        })
        .collect()
}

/// Estimated advance in ems: CJK and full-width forms are square, the rest half.
fn width(s: &str) -> f32 {
    s.chars()
        .map(|c| if (c as u32) < 0x2E80 { 0.5 } else { 1.0 })
        .sum()
}

fn needs_space(before: &str, after: &str) -> bool {
    let a = before.chars().next_back();
    let b = after.chars().next();
    matches!((a, b), (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
}

fn join(para: &mut String, line: &str) {
    let line = line.trim();
    if needs_space(para, line) {
        para.push(' ');
    }
    para.push_str(line);
}

fn median_gap(lines: &[Line]) -> f32 {
    let mut gaps: Vec<f32> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.0)
        .collect();
    if gaps.is_empty() {
        return 0.0;
    }
    gaps.sort_by(f32::total_cmp);
    gaps[gaps.len() / 2]
}

fn ends_sentence(para: &str) -> bool {
    para.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| "。！？；：!?;:”".contains(c))
}

/// `一、` `十一、` `（一）` `(1)` `1、` `1.` at the start of a line (not `（2021`).
fn heading_marker(line: &str) -> bool {
    const NUM: &str = "一二三四五六七八九十";
    let cs: Vec<char> = line.trim_start().chars().take(6).collect();
    let numeral = |c: &char| NUM.contains(*c) || c.is_ascii_digit();
    let opened = matches!(cs.first(), Some('（' | '('));
    let body = if opened { &cs[1..] } else { &cs[..] };
    let n = body.iter().take_while(|c| numeral(c)).count();
    if n == 0 || n > 3 {
        return false;
    }
    let all_digits = body[..n].iter().all(char::is_ascii_digit);
    match (opened, body.get(n)) {
        (true, Some('）' | ')')) => true,
        (false, Some('、')) => true,
        (false, Some('.' | '．')) => {
            all_digits && body.get(n + 1).is_some_and(|c| !c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Drop lines in the top/bottom band that repeat on most pages (digits
/// ignored, so `第 3 页` repeats) or that are page numbers on their own.
fn remove_running(pages: &mut [(f32, Vec<Line>)]) {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let in_band = |height: f32, l: &Line| {
        height > 0.0 && (l.y < BAND * height || l.y > (1.0 - BAND) * height)
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (h, lines) in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for l in lines.iter().filter(|l| in_band(*h, l)) {
            if seen.insert(key(&l.text)) {
                *counts.entry(key(&l.text)).or_default() += 1;
            }
        }
    }
    let n = pages.len();
    for (h, lines) in pages.iter_mut() {
        let h = *h;
        let last = lines.len().saturating_sub(1);
        let mut i = 0;
        lines.retain(|l| {
            let edge = i == 0 || i == last;
            i += 1;
            let banded = in_band(h, l) || (h <= 0.0 && edge);
            let repeats = n >= 2
                && counts
                    .get(&key(&l.text))
                    .is_some_and(|&c| c >= 2 && 2 * c >= n);
            !(banded && (repeats || page_number(&l.text)))
        });
    }
}

/// `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 10 页`, `3/10`, `Page 3`.
fn page_number(s: &str) -> bool {
    let core: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !"-—–·－_/第页共Pagepage".contains(*c))
        .collect();
    !core.is_empty() && core.len() <= 8 && core.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frag(x: f32, y: f32, text: &str) -> Frag {
        Frag {
            x,
            y,
            size: 10.0,
            text: text.into(),
            end: None,
        }
    }

    fn render(pages: Vec<Page>) -> String {
        let mut out = Out::new(10_000);
        write(pages, &mut out).ok();
        out.finish().0
    }

    #[test]
    fn wrapped_lines_are_rejoined_and_running_lines_dropped() {
        let page = |n: &str| Page {
            height: 800.0,
            frags: vec![
                frag(100.0, 20.0, "某某局文件"),
                frag(120.0, 100.0, "一、主要举措和成效"),
                frag(120.0, 120.0, "开展法治宣传活动二十余场，发放资料"),
                frag(100.0, 140.0, "六千余份。"),
                frag(300.0, 780.0, n),
            ],
        };
        let text = render(vec![page("- 1 -"), page("- 2 -")]);
        assert_eq!(
            text,
            "一、主要举措和成效\n开展法治宣传活动二十余场，发放资料六千余份。\n一、主要举措和成效\n开展法治宣传活动二十余场，发放资料六千余份。"
        );
    }

    #[test]
    fn fragments_on_one_baseline_are_ordered_by_x() {
        let page = Page {
            height: 0.0,
            frags: vec![frag(150.0, 100.0, "成效"), frag(100.0, 100.5, "举措和")],
        };
        assert_eq!(render(vec![page]), "举措和成效");
    }

    #[test]
    fn heading_markers() {
        for s in [
            "一、主要举措",
            "十一、其他",
            "（一）加强",
            "(2)推进",
            "3、完善",
            "1.加强",
        ] {
            assert!(heading_marker(s), "{s}");
        }
        for s in ["（2021-2025年）", "2022年是", "1.5倍", "一是加强", "（注）"] {
            assert!(!heading_marker(s), "{s}");
        }
    }

    #[test]
    fn page_numbers() {
        for s in ["3", "- 3 -", "第 3 页", "3/10", "— 12 —"] {
            assert!(page_number(s), "{s}");
        }
        for s in ["2023年", "一、", "开展活动22场"] {
            assert!(!page_number(s), "{s}");
        }
    }
}
