//! The roster by year: which units a district expects a report from for the
//! reports on a year. Versioned by year: the roster of year Y holds, for each
//! unit, its latest version at or before Y (units merge, split, rename and
//! move district from a year on, without rewriting earlier years). A unit
//! with no version at all is read from the unversioned `agencies` table
//! (rosters imported before versions existed, `fazhi agencies import`);
//! the first version of such a unit first keeps its old row as the version
//! of [`EARLIEST_YEAR`], so earlier years keep seeing it as it was.
//! `agencies` stays the current roster (what submissions are checked
//! against), updated when a version is the unit's newest.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};

use crate::agencies::KINDS;
use crate::audit::{AuditAction, AuditEvent, append};
use crate::entity::{agency, district_summary, roster_entry};
use crate::summaries::{lock_summary, rebuild_summary};
use crate::{Store, StoreError, now_ms};

/// The year an unversioned unit's old row is kept under.
pub const EARLIEST_YEAR: i32 = 2000;

/// One unit as the roster of a year has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterUnit {
    /// The year this version starts.
    pub year_from: i32,
    pub code: String,
    pub name: String,
    pub short_name: String,
    /// department, street, town or district_government
    pub kind: String,
    pub parent: Option<String>,
    pub district: String,
    /// `Some(reason)`: on the roster, not expected to report.
    pub exempt_reason: Option<String>,
}

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
    if !KINDS.contains(&u.kind.as_str()) {
        return Err(format!(
            "kind（类型）必须是 {} 之一，而不是“{}”",
            KINDS.join("/"),
            u.kind
        ));
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
        let unit = RosterUnit {
            year_from: year,
            short_name: if row.short_name.is_empty() {
                row.name.clone()
            } else {
                row.short_name
            },
            code: row.code,
            name: row.name,
            kind: row.kind,
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

fn unit_of(m: roster_entry::Model) -> RosterUnit {
    RosterUnit {
        year_from: m.year,
        code: m.code,
        name: m.name,
        short_name: m.short_name,
        kind: m.kind,
        parent: m.parent,
        district: m.district,
        exempt_reason: m.exempt_reason,
    }
}

fn unit_of_agency(a: agency::Model) -> RosterUnit {
    RosterUnit {
        year_from: EARLIEST_YEAR,
        short_name: a.name.clone(),
        code: a.code,
        name: a.name,
        kind: a.kind,
        parent: None,
        district: a.district,
        exempt_reason: None,
    }
}

/// Every unit on any district's roster of `year`, by code.
pub(crate) async fn effective_all<C: ConnectionTrait>(
    db: &C,
    year: i32,
) -> Result<BTreeMap<String, RosterUnit>, StoreError> {
    let versioned: Vec<String> = roster_entry::Entity::find()
        .select_only()
        .column(roster_entry::Column::Code)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let versioned: BTreeSet<String> = versioned.into_iter().collect();
    let mut out = BTreeMap::new();
    for a in agency::Entity::find().all(db).await? {
        if !versioned.contains(&a.code) {
            out.insert(a.code.clone(), unit_of_agency(a));
        }
    }
    for e in roster_entry::Entity::find()
        .filter(roster_entry::Column::Year.lte(year))
        .all(db)
        .await?
    {
        let newer = out
            .get(&e.code)
            .is_none_or(|u: &RosterUnit| u.year_from < e.year);
        if newer {
            out.insert(e.code.clone(), unit_of(e));
        }
    }
    Ok(out)
}

/// The roster of `district` for `year`, exempt units included, by code.
pub(crate) async fn roster_of<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<Vec<RosterUnit>, StoreError> {
    Ok(effective_all(db, year)
        .await?
        .into_values()
        .filter(|u| u.district == district)
        .collect())
}

/// What a roster change did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterChange {
    pub written: usize,
    /// Stored summaries rebuilt, as (district, year).
    pub refreshed: Vec<(String, i32)>,
}

impl Store {
    /// The roster of a district for a year (exempt units included).
    pub async fn year_roster(
        &self,
        district: &str,
        year: i32,
    ) -> Result<Vec<RosterUnit>, StoreError> {
        roster_of(self.db(), district, year).await
    }

    /// The unit as the roster of `year` has it.
    pub async fn roster_unit(
        &self,
        code: &str,
        year: i32,
    ) -> Result<Option<RosterUnit>, StoreError> {
        Ok(effective_all(self.db(), year).await?.remove(code))
    }

    /// Write roster versions (all from the same year, checked), audit each
    /// change before → after, keep `agencies` current, and rebuild every
    /// stored summary the change touches: the districts units are in now
    /// and the ones they were in (a unit that moved leaves the old
    /// district's totals), for the version's year and later.
    pub async fn write_roster(
        &self,
        units: &[RosterUnit],
        actor: &str,
        origin: &str,
        action: AuditAction,
    ) -> Result<RosterChange, StoreError> {
        let Some(year) = units.first().map(|u| u.year_from) else {
            return Ok(RosterChange::default());
        };
        for u in units {
            check_unit(u).map_err(StoreError::Invalid)?;
            if u.year_from != year {
                return Err(StoreError::Invalid("一次只能写入同一年度的名录".into()));
            }
        }
        let txn = self.db().begin().await?;
        let before = effective_all(&txn, year).await?;
        let codes: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
        let mut districts: BTreeSet<String> = BTreeSet::new();
        let mut newest: HashMap<String, i32> = HashMap::new();
        for chunk in codes.chunks(500) {
            for e in roster_entry::Entity::find()
                .filter(roster_entry::Column::Code.is_in(chunk.iter().copied()))
                .all(&txn)
                .await?
            {
                districts.insert(e.district.clone());
                let n = newest.entry(e.code.clone()).or_insert(e.year);
                *n = (*n).max(e.year);
            }
            for a in agency::Entity::find()
                .filter(agency::Column::Code.is_in(chunk.iter().copied()))
                .all(&txn)
                .await?
            {
                districts.insert(a.district.clone());
                if !newest.contains_key(&a.code) {
                    // First version of an unversioned unit: keep its old row
                    // for the years before.
                    insert_entry(&txn, &unit_of_agency(a.clone())).await?;
                    newest.insert(a.code.clone(), EARLIEST_YEAR);
                }
            }
        }
        let now = now_ms();
        for u in units {
            districts.insert(u.district.clone());
            insert_entry(&txn, u).await?;
            if newest.get(&u.code).is_none_or(|&n| n <= year) {
                upsert_agency(&txn, u, now).await?;
            }
            append(
                &txn,
                AuditEvent {
                    actor: actor.to_owned(),
                    action,
                    target: u.code.clone(),
                    detail: serde_json::json!({
                        "year": year,
                        "before": before.get(&u.code),
                        "after": u,
                    }),
                    origin: origin.to_owned(),
                },
            )
            .await?;
        }
        txn.commit().await?;
        let refreshed = self.refresh_from(&districts, year).await?;
        Ok(RosterChange {
            written: units.len(),
            refreshed,
        })
    }

    /// Mark a unit exempt (with the reason) or expected again, from `year`.
    pub async fn set_exempt(
        &self,
        code: &str,
        year: i32,
        reason: Option<String>,
        actor: &str,
        origin: &str,
    ) -> Result<(RosterUnit, RosterChange), StoreError> {
        let mut unit = self
            .roster_unit(code, year)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("{year}年度名录中没有单位代码“{code}”")))?;
        unit.year_from = year;
        unit.exempt_reason = reason.filter(|r| !r.trim().is_empty());
        let change = self
            .write_roster(
                std::slice::from_ref(&unit),
                actor,
                origin,
                AuditAction::RosterExempt,
            )
            .await?;
        Ok((unit, change))
    }

    /// Rebuild the stored summaries of these districts for `year` and later.
    async fn refresh_from(
        &self,
        districts: &BTreeSet<String>,
        year: i32,
    ) -> Result<Vec<(String, i32)>, StoreError> {
        let mut done = Vec::new();
        for district in districts {
            let years: Vec<i32> = district_summary::Entity::find()
                .select_only()
                .column(district_summary::Column::Year)
                .filter(district_summary::Column::District.eq(district.as_str()))
                .filter(district_summary::Column::Year.gte(year))
                .into_tuple()
                .all(self.db())
                .await?;
            for y in years {
                let txn = self.db().begin().await?;
                lock_summary(&txn, district, y).await?;
                rebuild_summary(&txn, district, y).await?;
                txn.commit().await?;
                done.push((district.clone(), y));
            }
        }
        Ok(done)
    }
}

async fn insert_entry<C: ConnectionTrait>(db: &C, u: &RosterUnit) -> Result<(), StoreError> {
    roster_entry::Entity::insert(roster_entry::ActiveModel {
        year: Set(u.year_from),
        code: Set(u.code.clone()),
        name: Set(u.name.clone()),
        short_name: Set(u.short_name.clone()),
        kind: Set(u.kind.clone()),
        parent: Set(u.parent.clone()),
        district: Set(u.district.clone()),
        exempt_reason: Set(u.exempt_reason.clone()),
        updated_at: Set(now_ms()),
    })
    .on_conflict(
        OnConflict::columns([roster_entry::Column::Year, roster_entry::Column::Code])
            .update_columns([
                roster_entry::Column::Name,
                roster_entry::Column::ShortName,
                roster_entry::Column::Kind,
                roster_entry::Column::Parent,
                roster_entry::Column::District,
                roster_entry::Column::ExemptReason,
                roster_entry::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

async fn upsert_agency<C: ConnectionTrait>(
    db: &C,
    u: &RosterUnit,
    now: i64,
) -> Result<(), StoreError> {
    agency::Entity::insert(agency::ActiveModel {
        code: Set(u.code.clone()),
        name: Set(u.name.clone()),
        kind: Set(u.kind.clone()),
        district: Set(u.district.clone()),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(agency::Column::Code)
            .update_columns([
                agency::Column::Name,
                agency::Column::Kind,
                agency::Column::District,
                agency::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests;
