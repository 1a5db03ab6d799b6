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

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};

use crate::AgencyKind;
use crate::audit::{AuditAction, AuditEvent, append};
use crate::entity::{agency, district_summary, roster_entry};
use crate::summaries::{lock_summary, rebuild_summary};
use crate::{Store, StoreError, now_ms};

mod csv_file;

pub use csv_file::{check_unit, parse_year_roster};

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
    pub kind: AgencyKind,
    pub parent: Option<String>,
    pub district: String,
    /// `Some(reason)`: on the roster, not expected to report.
    pub exempt_reason: Option<String>,
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

/// One unit as [`effective_all`] has it, without reading every unit: its
/// latest version at or before `year`, else (no version at all) its
/// unversioned row. What the worker's transaction asks, per report.
/// `known`: the agency's row as the caller's transaction read it already,
/// used instead of reading it again.
pub(crate) async fn unit_in<C: ConnectionTrait>(
    db: &C,
    code: &str,
    year: i32,
    known: Option<&agency::Model>,
) -> Result<Option<RosterUnit>, StoreError> {
    let versions = roster_entry::Entity::find()
        .filter(roster_entry::Column::Code.eq(code))
        .order_by_desc(roster_entry::Column::Year)
        .all(db)
        .await?;
    if versions.is_empty() {
        if let Some(a) = known.filter(|a| a.code == code) {
            return Ok(Some(unit_of_agency(a.clone())));
        }
        return Ok(agency::Entity::find_by_id(code.to_owned())
            .one(db)
            .await?
            .map(unit_of_agency));
    }
    Ok(versions.into_iter().find(|e| e.year <= year).map(unit_of))
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
        let txn = self.begin_write().await?;
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
                let txn = self.begin_write().await?;
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
    crate::upsert::upsert(
        db,
        vec![roster_entry::ActiveModel {
            year: Set(u.year_from),
            code: Set(u.code.clone()),
            name: Set(u.name.clone()),
            short_name: Set(u.short_name.clone()),
            kind: Set(u.kind),
            parent: Set(u.parent.clone()),
            district: Set(u.district.clone()),
            exempt_reason: Set(u.exempt_reason.clone()),
            updated_at: Set(now_ms()),
        }],
    )
    .await?;
    Ok(())
}

async fn upsert_agency<C: ConnectionTrait>(
    db: &C,
    u: &RosterUnit,
    now: i64,
) -> Result<(), StoreError> {
    crate::upsert::upsert(
        db,
        vec![agency::ActiveModel {
            code: Set(u.code.clone()),
            name: Set(u.name.clone()),
            kind: Set(u.kind),
            district: Set(u.district.clone()),
            updated_at: Set(now),
        }],
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests;
