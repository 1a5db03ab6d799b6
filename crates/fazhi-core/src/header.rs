//! The report's header: title, reporting agency and its kind, the year
//! reported on, the recipient line and the publication date.
//!
//! Guarantees: the agency is a whole unit name the text itself gives
//! (title, letterhead, embedded title, opening subject, signature blocks,
//! metadata rows, breadcrumbs: see `agency.rs`), the fullest form of it
//! when several sources agree on the unit; `None` when the text only says
//! 我局 or gives fragments. The year is the year reported on: the title's
//! year, else the year the headings or the opening give, never a plan
//! period (`2021-2025年`) or the plan year of the next-year part. Only the
//! first few and last few lines are searched for the header, so the work is
//! bounded; the self-reference count and the year fallback are single
//! linear passes.

use crate::agency;
pub use crate::dates::parse_date_in;
use crate::dates::published_date;
use crate::markers::{contains, starts_with};
use crate::model::{AgencyKind, Part};
use crate::normalize::{Doc, is_han};
use crate::parts::PartSpan;
use crate::years::{first_year, year_at, year_in};

/// Lines searched for title, agency line and recipient.
pub(crate) const HEAD_LINES: usize = 10;

/// Header facts found before the parts are known.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub title: Option<String>,
    /// Lines that make up the header (title, agency line): not parts, not body.
    pub header_lines: Vec<usize>,
    pub agency: Option<String>,
    pub agency_kind: Option<AgencyKind>,
    /// Year named by the title or by an embedded title in the opening.
    pub title_year: Option<i32>,
    pub recipient: Option<String>,
    pub published: Option<String>,
}

/// Read the header from the first lines of the document.
pub fn read_header(doc: &Doc) -> Header {
    let mut h = Header::default();
    let n = doc.lines.len().min(HEAD_LINES);
    let title = crate::title::read_title(doc, n);
    let title_line = title.as_ref().map(|t| t.line);
    if let Some(t) = title {
        h.title = Some(t.text);
        h.header_lines.extend(t.lines);
        // Web copies repeat the title (a page heading, then the document's
        // own letterhead and title): the repeats are header, not body.
        h.header_lines
            .extend(crate::title::repeated_titles(doc, n, &h.header_lines));
    }

    // Agency candidates, most trusted first: the title, a name line just
    // above it, an embedded title in the opening, the opening's subject,
    // the signature block, the page's metadata rows, its breadcrumb trail.
    let mut names: Vec<String> = Vec::new();
    if let Some(t) = &h.title {
        // Folded like the body (`２０２３年` → `2023年`), so years are read.
        let tc: Vec<char> = t.chars().filter_map(crate::normalize::fold).collect();
        h.title_year = first_year(&tc).map(|(y, _)| y);
        names.extend(agency::from_title(&tc));
    }
    if let Some(t) = title_line {
        for i in t.saturating_sub(2)..t {
            if let Some(name) = agency::from_name_line(doc.line(i)) {
                names.push(name);
                h.header_lines.push(i);
                break;
            }
        }
    }
    for i in 0..n {
        if h.header_lines.contains(&i) {
            continue;
        }
        if let Some((name, year)) = agency::embedded_title(doc.line(i)) {
            names.extend(name);
            if h.title_year.is_none() {
                h.title_year = year;
            }
            break;
        }
    }
    names.extend(
        (0..n)
            .filter(|i| !h.header_lines.contains(i))
            .find_map(|i| agency::opening_subject(doc.line(i))),
    );
    names.extend(signature_agency(doc));
    names.extend(cover_letter_signature(doc, n));
    let rows: Vec<Vec<char>> = doc
        .chrome
        .iter()
        .map(|l| l.chars().collect::<Vec<char>>())
        .chain((0..n).map(|i| doc.line(i).to_vec()))
        .collect();
    names.extend(rows.iter().find_map(|r| agency::from_metadata_row(r)));
    names.extend(rows.iter().find_map(|r| agency::from_breadcrumb(r)));
    h.agency = agency::fullest(&names);

    // Recipient: `区委、区政府:` on a short line of its own.
    for i in 0..n {
        let l = doc.line(i);
        // A numbered heading ending with `:` (`一、2023年度法治政府建设成效:`)
        // is not an addressee.
        let heading = crate::markers::leading_marker(l).is_some() || contains(l, "法治");
        if l.len() <= 30 && l.last() == Some(&':') && !contains(l, "如下") && !heading {
            let addressee = [
                "区委",
                "区政府",
                "政府",
                "委员会",
                "领导",
                "依法治",
                "办公室",
                "司法局",
                "党委",
                "党工委",
            ];
            if addressee.iter().any(|w| contains(l, w)) {
                let line = doc.lines[i];
                let text = doc.display(line.start, line.end);
                h.recipient = Some(text.trim_end_matches([':', '：']).trim().to_string());
                h.header_lines.push(i);
                break;
            }
        }
    }

    h.agency_kind = match &h.agency {
        Some(a) => Some(agency::kind_from_name(a)),
        None => agency::kind_from_self_reference(&doc.chars),
    };
    h.published = published_date(doc);
    h
}

/// A cover letter's sign-off near the top: a name line followed by a line
/// that is only a date.
fn cover_letter_signature(doc: &Doc, n: usize) -> Option<String> {
    (0..n.saturating_sub(1)).find_map(|i| {
        let next = doc.line(i + 1);
        let dated = next.len() <= 12 && parse_date_in(next).is_some();
        if dated {
            agency::from_name_line(doc.line(i))
        } else {
            None
        }
    })
}

/// Lines at the end searched for a signature block.
const TAIL_LINES: usize = 4;

/// The signature block at the end: the unit's name alone on a line, with
/// or without the date after it (`XX区司法局 2024年3月1日`, or the date
/// on the next line).
fn signature_agency(doc: &Doc) -> Option<String> {
    let n = doc.lines.len();
    (n.saturating_sub(TAIL_LINES)..n).rev().find_map(|i| {
        let l = doc.line(i);
        let end = l
            .iter()
            .position(|&c| !(is_han(c) || matches!(c, '(' | ')')))
            .unwrap_or(l.len());
        let rest = &l[end..];
        let dated_or_bare = rest.iter().all(|&c| c == ' ')
            || (rest.first() == Some(&' ') && parse_date_in(rest).is_some());
        if dated_or_bare {
            agency::from_name_line(&l[..end])
        } else {
            None
        }
    })
}

/// The year reported on, once the parts are known.
pub fn resolve_year(doc: &Doc, header: &Header, parts: &[PartSpan]) -> Option<i32> {
    if header.title_year.is_some() {
        return header.title_year;
    }
    let heading_year = |p: Part| {
        parts.iter().find(|s| s.part == p).and_then(|s| {
            let line = doc.lines.get(s.heading_line)?;
            year_in(doc.chars.get(line.start..s.heading_end)?)
        })
    };
    for p in [Part::Measures, Part::Shortcomings, Part::LeaderDuty] {
        if let Some(y) = heading_year(p) {
            return Some(y);
        }
    }
    if let Some(y) = heading_year(Part::NextYear) {
        return Some(y - 1);
    }
    // Opening sentence: `2022年,…` / `2022年以来,…` / `2022年是…`.
    let first_body = parts
        .first()
        .map_or(doc.lines.len().min(HEAD_LINES), |p| p.heading_line);
    for i in 0..first_body.min(HEAD_LINES) {
        if header.header_lines.contains(&i) {
            continue;
        }
        let l = doc.line(i);
        if let Some((y, len)) = year_at(l, 0) {
            let after = l.get(len + 1..).unwrap_or(&[]);
            if starts_with(after, ",")
                || starts_with(after, "以来")
                || starts_with(after, "是")
                || starts_with(after, "度")
            {
                return Some(y);
            }
        }
    }
    if let Some(p) = &header.published
        && let Ok(y) = p.get(..4).unwrap_or("").parse::<i32>()
    {
        return Some(y - 1);
    }
    most_common_year(doc)
}

/// The year the body mentions most, ignoring plan periods (`2021-2025年`)
/// and starting points (`自2015年`).
fn most_common_year(doc: &Doc) -> Option<i32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    let c = &doc.chars;
    let mut i = 0;
    while i < c.len() {
        crate::work::add(1);
        if let Some((y, len)) = year_at(c, i) {
            let prev = if i > 0 { c[i - 1] } else { ' ' };
            let range =
                matches!(prev, '-' | '—' | '~' | '至') || (i >= 5 && c[i - 5].is_ascii_digit());
            let start = matches!(prev, '自' | '从' | '于');
            if !range && !start {
                if let Some(e) = counts.iter_mut().find(|(cy, _)| *cy == y) {
                    e.1 += 1;
                } else if counts.len() < 256 {
                    counts.push((y, 1));
                }
            }
            i += len;
        } else {
            i += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, std::cmp::Reverse(y)))
        .map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(src: &str) -> Header {
        read_header(&Doc::new(src))
    }

    #[test]
    fn title_agency_and_year_from_title() {
        let h = header(
            "北京市大兴区旧宫镇人民政府2022年法治政府建设年度情况报告\n来源:旧宫镇  日期:2023-03-24 11:26 打印 【字体:\n正文。",
        );
        assert_eq!(
            h.title.as_deref(),
            Some("北京市大兴区旧宫镇人民政府2022年法治政府建设年度情况报告")
        );
        assert_eq!(h.agency.as_deref(), Some("北京市大兴区旧宫镇人民政府"));
        assert_eq!(h.agency_kind, Some(AgencyKind::Town));
        assert_eq!(h.title_year, Some(2022));
        assert_eq!(h.published.as_deref(), Some("2023-03-24"));
    }

    #[test]
    fn agency_on_the_line_above_the_title() {
        let h = header(
            "北京市西城区城市管理指挥中心\n\n2023年法治政府建设年度情况报告\n\n2023年,西城区城市管理指挥中心在区委区政府的坚强领导下,取得成效。",
        );
        assert_eq!(h.agency.as_deref(), Some("北京市西城区城市管理指挥中心"));
        assert_eq!(h.agency_kind, Some(AgencyKind::Department));
    }

    #[test]
    fn agency_from_an_embedded_title() {
        let h = header(
            "依据《法治政府建设与责任落实督察工作规定》的相关要求,现将北京市石景山区人民政府2023年法治政府建设年度情况报告如下。\n一、主要举措和成效",
        );
        assert_eq!(h.title, None);
        assert_eq!(h.agency.as_deref(), Some("北京市石景山区人民政府"));
        assert_eq!(h.agency_kind, Some(AgencyKind::DistrictGovernment));
        assert_eq!(h.title_year, Some(2023));
    }

    #[test]
    fn unnamed_agency_stays_null_but_kind_comes_from_self_reference() {
        let h = header(
            "2022年度法治政府建设报告\n区委、区政府:\n在市、区两级的正确领导下,我局全面贯彻,维护我区的绿化资源。我局…",
        );
        assert_eq!(h.agency, None);
        assert_eq!(h.agency_kind, Some(AgencyKind::Department));
        assert_eq!(h.recipient.as_deref(), Some("区委、区政府"));
        assert_eq!(h.title_year, Some(2022));
    }

    #[test]
    fn chinese_year_and_cover_letter() {
        let h = header("关于报送《某区司法局二〇二三年度法治政府建设情况报告》的报告\n正文。");
        assert_eq!(
            h.title.as_deref(),
            Some("某区司法局二〇二三年度法治政府建设情况报告")
        );
        assert_eq!(h.title_year, Some(2023));
        assert_eq!(h.agency.as_deref(), Some("某区司法局"));
    }

    #[test]
    fn agency_from_the_metadata_table_when_nothing_else_names_it() {
        let h = header(
            "索引号:XM00105-0300-2024-00017\n发布机构:厦门市思明区城市管理行政执法局\n发布日期:2024-03-01\n区委、区政府:\n现将我局2023年度法治政府建设情况报告如下:\n一、主要举措和成效",
        );
        assert_eq!(h.agency.as_deref(), Some("厦门市思明区城市管理行政执法局"));
        assert_eq!(h.agency_kind, Some(AgencyKind::Department));
        assert_eq!(h.title_year, Some(2023));
        assert_eq!(h.published.as_deref(), Some("2024-03-01"));
    }

    #[test]
    fn agency_in_the_shapes_of_real_web_copies() {
        // Site banner with a date widget, 来源/发布时间 row, title repeated.
        let h = header(
            "南江市青禾区人民政府 2019年12月3日星期二\n无障碍 简体| 繁体\n青禾区2023年度法治政府建设情况报告\n来源:青禾区人民政府办公室 发布时间:2024-03-28 09:18\n青禾区2023年度法治政府建设情况报告\n2023年,青禾区坚持以习近平法治思想为指导,扎实推进法治政府建设。\n一、主要举措和成效",
        );
        assert_eq!(h.agency.as_deref(), Some("青禾区"));
        assert_eq!(h.published.as_deref(), Some("2024-03-28"));
        // Year first, 文章来源 naming a bare department: never the agency.
        let h = header(
            "您所在的位置:政务公开 > 工作报告\n2022年青禾区法治政府建设情况报告\n文章来源:司法局 更新时间:2023/03/29 11:30:01\n2022年,青禾区坚持依法行政。",
        );
        assert_eq!(h.agency.as_deref(), Some("青禾区"));
        // Only the signature block names the unit.
        let h = header(
            "关于2023年度法治政府建设情况的报告\n区委、区政府:\n今年以来,我局坚持依法行政。\n一、主要举措和成效\n内容。\n南江市青禾区应急管理局\n2024年2月26日",
        );
        assert_eq!(h.agency.as_deref(), Some("南江市青禾区应急管理局"));
        assert_eq!(h.agency_kind, Some(AgencyKind::Department));
        // Only a bare 街道 anywhere: null, not a fragment.
        let h = header(
            "2023年法治政府建设工作报告\n今年以来,街道坚持依法行政。\n一、主要举措和成效\n内容。\n街道办事处\n2024年2月26日",
        );
        assert_eq!(h.agency, None);
    }

    #[test]
    fn a_page_title_then_the_documents_own_letterhead_and_title_are_all_header() {
        let h = header(
            "柳溪镇法治政府建设年度报告\n柳溪镇人民政府\n关于2023年度法治政府建设工作情况的报告\n县委、县政府:\n2023年,我镇坚持依法行政。",
        );
        assert_eq!(h.title.as_deref(), Some("柳溪镇法治政府建设年度报告"));
        assert_eq!(h.agency.as_deref(), Some("柳溪镇人民政府"));
        let mut lines = h.header_lines.clone();
        lines.sort();
        assert_eq!(lines, vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_cover_letters_sign_off_gives_the_full_name() {
        let h = header(
            "关于报送《青禾区2023年度法治政府建设情况报告》的报告\n市委依法治市办:\n现将报告报送给你们,请审阅。\n南江市青禾区人民政府\n2024年1月30日\n青禾区2023年度法治政府建设情况报告\n2023年,青禾区坚持依法行政。",
        );
        assert_eq!(h.agency.as_deref(), Some("南江市青禾区人民政府"));
        assert_eq!(h.title_year, Some(2023));
    }

    #[test]
    fn a_numbered_heading_ending_with_a_colon_is_not_the_recipient() {
        let h = header("石鼓镇2023年度法治政府建设工作报告\n一、2023年度法治政府建设成效:\n内容。");
        assert_eq!(h.recipient, None);
        assert_eq!(h.header_lines, vec![0]);
    }
}
