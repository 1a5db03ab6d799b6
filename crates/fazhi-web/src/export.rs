//! The dashboard as a file: CSV (the rows shown) and XLSX (the rows shown
//! on one sheet, the season's rates with their sources on another). Both
//! are built from [`unit_table`] and [`rate_table`], so the columns are the
//! dashboard's own and a file never says something the page does not.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use fazhi_season::Deadlines;

use crate::AppState;
use crate::auth::Signed;
use crate::dashboard::season_view;
use crate::dashboard::{Filter, Rates, Row, attachment, kind_zh, percent, select, when};
use crate::error::WebError;
use crate::scope::season;

/// The dashboard table's columns, plus where each row comes from.
pub const UNIT_COLUMNS: [&str; 8] = [
    "代码",
    "单位",
    "类型",
    "状态",
    "是否按时",
    "报送时间（北京时间）",
    "报送编号",
    "来源",
];

pub fn timeliness(r: &Row) -> &'static str {
    match (r.on_time, r.overdue) {
        (Some(true), _) => "按时",
        (Some(false), _) => "逾期报送",
        (None, true) => "逾期未报",
        (None, false) => "",
    }
}

/// One line per row shown, in the page's order.
pub fn unit_table(rows: &[Row], district: &str) -> Vec<[String; 8]> {
    rows.iter()
        .map(|r| {
            let source = match &r.submission_id {
                Some(id) => format!("报送 /reports/{id}"),
                None => format!("单位名录（{district}），无报送"),
            };
            [
                r.code.clone(),
                r.name.clone(),
                kind_zh(r.kind).to_owned(),
                r.state.zh().to_owned(),
                timeliness(r).to_owned(),
                r.submitted_at.map(when).unwrap_or_default(),
                r.submission_id.clone().unwrap_or_default(),
                source,
            ]
        })
        .collect()
}

/// The rates box: (what, value, how it is counted and from what), as the
/// season's rules count them (`fazhi season status` gives the same).
pub fn rate_table(r: &Rates, deadlines: &Deadlines, district: &str, year: i32) -> Vec<[String; 3]> {
    let roster = format!("{district}{year}年度名录");
    let deadline = deadlines.submit_by;
    vec![
        [
            "应报单位".into(),
            r.expected.to_string(),
            format!("{roster}中的单位数（免报单位不计）"),
        ],
        [
            "已报单位".into(),
            r.actual.to_string(),
            format!("{roster}中有计入汇总的报告的单位数（退回、撤回、无法读取的版本不计）"),
        ],
        [
            "报送率".into(),
            percent(r.rate),
            "已报单位 ÷ 应报单位".into(),
        ],
        [
            "按时报送".into(),
            r.on_time.to_string(),
            format!("已报单位中报告在 {deadline} 之前（北京时间）送达的"),
        ],
        [
            "按时报送率".into(),
            percent(r.rate_on_time),
            "按时报送 ÷ 应报单位".into(),
        ],
        [
            "已处理".into(),
            r.processed.to_string(),
            "最新一份报送已解析完成的单位数".into(),
        ],
    ]
}

fn file_name(district: &str, year: i32, ext: &str) -> String {
    format!("{district}-{year}-报送进度.{ext}")
}

pub fn csv_bytes(table: &[[String; 8]]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(UNIT_COLUMNS)?;
    for line in table {
        w.write_record(line)?;
    }
    let body = w.into_inner().map_err(|e| e.into_error())?;
    // A BOM, so Excel opens the UTF-8 file with the right characters.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

/// Sheet 单位: the rows shown; sheet 报送率: the rates and their sources.
pub fn xlsx_bytes(
    table: &[[String; 8]],
    rates: &[[String; 3]],
    caption: &str,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let units = book.add_worksheet();
    units.set_name("单位")?;
    for (c, h) in UNIT_COLUMNS.iter().enumerate() {
        units.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, line) in table.iter().enumerate() {
        for (c, v) in line.iter().enumerate() {
            units.write_string(r as u32 + 1, c as u16, v)?;
        }
    }
    for (c, w) in [10.0, 28.0, 8.0, 16.0, 10.0, 18.0, 38.0, 50.0]
        .iter()
        .enumerate()
    {
        units.set_column_width(c as u16, *w)?;
    }
    units.set_freeze_panes(1, 0)?;
    let sheet = book.add_worksheet();
    sheet.set_name("报送率")?;
    sheet.write_string_with_format(0, 0, caption, &bold)?;
    for (c, h) in ["指标", "数值", "来源"].iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &bold)?;
    }
    for (r, line) in rates.iter().enumerate() {
        for (c, v) in line.iter().enumerate() {
            sheet.write_string(r as u32 + 2, c as u16, v)?;
        }
    }
    for (c, w) in [14.0, 10.0, 80.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    book.save_to_buffer()
}

fn download(media: &str, name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, media.to_owned()),
            (header::CONTENT_DISPOSITION, attachment(name)),
        ],
        bytes,
    )
        .into_response()
}

/// `/dashboard.csv`: exactly the rows the page shows with the same filter.
pub async fn csv(
    State(state): State<AppState>,
    signed: Signed,
    Query(f): Query<Filter>,
) -> Result<Response, WebError> {
    let s = season(&state.store, &signed.session.principal, &f.season()).await?;
    let shown = select(season_view(&state, &s.district, s.year).await?.rows, &f);
    let bytes = csv_bytes(&unit_table(&shown, &s.district))
        .map_err(|e| WebError::BadRequest(format!("导出失败：{e}")))?;
    Ok(download(
        "text/csv; charset=utf-8",
        &file_name(&s.district, s.year, "csv"),
        bytes,
    ))
}

/// `/dashboard.xlsx`: the rows shown and the season's rates (of all units).
pub async fn xlsx(
    State(state): State<AppState>,
    signed: Signed,
    Query(f): Query<Filter>,
) -> Result<Response, WebError> {
    let s = season(&state.store, &signed.session.principal, &f.season()).await?;
    let view = season_view(&state, &s.district, s.year).await?;
    let (r, shown) = (view.rates, select(view.rows, &f));
    let caption = format!(
        "{} {}年度报告报送进度（导出于 {}，北京时间）",
        s.district,
        s.year,
        when(fazhi_store::now_ms())
    );
    let bytes = xlsx_bytes(
        &unit_table(&shown, &s.district),
        &rate_table(&r, &view.status.deadlines, &s.district, s.year),
        &caption,
    )
    .map_err(|e| {
        tracing::error!(error = %e, "xlsx export");
        WebError::BadRequest("导出失败，请稍后重试".into())
    })?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &file_name(&s.district, s.year, "xlsx"),
        bytes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::UnitState;

    fn row(code: &str, sub: Option<&str>) -> Row {
        Row {
            code: code.into(),
            name: format!("{code}局"),
            kind: Some(fazhi_store::AgencyKind::Department),
            state: if sub.is_some() {
                UnitState::Processed
            } else {
                UnitState::Missing
            },
            on_time: sub.map(|_| true),
            submission_id: sub.map(str::to_owned),
            submitted_at: sub.map(|_| 1_700_000_000_000),
            reject_reason: None,
            overdue: false,
        }
    }

    #[test]
    fn each_row_names_its_source_a_report_or_the_roster() {
        let t = unit_table(&[row("a", Some("id-1")), row("b", None)], "示例区");
        assert_eq!(t[0][7], "报送 /reports/id-1");
        assert_eq!(t[0][4], "按时");
        assert_eq!(t[1][7], "单位名录（示例区），无报送");
        assert_eq!(t[1][3], "未报送");
    }

    #[test]
    fn every_rate_has_a_source_and_the_csv_opens_in_excel() {
        let rows = [row("a", Some("id-1")), row("b", None)];
        let rates = Rates {
            expected: 2,
            actual: 1,
            on_time: 1,
            processed: 1,
            rate: Some(0.5),
            rate_on_time: Some(0.5),
        };
        let deadlines = fazhi_season::Deadlines::default_for(2023).unwrap();
        let rt = rate_table(&rates, &deadlines, "示例区", 2023);
        assert!(rt.iter().all(|l| !l[2].is_empty()));
        assert_eq!(rt[2][1], "50.0%");
        let bytes = csv_bytes(&unit_table(&rows, "示例区")).unwrap();
        assert!(bytes.starts_with("\u{feff}代码,单位".as_bytes()));
        let x = xlsx_bytes(&unit_table(&rows, "示例区"), &rt, "t").unwrap();
        assert!(x.starts_with(b"PK"), "an XLSX is a zip");
    }
}
