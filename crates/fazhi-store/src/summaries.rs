//! District summaries: rendered from the stored pieces (one filed
//! contribution per agency whose report counts, see [`crate::pieces`]),
//! stored, and read back.
//!
//! A change costs one piece inside the worker's transaction; the summary
//! itself (linear in the district: tens of MB at 1 000 reports) is rendered
//! after commit, once for any number of changes that arrived meanwhile, and
//! stored with the version of the pieces it shows. A reader that finds the
//! stored summary behind the pieces renders it then (read-your-writes: a
//! report shown `processed` is in the summary returned).

use fazhi_core::ParsedReport;
use fazhi_summary::{Agency, DistrictAggregate, DistrictSummary, Filed, ReportInput};
use sea_orm::sea_query::{Alias, Expr, OnConflict};
use sea_orm::{
    AccessMode, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, ExprTrait,
    IsolationLevel, QueryFilter, QuerySelect, TransactionTrait,
};

use crate::counting;
use crate::entity::{agency, district_summary, summary_piece, summary_state};
use crate::pieces::build_all;
pub(crate) use crate::pieces::{agency_changed, lock_summary};
use crate::plan_delivery::plan_delivery;
use crate::record::deadline_ms;
use crate::season_figures::season_figures;
use crate::{Store, StoreError, now_ms};

pub(crate) fn to_agency(model: &agency::Model) -> Agency {
    Agency {
        code: model.code.clone(),
        name: model.name.clone(),
        kind: Some(model.kind.into()),
    }
}

fn report_input<'a>(
    agency: Agency,
    submission_id: &str,
    submitted_at: i64,
    year: i32,
    text: &'a str,
    parsed: &'a ParsedReport,
) -> ReportInput<'a> {
    ReportInput {
        agency,
        submission_id: submission_id.to_owned(),
        submitted_at: chrono::DateTime::from_timestamp_millis(submitted_at)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default(),
        on_time: submitted_at < deadline_ms(year),
        text,
        parsed,
    }
}

/// One report's contribution to its district summary, as stored JSON.
pub(crate) fn contribution_json_for(
    agency: Agency,
    submission_id: &str,
    submitted_at: i64,
    year: i32,
    text: &str,
    parsed: &ParsedReport,
) -> Result<String, StoreError> {
    let input = report_input(agency, submission_id, submitted_at, year, text, parsed);
    serde_json::to_string(&fazhi_summary::contribution(&input))
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// One report's contribution, with the agency's row as read (`None`: not on
/// record, named by its code). Pure: the worker computes it before its
/// transaction.
pub(crate) fn contribution_with(
    agency: Option<&agency::Model>,
    agency_code: &str,
    submission_id: &str,
    submitted_at: i64,
    year: i32,
    text: &str,
    parsed: &ParsedReport,
) -> fazhi_summary::ReportContribution {
    let agency = crate::pieces::agency_or_code(agency, agency_code);
    let input = report_input(agency, submission_id, submitted_at, year, text, parsed);
    fazhi_summary::contribution(&input)
}

/// What rendering found.
enum Rendered {
    /// The stored summary already shows the current pieces.
    Current,
    /// No pieces yet (nothing counted since they exist): the stored row,
    /// if any, is what there is.
    NoPieces,
    /// A piece was filed under another catalog: a full rebuild is due.
    Stale,
    Summary(i64, Box<DistrictSummary>),
}

/// Render the summary from the pieces in `db` (one consistent snapshot).
async fn render<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    force: bool,
) -> Result<Rendered, StoreError> {
    let Some((version, complete)) = crate::summary_version::version_of(db, district, year).await?
    else {
        return Ok(Rendered::NoPieces);
    };
    if !complete {
        return Ok(Rendered::NoPieces);
    }
    let shown = stored_version(db, district, year).await?;
    if !force && shown.is_some_and(|v| v >= version) {
        return Ok(Rendered::Current);
    }
    let roster = counting::expected(db, district, year).await?;
    let pieces: Vec<(String, String, i32, String)> = summary_piece::Entity::find()
        .select_only()
        .columns([
            summary_piece::Column::AgencyCode,
            summary_piece::Column::SubmissionId,
            summary_piece::Column::DataVersion,
            summary_piece::Column::Filed,
        ])
        .filter(summary_piece::Column::District.eq(district))
        .filter(summary_piece::Column::Year.eq(year))
        .into_tuple()
        .all(db)
        .await?;
    let current = fazhi_summary::catalog::data_version();
    if pieces.iter().any(|(_, _, v, _)| *v as u32 != current) {
        return Ok(Rendered::Stale);
    }
    // Only agencies the district expects count (an agency that moved keeps
    // its piece here until the roster change rebuilds the district).
    let on_roster: std::collections::HashSet<&str> =
        roster.iter().map(|a| a.code.as_str()).collect();
    let mut filed = Vec::with_capacity(pieces.len());
    let mut counting = std::collections::HashSet::new();
    for (code, id, _, json) in &pieces {
        if on_roster.contains(code.as_str()) {
            counting.insert(id.as_str());
            let f: Filed = serde_json::from_str(json)
                .map_err(|e| StoreError::Corrupt(format!("piece {district}/{year}/{code}: {e}")))?;
            filed.push(f);
        }
    }
    let agencies: Vec<Agency> = roster.iter().map(to_agency).collect();
    let season = season_figures(db, district, year, &counting).await?;
    let mut aggregate = DistrictAggregate::from_filed(district, year, &agencies, filed);
    aggregate.set_season(Some(season));
    let current: Vec<fazhi_summary::ReportContribution> =
        aggregate.contributions().cloned().collect();
    aggregate.set_plan_delivery(plan_delivery(db, district, year, &current).await?);
    Ok(Rendered::Summary(version, Box::new(aggregate.summary())))
}

async fn stored_version<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<Option<i64>, StoreError> {
    Ok(
        district_summary::Entity::find_by_id((district.to_owned(), year))
            .select_only()
            .column(district_summary::Column::Version)
            .into_tuple()
            .one(db)
            .await?,
    )
}

/// Store a rendered summary unless a newer one is stored already (renders
/// run outside the lock, and two may race: the later version wins).
async fn store_rendered<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    version: i64,
    summary: &DistrictSummary,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(summary).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let newer = Expr::col((district_summary::Entity, district_summary::Column::Version)).lt(
        Expr::col((Alias::new("excluded"), district_summary::Column::Version)),
    );
    district_summary::Entity::insert(district_summary::ActiveModel {
        district: Set(district.to_owned()),
        year: Set(year),
        summary: Set(json),
        version: Set(version),
        updated_at: Set(now_ms()),
    })
    .on_conflict(
        OnConflict::columns([
            district_summary::Column::District,
            district_summary::Column::Year,
        ])
        .update_columns([
            district_summary::Column::Summary,
            district_summary::Column::Version,
            district_summary::Column::UpdatedAt,
        ])
        .action_and_where(newer)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Rebuild the district from scratch (every piece from the counting
/// reports, then the summary) inside the caller's transaction, after
/// [`lock_summary`]: the repair path and the reference the incremental
/// path is tested against.
pub(crate) async fn rebuild_summary<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<DistrictSummary, StoreError> {
    build_all(db, district, year).await?;
    match render(db, district, year, true).await? {
        Rendered::Summary(version, summary) => {
            store_rendered(db, district, year, version, &summary).await?;
            Ok(*summary)
        }
        _ => Err(StoreError::Corrupt(format!(
            "{district}/{year}: pieces not usable right after a rebuild"
        ))),
    }
}

impl Store {
    /// The stored summary; for a district with a roster but no processed
    /// report yet, the empty picture (everyone missing). `None`: unknown district.
    pub async fn district_summary(
        &self,
        district: &str,
        year: i32,
    ) -> Result<Option<DistrictSummary>, StoreError> {
        if let Some(summary) = self.render_if_stale(district, year).await? {
            return Ok(Some(summary));
        }
        let row = district_summary::Entity::find_by_id((district.to_owned(), year))
            .one(self.db())
            .await?;
        if let Some(row) = row.filter(|r| !r.summary.is_empty()) {
            let summary = serde_json::from_str(&row.summary)
                .map_err(|e| StoreError::Corrupt(format!("summary {district}/{year}: {e}")))?;
            return Ok(Some(summary));
        }
        let roster = self.roster(district).await?;
        if roster.is_empty() {
            return Ok(None);
        }
        let agencies: Vec<Agency> = roster.iter().map(to_agency).collect();
        Ok(Some(fazhi_summary::consolidate(
            district,
            year,
            &agencies,
            &[],
        )))
    }

    /// Render and store the summary if it is behind its pieces; the summary
    /// when it rendered one. Takes no lock: reads one snapshot, writes only
    /// if nothing newer was stored meanwhile. Cheap when current (two small
    /// reads), so the worker calls it after each commit.
    pub async fn render_if_stale(
        &self,
        district: &str,
        year: i32,
    ) -> Result<Option<DistrictSummary>, StoreError> {
        let txn = match self.db().get_database_backend() {
            DbBackend::Postgres => {
                self.db()
                    .begin_with_config(
                        Some(IsolationLevel::RepeatableRead),
                        Some(AccessMode::ReadOnly),
                    )
                    .await?
            }
            _ => self.db().begin().await?,
        };
        let rendered = render(&txn, district, year, false).await;
        txn.commit().await?;
        match rendered? {
            Rendered::Current | Rendered::NoPieces => Ok(None),
            Rendered::Stale => Ok(Some(self.rebuild(district, year).await?)),
            Rendered::Summary(version, summary) => {
                store_rendered(self.db(), district, year, version, &summary).await?;
                Ok(Some(*summary))
            }
        }
    }

    /// Rebuild one district's summary from scratch (repair).
    pub async fn rebuild(&self, district: &str, year: i32) -> Result<DistrictSummary, StoreError> {
        let txn = self.begin_write().await?;
        lock_summary(&txn, district, year).await?;
        let summary = rebuild_summary(&txn, district, year).await?;
        txn.commit().await?;
        Ok(summary)
    }

    /// Rebuild every stored summary of these districts (after a roster change).
    pub async fn refresh_summaries(&self, districts: &[String]) -> Result<(), StoreError> {
        for district in districts {
            let mut years: Vec<i32> = district_summary::Entity::find()
                .select_only()
                .column(district_summary::Column::Year)
                .filter(district_summary::Column::District.eq(district.as_str()))
                .into_tuple()
                .all(self.db())
                .await?;
            let states: Vec<i32> = summary_state::Entity::find()
                .select_only()
                .column(summary_state::Column::Year)
                .filter(summary_state::Column::District.eq(district.as_str()))
                .into_tuple()
                .all(self.db())
                .await?;
            years.extend(states);
            years.sort_unstable();
            years.dedup();
            for year in years {
                self.rebuild(district, year).await?;
            }
        }
        Ok(())
    }
}
