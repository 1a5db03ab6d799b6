//! The version of a district's summary, without one row that every report
//! rewrites. District-wide changes (a rebuild, a season step) bump the
//! district's state row; filing one agency's piece bumps that agency's
//! change row (`summary_changes`), under a *shared* lock on the state row,
//! so two workers filing two agencies run side by side and only two
//! versions of one agency wait for each other.
//!
//! The version of (district, year) is the state's version plus every change
//! of that year and of the year before (next year's draft reviews this
//! year's plans). Change rows are never deleted and every term only grows,
//! so the sum grows with each commit, in commit order: a summary stored
//! with version V shows every change a snapshot with version V holds.

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbBackend, EntityTrait, ExprTrait, Statement};

use crate::StoreError;
use crate::entity::summary_change;

/// The district's summary version and whether its pieces were built once
/// (`None`: no state row yet).
pub(crate) async fn version_of<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<Option<(i64, bool)>, StoreError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT CAST(s.version + COALESCE((SELECT SUM(c.revision) FROM summary_changes c \
             WHERE c.district = s.district AND (c.year = s.year OR c.year = s.year - 1)), 0) AS BIGINT) AS v, \
             s.complete AS complete FROM summary_states s WHERE s.district = $1 AND s.year = $2"
        }
        _ => {
            "SELECT CAST(s.version + COALESCE((SELECT SUM(c.revision) FROM summary_changes c \
             WHERE c.district = s.district AND (c.year = s.year OR c.year = s.year - 1)), 0) AS BIGINT) AS v, \
             s.complete AS complete FROM summary_states s WHERE s.district = ? AND s.year = ?"
        }
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [district.into(), year.into()],
        ))
        .await?;
    match row {
        Some(r) => Ok(Some((r.try_get("", "v")?, r.try_get("", "complete")?))),
        None => Ok(None),
    }
}

/// One more change of this agency's piece. On the shared-lock path this is
/// also the agency's lock: the upsert holds its row until commit, so the
/// counting read after it sees any other version of the agency committed.
pub(crate) async fn note_change<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    agency_code: &str,
) -> Result<(), StoreError> {
    summary_change::Entity::insert(summary_change::ActiveModel {
        district: Set(district.to_owned()),
        year: Set(year),
        agency_code: Set(agency_code.to_owned()),
        revision: Set(1),
    })
    .on_conflict(
        OnConflict::columns([
            summary_change::Column::District,
            summary_change::Column::Year,
            summary_change::Column::AgencyCode,
        ])
        .value(
            summary_change::Column::Revision,
            Expr::col((summary_change::Entity, summary_change::Column::Revision)).add(1),
        )
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Take the district's state row in shared mode for a change of one
/// agency's piece (PostgreSQL `FOR SHARE`: exclusive district-wide changes
/// wait, other agencies' changes do not). `false`: the row is missing or
/// its pieces were never built, and the caller must take the exclusive
/// lock instead (in a new transaction: upgrading a shared lock held by two
/// could deadlock). On SQLite (one writer) the caller takes the exclusive lock.
pub(crate) async fn lock_shared<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<bool, StoreError> {
    let backend = db.get_database_backend();
    if backend != DbBackend::Postgres {
        return Ok(false);
    }
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT complete FROM summary_states WHERE district = $1 AND year = $2 FOR SHARE",
            [district.into(), year.into()],
        ))
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<bool>("", "complete")?,
        None => false,
    })
}
