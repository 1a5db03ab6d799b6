//! The roster: which agencies exist, their kind and district.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;

use crate::entity::agency::{self, AgencyKind};
use crate::{Store, StoreError, now_ms};

/// One roster row as read from CSV (`code,name,kind,district`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    pub district: String,
}

/// A CSV row as written: the kind is checked with the row's line number.
#[derive(Deserialize)]
struct CsvRow {
    code: String,
    name: String,
    kind: String,
    district: String,
}

/// Parse a roster CSV; every row is checked before anything is written.
pub fn parse_roster(csv_text: &str) -> Result<Vec<RosterRow>, StoreError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = Vec::new();
    for (i, row) in reader.deserialize::<CsvRow>().enumerate() {
        let line = i + 2;
        let row = row.map_err(|e| StoreError::Roster(format!("第{line}行: {e}")))?;
        if row.code.is_empty() || row.name.is_empty() || row.district.is_empty() {
            return Err(StoreError::Roster(format!(
                "第{line}行: code、name、district 不能为空"
            )));
        }
        let kind = AgencyKind::from_code(&row.kind)
            .map_err(|m| StoreError::Roster(format!("第{line}行: {m}")))?;
        rows.push(RosterRow {
            code: row.code,
            name: row.name,
            kind,
            district: row.district,
        });
    }
    Ok(rows)
}

impl Store {
    /// Insert or update roster rows (by code). Returns how many were written.
    pub async fn upsert_agencies(&self, rows: &[RosterRow]) -> Result<usize, StoreError> {
        if rows.is_empty() {
            return Ok(0);
        }
        let now = now_ms();
        let models = rows.iter().map(|r| agency::ActiveModel {
            code: Set(r.code.clone()),
            name: Set(r.name.clone()),
            kind: Set(r.kind),
            district: Set(r.district.clone()),
            updated_at: Set(now),
        });
        crate::upsert::upsert(self.db(), models.collect()).await?;
        Ok(rows.len())
    }

    /// Upsert the rows and name every district whose summary they touch:
    /// the districts in the rows and the ones agencies moved out of (an
    /// agency moved from A to B must leave A's summary too).
    pub async fn import_roster(&self, rows: &[RosterRow]) -> Result<Vec<String>, StoreError> {
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        let mut districts: Vec<String> = Vec::new();
        for chunk in codes.chunks(500) {
            let before = agency::Entity::find()
                .filter(agency::Column::Code.is_in(chunk.iter().copied()))
                .all(self.db())
                .await?;
            districts.extend(before.into_iter().map(|a| a.district));
        }
        self.upsert_agencies(rows).await?;
        districts.extend(rows.iter().map(|r| r.district.clone()));
        districts.sort();
        districts.dedup();
        Ok(districts)
    }

    pub async fn agency(&self, code: &str) -> Result<Option<agency::Model>, StoreError> {
        Ok(agency::Entity::find_by_id(code.to_owned())
            .one(self.db())
            .await?)
    }

    /// Every agency of a district, by code.
    pub async fn roster(&self, district: &str) -> Result<Vec<agency::Model>, StoreError> {
        Ok(agency::Entity::find()
            .filter(agency::Column::District.eq(district))
            .order_by_asc(agency::Column::Code)
            .all(self.db())
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roster_rejects_unknown_kind_with_line_number() {
        let err =
            parse_roster("code,name,kind,district\na,甲局,department,示例区\nb,乙,bureau,示例区\n")
                .unwrap_err();
        assert!(err.to_string().contains("第3行"), "{err}");
    }

    #[test]
    fn roster_reads_bom_and_spaces() {
        let rows =
            parse_roster("\u{feff}code,name,kind,district\n a , 甲局 ,town,示例区\n").unwrap();
        assert_eq!(rows[0].code, "a");
        assert_eq!(rows[0].name, "甲局");
    }
}
