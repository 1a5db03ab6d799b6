//! Web-page chrome, metadata rows and page furniture: lines the normalizer
//! sets aside (the header still reads dates and the publishing unit from
//! them). Each test looks at one short line.

use crate::markers::{contains, starts_with};

/// Chrome lines are short; a long line mentioning 打印 is body text.
const MAX_CHROME_LEN: usize = 120;

/// Web-page chrome, metadata rows and page counters.
pub(crate) fn is_chrome(line: &[char]) -> bool {
    if line.len() > MAX_CHROME_LEN {
        return false;
    }
    if contains(line, "打印") && (contains(line, "字体") || contains(line, "关闭")) {
        return true;
    }
    if starts_with(line, "来源") && (contains(line, "日期") || contains(line, "时间")) {
        return true;
    }
    // A site's date widget: `天津市某区人民政府 2019年12月3日星期二`.
    if line.len() <= 40 && contains(line, "星期") && crate::dates::parse_date_in(line).is_some() {
        return true;
    }
    const META: &[&str] = &[
        "索引号",
        "发布机构",
        "发文机构",
        "成文日期",
        "发布日期",
        "发布时间",
        "发文字号",
        "主题分类",
        "公开方式",
        "公开范围",
        "浏览量",
        "浏览次数",
        "访问量",
        "点击量",
        "阅读量",
        "分享到",
        "扫一扫",
        "【关闭",
        "【打印",
        "[打印",
        "当前位置",
        "字号:",
        "字体:",
        "文章来源",
        "今天是",
    ];
    // Table and list decoration before a metadata key: `| 发布机构: |`,
    // `[ 发布机构 ]`, `- 发布机构:`, `· 索引号`.
    let key_at = line
        .iter()
        .position(|&c| {
            !matches!(
                c,
                '|' | '[' | '【' | '-' | '*' | '·' | '•' | '●' | '◆' | '■' | '▪' | '○' | ' '
            )
        })
        .unwrap_or(line.len());
    let key = &line[key_at..];
    // Table cells space their keys out: `| 索 引 号 |`.
    // On the stack: this runs for every short line.
    let mut buf = [' '; 12];
    let mut len = 0;
    for &c in key.iter().filter(|&&c| c != ' ').take(12) {
        buf[len] = c;
        len += 1;
    }
    let squashed = &buf[..len];
    if META.iter().any(|m| starts_with(squashed, m)) {
        return true;
    }
    // Breadcrumb trail: `首页 > 政务公开 > …`, `您所在的位置:政务公开 > 工作报告`.
    let crumbs = line
        .iter()
        .filter(|&&c| matches!(c, '>' | '»' | '›'))
        .count();
    if (crumbs >= 2 && starts_with(key, "首页")) || (crumbs >= 1 && contains(line, "位置")) {
        return true;
    }
    is_page_counter(line)
}

/// `- 3 -`, `第 3 页 共 10 页`, `3/10`: page furniture from conversions.
fn is_page_counter(line: &[char]) -> bool {
    if line.len() > 16 {
        return false;
    }
    let digits = line.iter().filter(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    line.iter()
        .all(|&c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '—' | '/' | '第' | '页' | '共'))
        && (line.iter().any(|&c| matches!(c, '-' | '—' | '/' | '页')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrome(s: &str) -> bool {
        is_chrome(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn web_page_furniture_in_its_common_shapes() {
        for line in [
            "南江市青禾区人民政府 2019年12月3日星期二",
            "来源:青禾区人民政府办公室 发布时间:2024-03-28 09:18",
            "| 索 引 号 | 11-22/2024-00418 | 主题分类 | 法治政府建设 |",
            "您所在的位置:政务公开 > 工作报告",
            "首页 > 政务公开 > 青禾区司法局",
            "- [ 发布机构 ] 青禾区司法局",
        ] {
            assert!(chrome(line), "{line}");
        }
        for line in [
            "青禾区司法局2023年度法治政府建设情况报告",
            "| 标 题: | 青禾区司法局2023年度法治政府建设工作报告 |",
            "2023年,青禾区司法局坚持依法行政,全年开展普法活动35场。",
        ] {
            assert!(!chrome(line), "{line}");
        }
    }
}
