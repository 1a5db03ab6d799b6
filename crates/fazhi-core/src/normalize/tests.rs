use super::*;

fn lines(doc: &Doc) -> Vec<String> {
    (0..doc.lines.len())
        .map(|i| doc.line(i).iter().collect())
        .collect()
}

#[test]
fn full_width_forms_fold_and_offsets_point_back() {
    let src = "（一）发放资料６０００余份：好";
    let doc = Doc::new(src);
    assert_eq!(lines(&doc), vec!["(一)发放资料6000余份:好"]);
    let (s, e) = doc.orig_span(7, 13);
    assert_eq!(doc.orig_slice(s, e), "６０００余份");
}

#[test]
fn chrome_and_bookmarks_are_dropped() {
    let src = "标题\n\n  来源:旧宫镇  日期:2023-03-24 11:26 打印 【字体:\n[bookmark: _GoBack]2022年以来，我街";
    let doc = Doc::new(src);
    assert_eq!(lines(&doc), vec!["标题", "2022年以来,我街"]);
    assert_eq!(doc.chrome.len(), 1);
    let l = doc.lines[1];
    assert_eq!(doc.exact(l.start, l.start + 4), "2022");
}

#[test]
fn sentence_broken_by_pdf_is_joined() {
    let src = "(八)健全矛盾纠纷行政预防化解体系。矛盾纠纷行政预防\n化解机制不断创新,成效明显。\n(九)加强法治宣传教育培训。法治培训分级分类有效开展,\n通过以案释法开展培训。";
    let doc = Doc::new(src);
    assert_eq!(doc.lines.len(), 2);
    let l = doc.lines[0];
    assert_eq!(
        doc.display(l.start, l.end),
        "(八)健全矛盾纠纷行政预防化解体系。矛盾纠纷行政预防化解机制不断创新,成效明显。"
    );
}

#[test]
fn heading_broken_in_two_is_joined_but_whole_headings_are_not() {
    let src = "三、党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建\n设的有关情况\n我局领导高度重视。\n五、其他需要报告的情况\n无\n(一)加强领导班子依法决策能力的提高\n我局为进一步加强对依法行政工作的领导,成立了专门的小组。";
    let doc = Doc::new(src);
    assert_eq!(
        lines(&doc),
        vec![
            "三、党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况",
            "我局领导高度重视。",
            "五、其他需要报告的情况",
            "无",
            "(一)加强领导班子依法决策能力的提高",
            "我局为进一步加强对依法行政工作的领导,成立了专门的小组。"
        ]
    );
}

#[test]
fn decorated_metadata_rows_and_breadcrumbs_are_chrome() {
    let src = "首页 > 政务公开 > 青禾区司法局\n| 发布机构: | 青禾区司法局 |\n[ 索引号 ] 11-22\n- 发布日期:2024-03-01\n正文一段。";
    let doc = Doc::new(src);
    assert_eq!(lines(&doc), vec!["正文一段。"]);
    assert_eq!(doc.chrome.len(), 4);
}

#[test]
fn markdown_heading_and_emphasis_marks_are_dropped() {
    let doc = Doc::new("## 一、主要举措和成效\n**(一)加强领导**\n内容**重点**。");
    assert_eq!(
        lines(&doc),
        vec!["一、主要举措和成效", "(一)加强领导", "内容**重点**。"]
    );
}

#[test]
fn a_heading_glued_to_the_end_of_a_paragraph_is_split_off() {
    let doc = Doc::new(
        "2023年,区商务局坚持依法行政。现将有关情况报告如下:一、主要举措和成效\n(一)规范执法。",
    );
    assert_eq!(
        lines(&doc),
        vec![
            "2023年,区商务局坚持依法行政。现将有关情况报告如下:",
            "一、主要举措和成效",
            "(一)规范执法。"
        ]
    );
    let l = doc.lines[1];
    assert_eq!(doc.exact(l.start, l.end), "一、主要举措和成效");
}

#[test]
fn crlf_and_lone_cr_are_breaks() {
    let doc = Doc::new("甲\r\n乙\r丙");
    assert_eq!(lines(&doc), vec!["甲", "乙", "丙"]);
    assert_eq!(doc.orig_start(doc.lines[2].start), 5);
}
