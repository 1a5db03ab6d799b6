//! Page metadata: 发布机构, 发布日期, 成文日期, 索引号 and the title, from the
//! labelled fields government pages show (`索引号：…` in a table or a line)
//! and from the `<meta name="ArticleTitle|PubDate|ContentSource">` tags
//! their CMSs write. A label wins over a meta tag; `日期` alone (as in
//! `来源:… 日期:…`) is the last resort for the publication date.

use scraper::{Html, Selector};

use crate::{Date, PageMeta};

/// Labels as they appear (spaces inside removed), with the field they fill,
/// in priority order per field.
const LABELS: [(&str, Field); 13] = [
    ("索引号", Field::Index),
    ("发布机构", Field::Publisher),
    ("发文机关", Field::Publisher),
    ("发布单位", Field::Publisher),
    ("信息来源", Field::Publisher),
    ("来源", Field::Publisher),
    ("发布日期", Field::Published),
    ("发布时间", Field::Published),
    ("日期", Field::Published),
    ("成文日期", Field::Written),
    ("成文时间", Field::Written),
    ("标题", Field::Title),
    ("名称", Field::Title),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Index,
    Publisher,
    Published,
    Written,
    Title,
}

pub(crate) fn read(html: &Html, page_lines: &[String]) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut found: Vec<(Field, usize, String)> = Vec::new();
    for line in page_lines {
        let compact: String = line
            .chars()
            .filter(|c| *c != ' ' && *c != '\u{3000}' && *c != '\u{a0}')
            .collect();
        for (rank, (label, field)) in LABELS.iter().enumerate() {
            if let Some(value) = value_after(&compact, label) {
                found.push((*field, rank, value));
            }
        }
    }
    found.sort_by_key(|(_, rank, _)| *rank);
    let first = |f: Field| {
        found
            .iter()
            .find(|(g, _, v)| *g == f && !v.is_empty())
            .map(|(_, _, v)| v.clone())
    };
    let first_date = |f: Field| {
        found
            .iter()
            .filter(|(g, _, _)| *g == f)
            .find_map(|(_, _, v)| Date::parse_prefix(v))
    };
    let tag = |name: &str| meta_tag(html, name);
    meta.index_no = first(Field::Index);
    meta.publisher = first(Field::Publisher).or_else(|| tag("ContentSource"));
    meta.written_on = first_date(Field::Written);
    let labelled = found
        .iter()
        .filter(|(g, r, _)| *g == Field::Published && LABELS[*r].0 != "日期")
        .find_map(|(_, _, v)| Date::parse_prefix(v));
    meta.published_on = labelled
        .or_else(|| tag("PubDate").and_then(|d| Date::parse_prefix(&d)))
        .or_else(|| first_date(Field::Published));
    meta.title = tag("ArticleTitle")
        .or_else(|| first(Field::Title))
        .or_else(|| title_tag(html));
    meta
}

/// The value after `label` + colon in a compacted line: up to a tab or the
/// next label. `日期` inside `发布日期`/`成文日期` does not count as `日期`.
fn value_after(line: &str, label: &str) -> Option<String> {
    let mut from = 0;
    while let Some(pos) = line.get(from..)?.find(label) {
        let at = from + pos;
        from = at + label.len();
        let before = line[..at].chars().next_back();
        if label == "日期" && before.is_some_and(|c| "布文印间".contains(c)) {
            continue;
        }
        if label == "来源" && before == Some('息') {
            continue;
        }
        let rest = line[from..].trim_start_matches('\t');
        let Some(rest) = rest.strip_prefix(['：', ':']) else {
            continue;
        };
        let rest = rest.trim_start_matches('\t');
        let mut end = rest.find('\t').unwrap_or(rest.len());
        for (other, _) in LABELS {
            if let Some(p) = rest.find(other)
                && p > 0
                && p < end
                && rest[p + other.len()..].starts_with(['：', ':'])
            {
                end = p;
            }
        }
        // `打印` and the font-size widget often follow on the same line.
        for stop in ["打印", "【", "浏览"] {
            if let Some(p) = rest.find(stop)
                && p < end
            {
                end = p;
            }
        }
        return Some(rest[..end].trim().to_owned());
    }
    None
}

fn meta_tag(html: &Html, name: &str) -> Option<String> {
    let selector = Selector::parse("meta").ok()?;
    html.select(&selector).find_map(|m| {
        let el = m.value();
        (el.attr("name")?.eq_ignore_ascii_case(name))
            .then(|| el.attr("content").map(|c| c.trim().to_owned()))
            .flatten()
            .filter(|c| !c.is_empty())
    })
}

/// `<title>报告名_栏目_网站</title>`: the part before the first separator.
fn title_tag(html: &Html) -> Option<String> {
    let selector = Selector::parse("title").ok()?;
    let title: String = html.select(&selector).next()?.text().collect();
    let first = title.split(['_', '|', '-', '—']).next()?.trim();
    (!first.is_empty()).then(|| first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::value_after;

    #[test]
    fn labelled_values() {
        assert_eq!(
            value_after("索引号：\t11N000/2023-00217\t发布机构：\t旧宫镇", "索引号").as_deref(),
            Some("11N000/2023-00217")
        );
        assert_eq!(
            value_after("来源:旧宫镇日期:2023-03-2411:26打印【字体:", "日期").as_deref(),
            Some("2023-03-2411:26")
        );
        assert_eq!(
            value_after("来源:旧宫镇日期:2023-03-24", "来源").as_deref(),
            Some("旧宫镇")
        );
        assert_eq!(value_after("发布日期：2023-03-24", "日期"), None);
        assert_eq!(value_after("没有标签的正文", "索引号"), None);
    }
}
