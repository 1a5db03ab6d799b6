//! A year's roster as a CSV file: read and every row checked, with its line
//! number and a Chinese reason, before anything is written.

use super::*;

#[derive(Debug, Deserialize)]
struct CsvRow {
    code: String,
    name: String,
    #[serde(default)]
    short_name: String,
    kind: String,
    #[serde(default)]
    parent: String,
    district: String,
    #[serde(default)]
    exempt_reason: String,
}

fn some(s: String) -> Option<String> {
    Some(s).filter(|s| !s.is_empty())
}

/// Check one unit's fields; `Err` is the clerk's message (without position).
pub fn check_unit(u: &RosterUnit) -> Result<(), String> {
    if u.code.is_empty() || u.name.is_empty() || u.district.is_empty() {
        return Err("code（单位代码）、name（名称）、district（所属区）不能为空".into());
    }
    if u.code.chars().count() > 64 || u.code.chars().any(|c| c.is_control() || c == ',') {
        return Err(format!("单位代码“{}”格式不正确", u.code));
    }
    if u.parent.as_deref() == Some(u.code.as_str()) {
        return Err(format!("单位“{}”的上级单位不能是它自己", u.code));
    }
    Ok(())
}

/// Parse a roster CSV for `year`: columns `code,name,kind,district` and
/// optionally `short_name,parent,exempt_reason` (a reason makes the unit
/// exempt). Every row is checked, with its line number, before anything is
/// written.
pub fn parse_year_roster(csv_text: &str, year: i32) -> Result<Vec<RosterUnit>, StoreError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, row) in reader.deserialize::<CsvRow>().enumerate() {
        let line = i + 2;
        let row =
            row.map_err(|e| StoreError::Roster(format!("第{line}行: {}", csv_error_zh(&e))))?;
        let kind = AgencyKind::from_code(&row.kind)
            .map_err(|m| StoreError::Roster(format!("第{line}行: {m}")))?;
        let unit = RosterUnit {
            year_from: year,
            short_name: if row.short_name.is_empty() {
                row.name.clone()
            } else {
                row.short_name
            },
            code: row.code,
            name: row.name,
            kind,
            parent: some(row.parent),
            district: row.district,
            exempt_reason: some(row.exempt_reason),
        };
        check_unit(&unit).map_err(|m| StoreError::Roster(format!("第{line}行: {m}")))?;
        if let Some(first) = seen.insert(unit.code.clone(), line) {
            return Err(StoreError::Roster(format!(
                "第{line}行: 单位代码“{}”与第{first}行重复",
                unit.code
            )));
        }
        rows.push(unit);
    }
    if rows.is_empty() {
        return Err(StoreError::Roster("名录文件没有任何单位".into()));
    }
    Ok(rows)
}

fn csv_error_zh(e: &csv::Error) -> String {
    let text = e.to_string();
    if text.contains("missing field") {
        let field = text.split('`').nth(1).unwrap_or("?");
        format!("缺少列“{field}”（必需的列：code,name,kind,district）")
    } else if text.contains("found record with") {
        "列数与表头不一致".into()
    } else {
        format!("无法读取（{text}）")
    }
}
