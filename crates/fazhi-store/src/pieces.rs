//! The district summary's pieces: one filed contribution per agency whose
//! report counts, and the district's small state row (lock and version).
//! A change of one agency's counting report rewrites that agency's piece
//! alone; which report counts is asked of [`crate::counting`].

use fazhi_core::ParsedReport;
use fazhi_summary::{Agency, Filed, ReportContribution};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, ExprTrait, QueryFilter,
    QuerySelect,
};

use crate::counting::{self, Counting};
use crate::entity::{agency, district_summary, parsed_report, summary_piece, summary_state};
use crate::summaries::{contribution_json_for, to_agency};
use crate::summary_version::note_change;
use crate::{StoreError, now_ms};

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// Make sure the district's state row exists and hold it for the rest of
/// the transaction (row lock on PostgreSQL; SQLite has one writer anyway,
/// and the insert makes this a write transaction from the start). Reads
/// only the row's version, never the summary.
pub(crate) async fn lock_summary<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<(), StoreError> {
    summary_state::Entity::insert(summary_state::ActiveModel {
        district: Set(district.to_owned()),
        year: Set(year),
        version: Set(0),
        complete: Set(false),
        updated_at: Set(now_ms()),
    })
    .on_conflict_do_nothing()
    .exec_without_returning(db)
    .await?;
    if db.get_database_backend() == DbBackend::Postgres {
        summary_state::Entity::find_by_id((district.to_owned(), year))
            .select_only()
            .column(summary_state::Column::Version)
            .lock_exclusive()
            .into_tuple::<i64>()
            .one(db)
            .await?;
    }
    Ok(())
}

/// The report that counts for `agency_code` in `district`/`year` may have
/// changed (processed, withdrawn, reviewed, corrected): bring that agency's
/// piece up to date and count the change, so the summary is rendered again
/// (after commit, by the worker or the next reader). Call inside the
/// transaction that made the change, after [`lock_summary`].
pub(crate) async fn agency_changed<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    agency_code: &str,
) -> Result<(), StoreError> {
    if !built(db, district, year).await? {
        return build_all(db, district, year).await;
    }
    refile(db, district, year, agency_code, None).await
}

/// [`agency_changed`] for the worker's new parse: `shared` when the
/// transaction holds the shared lock on a built district
/// ([`crate::summary_version::lock_shared`]), else after [`lock_summary`].
pub(crate) async fn parse_filed<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    agency_code: &str,
    fresh: Fresh<'_>,
    shared: bool,
) -> Result<(), StoreError> {
    if !shared && !built(db, district, year).await? {
        return build_all(db, district, year).await;
    }
    refile(db, district, year, agency_code, Some(fresh)).await
}

/// Whether the district's pieces were built once (see `summary_states.complete`).
async fn built<C: ConnectionTrait>(db: &C, district: &str, year: i32) -> Result<bool, StoreError> {
    Ok(
        summary_state::Entity::find_by_id((district.to_owned(), year))
            .select_only()
            .column(summary_state::Column::Complete)
            .into_tuple::<bool>()
            .one(db)
            .await?
            .unwrap_or(false),
    )
}

/// A contribution computed in this transaction (the worker's new parse),
/// so the piece need not read back what was just written.
pub(crate) struct Fresh<'a> {
    pub submission_id: &'a str,
    pub contribution: &'a ReportContribution,
    /// The agency's row as this transaction read it (`None`: not on record).
    pub agency: Option<&'a agency::Model>,
}

/// [`agency_changed`] for a district whose pieces are built, under the
/// shared lock ([`crate::summary_version::lock_shared`]) or the exclusive one.
async fn refile<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    agency_code: &str,
    fresh: Option<Fresh<'_>>,
) -> Result<(), StoreError> {
    // First: under the shared lock this row is the agency's lock.
    note_change(db, district, year, agency_code).await?;
    let known = fresh.as_ref().and_then(|f| f.agency);
    let unit = crate::roster::unit_in(db, agency_code, year, known)
        .await?
        .filter(|u| u.district == district && u.exempt_reason.is_none());
    // Read once: the counting rule and the deadline both come from it.
    let season = crate::season::settings_in(db, district, year).await?;
    let counts = match unit {
        Some(u) => counting::counting(
            db,
            &[agency_code],
            year,
            &[(district, season.count_unreviewed)],
        )
        .await?
        .remove(agency_code)
        .map(|c| (to_agency(&counting::as_agency(u)), c)),
        None => None,
    };
    let at = Place {
        district,
        year,
        season: &season,
    };
    set_piece(db, &at, agency_code, counts, fresh).await
}

/// Something the draft's season figures depend on changed (a publication,
/// an escalation step, a privacy check cleared) while no report's piece
/// did: bump the version so the summary is rendered again. Call inside the
/// change's transaction, after [`lock_summary`].
pub(crate) async fn season_changed<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<(), StoreError> {
    bump(db, district, year, None).await
}

/// Every piece of the district again from the counting reports (repair, and
/// the first change of a district summarised before pieces existed).
pub(crate) async fn build_all<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<(), StoreError> {
    summary_piece::Entity::delete_many()
        .filter(summary_piece::Column::District.eq(district))
        .filter(summary_piece::Column::Year.eq(year))
        .exec(db)
        .await?;
    let roster = counting::expected(db, district, year).await?;
    let codes: Vec<&str> = roster.iter().map(|a| a.code.as_str()).collect();
    let season = crate::season::settings_in(db, district, year).await?;
    let mut latest =
        counting::counting(db, &codes, year, &[(district, season.count_unreviewed)]).await?;
    let at = Place {
        district,
        year,
        season: &season,
    };
    for a in &roster {
        if let Some(c) = latest.remove(&a.code) {
            set_piece(db, &at, &a.code, Some((to_agency(a), c)), None).await?;
        }
    }
    // Past any version a summary stored before pieces existed carries.
    let stored: i64 = district_summary::Entity::find_by_id((district.to_owned(), year))
        .select_only()
        .column(district_summary::Column::Version)
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or(0);
    bump(db, district, year, Some(stored)).await
}

async fn bump<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    at_least: Option<i64>,
) -> Result<(), StoreError> {
    let mut update = summary_state::Entity::update_many();
    update = match at_least {
        // Under the lock: read, then set (SQLite has no GREATEST).
        Some(stored) => {
            let held: i64 = summary_state::Entity::find_by_id((district.to_owned(), year))
                .select_only()
                .column(summary_state::Column::Version)
                .into_tuple()
                .one(db)
                .await?
                .unwrap_or(0);
            update
                .col_expr(
                    summary_state::Column::Version,
                    Expr::val(std::cmp::max(held, stored) + 1),
                )
                .col_expr(summary_state::Column::Complete, Expr::val(true))
        }
        None => update.col_expr(
            summary_state::Column::Version,
            Expr::col(summary_state::Column::Version).add(1),
        ),
    };
    update
        .col_expr(summary_state::Column::UpdatedAt, Expr::val(now_ms()))
        .filter(summary_state::Column::District.eq(district))
        .filter(summary_state::Column::Year.eq(year))
        .exec(db)
        .await?;
    // Next year's draft reviews this year's plans: it is behind now too
    // (locks are taken in year order, never the other way round).
    summary_state::Entity::update_many()
        .col_expr(
            summary_state::Column::Version,
            Expr::col(summary_state::Column::Version).add(1),
        )
        .filter(summary_state::Column::District.eq(district))
        .filter(summary_state::Column::Year.eq(year + 1))
        .exec(db)
        .await?;
    Ok(())
}

/// The district and year a piece is filed under, with its season settings
/// (read once per transaction).
struct Place<'a> {
    district: &'a str,
    year: i32,
    season: &'a crate::season::SeasonSettings,
}

/// Write (or delete, for `None`) one agency's piece; nothing when it already
/// holds this submission under the current catalog.
async fn set_piece<C: ConnectionTrait>(
    db: &C,
    at: &Place<'_>,
    agency_code: &str,
    counts: Option<(Agency, Counting)>,
    fresh: Option<Fresh<'_>>,
) -> Result<(), StoreError> {
    let (district, year) = (at.district, at.year);
    let key = (district.to_owned(), year, agency_code.to_owned());
    let Some((agency, c)) = counts else {
        summary_piece::Entity::delete_by_id(key).exec(db).await?;
        return Ok(());
    };
    let version = fazhi_summary::catalog::data_version();
    // Whether the counting report reached the office (its `received_on`,
    // else the RPC time) before the district's submission deadline.
    let on_time = at.season.deadlines.submission_timeliness(c.submitted_at)
        == fazhi_season::Timeliness::OnTime;
    let mut contribution = match fresh.filter(|f| f.submission_id == c.submission_id) {
        // Just parsed under the current catalog: no piece can hold it yet.
        Some(f) => f.contribution.clone(),
        None => {
            let held: Option<(String, i32, String)> = summary_piece::Entity::find_by_id(key)
                .select_only()
                .columns([
                    summary_piece::Column::SubmissionId,
                    summary_piece::Column::DataVersion,
                    summary_piece::Column::Filed,
                ])
                .into_tuple()
                .one(db)
                .await?;
            // The same report under the same catalog and deadline reading: kept.
            if held.is_some_and(|(id, v, filed)| {
                id == c.submission_id
                    && v as u32 == version
                    && filed_on_time(&filed) == Some(on_time)
            }) {
                return Ok(());
            }
            contribution_of(db, &agency, &c, year).await?
        }
    };
    contribution.on_time = on_time;
    contribution.coverage.on_time = Some(on_time);
    let filed = serde_json::to_string(&Filed::new(contribution)).map_err(corrupt)?;
    summary_piece::Entity::insert(summary_piece::ActiveModel {
        district: Set(district.to_owned()),
        year: Set(year),
        agency_code: Set(agency_code.to_owned()),
        submission_id: Set(c.submission_id.clone()),
        data_version: Set(version as i32),
        filed: Set(filed),
    })
    .on_conflict(
        OnConflict::columns([
            summary_piece::Column::District,
            summary_piece::Column::Year,
            summary_piece::Column::AgencyCode,
        ])
        .update_columns([
            summary_piece::Column::SubmissionId,
            summary_piece::Column::DataVersion,
            summary_piece::Column::Filed,
        ])
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The `on_time` a stored piece was filed with (`None`: unreadable).
fn filed_on_time(filed: &str) -> Option<bool> {
    #[derive(serde::Deserialize)]
    struct OnTime {
        on_time: bool,
    }
    #[derive(serde::Deserialize)]
    struct Piece {
        contribution: OnTime,
    }
    serde_json::from_str::<Piece>(filed)
        .ok()
        .map(|p| p.contribution.on_time)
}

/// The stored contribution of the counting report; one made with older
/// catalog data is recomputed once from the stored text and parse, and
/// stored again.
async fn contribution_of<C: ConnectionTrait>(
    db: &C,
    agency: &Agency,
    c: &Counting,
    year: i32,
) -> Result<ReportContribution, StoreError> {
    let version = fazhi_summary::catalog::data_version();
    let stored: Option<Option<String>> = parsed_report::Entity::find_by_id(c.submission_id.clone())
        .select_only()
        .column(parsed_report::Column::Contribution)
        .into_tuple()
        .one(db)
        .await?;
    let current = stored
        .flatten()
        .and_then(|j| serde_json::from_str::<ReportContribution>(&j).ok())
        .filter(|c| c.data_version == version);
    if let Some(current) = current {
        return Ok(current);
    }
    let id = &c.submission_id;
    let row = parsed_report::Entity::find_by_id(id.clone())
        .one(db)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("parse of {id} vanished")))?;
    let parsed: ParsedReport = serde_json::from_str(&row.parsed)
        .map_err(|e| StoreError::Corrupt(format!("parse of {id}: {e}")))?;
    let json = contribution_json_for(agency.clone(), id, c.submitted_at, year, &row.text, &parsed)?;
    parsed_report::Entity::update_many()
        .col_expr(parsed_report::Column::Contribution, Expr::val(json.clone()))
        .filter(parsed_report::Column::SubmissionId.eq(id.as_str()))
        .exec(db)
        .await?;
    serde_json::from_str(&json).map_err(corrupt)
}

/// The agency of a row as read, or its code when it is not on record.
pub(crate) fn agency_or_code(row: Option<&agency::Model>, code: &str) -> Agency {
    row.map(to_agency).unwrap_or_else(|| Agency {
        code: code.to_owned(),
        name: code.to_owned(),
        kind: None,
    })
}
