//! The government page fixture: chrome dropped, metadata read.

use crate::common::extract;
use fazhi_extract::Date;

#[test]
fn site_chrome_is_dropped_and_the_article_kept() {
    let x = extract("gov_004.html");
    for chrome in [
        "当前位置",
        "首页",
        "分享到",
        "【字体",
        "网站地图",
        "相关文章",
        "无障碍",
        "setFont",
        "ICP",
    ] {
        assert!(!x.text.contains(chrome), "{chrome} left in:\n{}", x.text);
    }
    assert!(
        x.text
            .starts_with("北京市大兴区旧宫镇人民政府2022年法治政府建设年度情况报告\n")
    );
    assert!(x.text.contains("\n五、其他需要报告的情况"));
}

#[test]
fn gb2312_metadata_is_read() {
    let x = extract("gov_004.html");
    let d = |year, month, day| Some(Date { year, month, day });
    assert_eq!(x.meta.published_on, d(2023, 3, 24));
    assert_eq!(x.meta.written_on, d(2023, 3, 20));
    assert_eq!(x.meta.index_no.as_deref(), Some("11N000/2023-00217"));
    assert_eq!(x.meta.publisher.as_deref(), Some("旧宫镇"));
    assert!(
        x.meta
            .title
            .as_deref()
            .is_some_and(|t| t.ends_with("年度情况报告"))
    );
}

#[test]
fn a_page_without_a_known_container_is_found_by_density() {
    let body: String = (0..12)
        .map(|i| format!("<p>第{i}段：本局持续推进依法行政，开展法治宣传活动二十余场，发放宣传资料六千余份。</p>"))
        .collect();
    let links: String = (0..40)
        .map(|i| format!("<a href='/{i}'>栏目{i}</a> "))
        .collect();
    let page = format!(
        "<html><body><div class='x1'>{links}</div><div class='x2'><div class='x3'>{body}</div></div><div class='x4'>{links}</div></body></html>"
    );
    let x = fazhi_extract::extract(
        page.as_bytes(),
        fazhi_extract::Format::Html,
        &Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(x.text.lines().count(), 12, "{}", x.text);
    assert!(!x.text.contains("栏目"));
}

#[test]
fn an_article_laid_out_in_a_table_cell_keeps_its_paragraphs() {
    let body: String = (0..8)
        .map(|i| format!("<p>第{i}段：本局持续推进依法行政，开展法治宣传活动二十余场，发放宣传资料六千余份。</p>"))
        .collect();
    let data = "<table><tr><td><p>行政复议案件</p></td><td><p>12件</p></td></tr></table>";
    let page = format!(
        "<html><body><table><tr><td class='left'><a href='/'>首页</a></td><td class='bt_content'>{body}{data}</td></tr></table></body></html>"
    );
    let x = fazhi_extract::extract(
        page.as_bytes(),
        fazhi_extract::Format::Html,
        &Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&str> = x.text.lines().collect();
    assert_eq!(lines.len(), 9, "{}", x.text);
    assert_eq!(lines[8], "行政复议案件\t12件");
}
