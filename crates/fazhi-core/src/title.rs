//! The report's title among the first lines: a short line naming a report
//! on 法治, in the shapes web and office copies give it.
//!
//! Handles: a plain title line; a cover letter `关于报送《…》的报告` (the
//! inner title); a metadata cell `| 标 题: | … |`; a title split over two
//! lines (`…法治政府建设` / `年度报告`); an agency line above a `关于…的报告`
//! line (one title, joined). Looks at a bounded number of lines.

use crate::agency;
use crate::markers::{contains, ends_with, find, leading_marker, starts_with};
use crate::normalize::Doc;

/// Longest line that can be a title.
const MAX_TITLE: usize = 80;

/// A title found: its display text, the line it starts on and every line
/// it uses (not body).
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    pub text: String,
    pub line: usize,
    pub lines: Vec<usize>,
}

/// `| 标 题: | X | |`: the span of X within the line, when the line is a
/// metadata cell holding the title.
fn cell(l: &[char]) -> Option<(usize, usize)> {
    let mut k = 0;
    while matches!(l.get(k), Some('|' | ' ' | '[' | '【')) {
        k += 1;
    }
    if l.get(k) != Some(&'标') {
        return None;
    }
    k += 1;
    while l.get(k) == Some(&' ') {
        k += 1;
    }
    if l.get(k) != Some(&'题') {
        return None;
    }
    k += 1;
    while matches!(l.get(k), Some(':' | '|' | ' ' | ']' | '】')) {
        k += 1;
    }
    let end = (k..l.len()).find(|&i| l[i] == '|').unwrap_or(l.len());
    let end = (k..end).rfind(|&i| l[i] != ' ').map_or(k, |i| i + 1);
    (k < end).then_some((k, end))
}

fn is_title(l: &[char]) -> bool {
    let topic = contains(l, "法治") || contains(l, "依法行政") || contains(l, "法制");
    let kind = contains(l, "报告") || contains(l, "汇报") || ends_with(l, "情况");
    topic && kind
}

/// `燕平市人民政府` / `关于2023年度法治政府建设情况的报告`: one title. Only a
/// `关于` line naming the year reads as the second half of one title;
/// `关于法治政府建设工作情况的汇报` under a letterhead is the title alone.
fn with_letterhead(doc: &Doc, i: usize, l: &[char], text: String, mut lines: Vec<usize>) -> Title {
    // `青禾区司法局2023年度` / `法治政府建设情况报告`: a title cut after its year.
    let above = if i > 0 { doc.line(i - 1) } else { &[] };
    let year_head = (4..=30).contains(&above.len())
        && (ends_with(above, "年") || ends_with(above, "年度"))
        && crate::parts::year_in(above).is_some()
        && !above.iter().any(|&c| matches!(c, ',' | '。' | ':' | ';'));
    if year_head {
        let a = doc.lines[i - 1];
        lines.insert(0, i - 1);
        return Title {
            text: format!("{}{text}", doc.display(a.start, a.end)),
            line: i - 1,
            lines,
        };
    }
    if starts_with(l, "关于")
        && crate::parts::year_in(l).is_some()
        && i > 0
        && agency::from_name_line(doc.line(i - 1)).is_some()
    {
        let above = doc.lines[i - 1];
        lines.insert(0, i - 1);
        return Title {
            text: format!("{}{text}", doc.display(above.start, above.end)),
            line: i - 1,
            lines,
        };
    }
    Title {
        text,
        line: i,
        lines,
    }
}

/// `…2023年法治政府建设情况报告2023年,区商务局…`: a long line whose head,
/// through its first `报告`/`汇报`, is a title followed by prose. The end of
/// that head, when it is one.
fn glued_title(l: &[char]) -> Option<usize> {
    let window = &l[..l.len().min(MAX_TITLE)];
    let end = ["报告", "汇报"]
        .iter()
        .filter_map(|w| find(window, w))
        .min()?
        + 2;
    let head = &l[..end];
    let prose_follows = l.get(end..).is_some_and(|rest| {
        rest.len() >= 10 && rest.iter().any(|&c| matches!(c, '。' | ',' | ':'))
    });
    (is_title(head)
        && prose_follows
        && leading_marker(head).is_none()
        && !head.iter().any(|&c| matches!(c, '。' | ',' | ':' | ';')))
    .then_some(end)
}

/// Read the title from the first `n` lines.
pub fn read_title(doc: &Doc, n: usize) -> Option<Title> {
    for i in 0..n {
        let full = doc.line(i);
        let line = doc.lines[i];
        let (a, b) = cell(full).unwrap_or((0, full.len()));
        let l = &full[a..b];
        if let Some(end) = glued_title(l) {
            // The title runs into the opening on one flattened line: the
            // title is its head; the line stays body.
            return Some(Title {
                text: doc.display(line.start + a, line.start + a + end),
                line: i,
                lines: Vec::new(),
            });
        }
        if l.len() > MAX_TITLE || leading_marker(l).is_some() || contains(l, "如下") {
            continue;
        }
        if l.last()
            .is_some_and(|&c| matches!(c, '。' | ':' | ';' | ','))
        {
            continue;
        }
        if !is_title(l) {
            // A title split over two lines: `…法治政府建设` / `年度报告`.
            let next = doc.line(i + 1);
            let topic = contains(l, "法治") || contains(l, "依法行政") || contains(l, "法制");
            let split = topic
                && l.len() <= 40
                && !l.contains(&',')
                && next.len() <= 30
                && (ends_with(next, "报告") || ends_with(next, "汇报"));
            if split {
                let next_line = doc.lines[i + 1];
                let text = format!(
                    "{}{}",
                    doc.display(line.start + a, line.start + b),
                    doc.display(next_line.start, next_line.end)
                );
                return Some(with_letterhead(doc, i, l, text, vec![i, i + 1]));
            }
            continue;
        }
        // Cover letter: 关于报送《XX2023年法治政府建设年度报告》的报告.
        let inner = find(l, "《")
            .zip(find(l, "》"))
            .filter(|(x, y)| x < y && contains(&l[*x..*y], "法治"));
        let mut text = match inner {
            Some((x, y)) => doc.display(line.start + a + x + 1, line.start + a + y),
            None => doc.display(line.start + a, line.start + b),
        };
        if inner.is_some() {
            return Some(Title {
                text,
                line: i,
                lines: vec![i],
            });
        }
        return Some(with_letterhead(
            doc,
            i,
            l,
            std::mem::take(&mut text),
            vec![i],
        ));
    }
    None
}

/// Further title lines among the first `n` (a repeated or second title,
/// with a letterhead name line just above it), outside `taken`.
pub fn repeated_titles(doc: &Doc, n: usize, taken: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 0..n.min(doc.lines.len()) {
        let l = doc.line(i);
        if taken.contains(&i) || l.len() > MAX_TITLE || leading_marker(l).is_some() {
            continue;
        }
        if is_title(l) && !contains(l, "如下") && !l.contains(&'。') {
            if i > 0
                && !taken.contains(&(i - 1))
                && agency::from_name_line(doc.line(i - 1)).is_some()
            {
                out.push(i - 1);
            }
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(src: &str) -> Option<String> {
        let doc = Doc::new(src);
        read_title(&doc, doc.lines.len().min(10)).map(|t| t.text)
    }

    #[test]
    fn a_title_glued_to_the_opening_is_its_head() {
        let src = "青禾区商务局2023年法治政府建设情况报告2023年,区商务局坚持依法行政,规范执法行为,优化营商环境,推进普法宣传,各项工作取得成效。现将有关情况报告如下:一、主要举措和成效\n(一)规范执法。";
        let doc = Doc::new(src);
        let t = read_title(&doc, 2);
        assert_eq!(
            t.as_ref().map(|t| t.text.as_str()),
            Some("青禾区商务局2023年法治政府建设情况报告")
        );
        assert_eq!(t.map(|t| t.lines), Some(vec![]));
    }

    #[test]
    fn a_title_cut_after_its_year_is_joined() {
        assert_eq!(
            title("青禾区司法局2023年度\n法治政府建设情况报告\n区委、区政府:").as_deref(),
            Some("青禾区司法局2023年度法治政府建设情况报告")
        );
    }

    #[test]
    fn a_letterhead_over_a_yearless_title_stays_apart() {
        assert_eq!(
            title(
                "南江市青禾区政务服务管理办公室\n关于法治政府建设工作情况的汇报\n区委依法治区办:"
            )
            .as_deref(),
            Some("关于法治政府建设工作情况的汇报")
        );
    }

    #[test]
    fn title_shapes_of_web_and_office_copies() {
        assert_eq!(
            title("| 发布机构 | 青禾区司法局 |\n| 标 题: | 青禾区司法局2023年度法治政府建设工作报告 | ||\n正文。").as_deref(),
            Some("青禾区司法局2023年度法治政府建设工作报告")
        );
        assert_eq!(
            title("南江市人民政府\n关于2023年度法治政府建设情况的报告\n省委、省政府:").as_deref(),
            Some("南江市人民政府关于2023年度法治政府建设情况的报告")
        );
        assert_eq!(
            title(
                "南江市青禾区溪口街道办事处\n关于2023年度法治政府建设\n情况的报告\n区委、区政府:"
            )
            .as_deref(),
            Some("南江市青禾区溪口街道办事处关于2023年度法治政府建设情况的报告")
        );
        assert_eq!(
            title("青禾区司法局2023年法治政府建设\n年度报告\n正文。").as_deref(),
            Some("青禾区司法局2023年法治政府建设年度报告")
        );
        assert_eq!(
            title("关于报送《青禾区司法局2023年度法治政府建设情况报告》的报告\n正文。").as_deref(),
            Some("青禾区司法局2023年度法治政府建设情况报告")
        );
    }
}
