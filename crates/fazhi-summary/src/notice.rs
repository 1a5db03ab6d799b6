//! 督办 notices: one per unit at the 督办 step (unit, what is overdue, the
//! dates, the issuing office), as CSV rows and as a .docx written by
//! [`crate::docx`] (the draft's writer, reused through a summary whose draft
//! holds the notices). Pure: no I/O.

use crate::model::{Block, Inline};

/// One unit's notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub district: String,
    pub year: i32,
    pub agency_code: String,
    pub agency_name: String,
    /// What is overdue, in the clerk's words (e.g. `2025年度法治政府建设年度报告未报送`).
    pub overdue: String,
    /// The statutory deadline, `YYYY-MM-DD`.
    pub deadline: String,
    /// When 督办 was decided, `YYYY-MM-DD`, and the earlier steps' dates.
    pub supervised_on: String,
    pub history: String,
    /// The issuing office, e.g. `某区法治政府建设工作领导小组办公室`.
    pub office: String,
    pub note: String,
}

pub const CSV_HEADER: [&str; 9] = [
    "单位代码",
    "单位名称",
    "年度",
    "逾期事项",
    "报送截止日期",
    "督办日期",
    "此前催办",
    "督办单位",
    "备注",
];

/// The notices as CSV (UTF-8 with BOM, so Excel opens the Chinese right).
pub fn notices_csv(notices: &[Notice]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let mut rows: Vec<Vec<String>> = vec![CSV_HEADER.iter().map(|s| s.to_string()).collect()];
    rows.extend(notices.iter().map(|n| {
        vec![
            n.agency_code.clone(),
            n.agency_name.clone(),
            n.year.to_string(),
            n.overdue.clone(),
            n.deadline.clone(),
            n.supervised_on.clone(),
            n.history.clone(),
            n.office.clone(),
            n.note.clone(),
        ]
    }));
    for r in rows {
        let fields: Vec<String> = r.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// RFC 4180: quoted when it holds a comma, quote or line break.
fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_owned()
    }
}

fn para(text: String) -> Block {
    Block::Paragraph {
        inlines: vec![Inline::Text { text }],
    }
}

/// The notices as the blocks of one document, one notice after another.
pub fn notice_blocks(notices: &[Notice]) -> Vec<Block> {
    let mut blocks = Vec::new();
    for n in notices {
        blocks.push(Block::Title {
            text: "督办通知".to_owned(),
        });
        blocks.push(para(format!("{}：", n.agency_name)));
        blocks.push(para(format!(
            "根据《法治政府建设与责任落实督察工作规定》，各单位应于{}前报送{}年度法治政府建设年度报告。截至{}，你单位{}。",
            n.deadline, n.year, n.supervised_on, n.overdue
        )));
        if !n.history.is_empty() {
            blocks.push(para(format!("此前已{}。", n.history)));
        }
        blocks.push(para(
            "现予督办，请于收到本通知之日起5个工作日内报送，并说明逾期原因。".to_owned(),
        ));
        if !n.note.is_empty() {
            blocks.push(para(format!("备注：{}", n.note)));
        }
        blocks.push(para(n.office.clone()));
        blocks.push(para(n.supervised_on.clone()));
    }
    blocks
}

/// The notices as .docx bytes.
pub fn notices_docx(district: &str, year: i32, notices: &[Notice]) -> Vec<u8> {
    let mut doc = crate::consolidate(district, year, &[], &[]);
    doc.draft = notice_blocks(notices);
    crate::render_docx(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> Notice {
        Notice {
            district: "测试区".into(),
            year: 2025,
            agency_code: "A01".into(),
            agency_name: "测试区司法局".into(),
            overdue: "2025年度法治政府建设年度报告未报送".into(),
            deadline: "2026-03-01".into(),
            supervised_on: "2026-03-10".into(),
            history: "2026-03-02提醒、2026-03-05催报".into(),
            office: "测试区法治政府建设工作办公室".into(),
            note: String::new(),
        }
    }

    #[test]
    fn csv_has_a_row_per_notice_under_the_header() {
        let csv = String::from_utf8(notices_csv(&[notice()])).unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("单位代码,单位名称"));
        assert!(lines[1].contains("测试区司法局"));
    }

    #[test]
    fn docx_is_a_zip_with_the_notice_text() {
        let bytes = notices_docx("测试区", 2025, &[notice()]);
        assert!(bytes.starts_with(b"PK"));
        let blocks = notice_blocks(&[notice()]);
        assert!(matches!(&blocks[0], Block::Title { text } if text == "督办通知"));
    }
}
