//! Analysis results per (district, year), kept "like the summary": computed
//! from stored parses and contributions (never by re-parsing text), stored
//! with the summary versions they come from (`basis`), recomputed when a
//! read finds them stale or on `refresh_analysis`. A read of one analysis
//! fetches its one column. Nothing here runs in the worker's transaction.
//! The office's 整改 records are `crate::rectifications`.

use fazhi_analysis::district::{DistrictAnalysis, DistrictInput, StoredReport, analyse};
use fazhi_core::ParsedReport;
use fazhi_summary::{DistrictSummary, ReportContribution, ReportInput};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::entity::{analysis_result, district_summary, parsed_report, summary_state};
pub use crate::rectifications::{Rectification, RectificationStatus};
use crate::{Store, StoreError, now_ms};

/// Bumped when the analyses change what they compute: stored results of an
/// older version are stale.
pub const ANALYSIS_VERSION: &str = "a1";

/// One stored analysis (one column of `analysis_results`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalysisPart {
    Yoy,
    Plans,
    Recurring,
    Copying,
    Quality,
    Rollup,
    Draft,
}

impl AnalysisPart {
    fn column(self) -> analysis_result::Column {
        use analysis_result::Column;
        match self {
            AnalysisPart::Yoy => Column::Yoy,
            AnalysisPart::Plans => Column::Plans,
            AnalysisPart::Recurring => Column::Recurring,
            AnalysisPart::Copying => Column::Copying,
            AnalysisPart::Quality => Column::Quality,
            AnalysisPart::Rollup => Column::Rollup,
            AnalysisPart::Draft => Column::Draft,
        }
    }
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {e}"))
}

fn json<T: Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| corrupt("analysis", e))
}

/// `a1;2023:4,2024:7` from (year, version) rows.
fn basis_of(rows: &[(i32, i64)]) -> String {
    let years: Vec<String> = rows.iter().map(|(y, v)| format!("{y}:{v}")).collect();
    format!("{ANALYSIS_VERSION};{}", years.join(","))
}

impl Store {
    /// Render every summary of the district up to `year` that is behind its
    /// pieces: the worker renders after its commit, so a read that comes
    /// between would otherwise take the old version as the basis.
    async fn render_behind(&self, district: &str, year: i32) -> Result<(), StoreError> {
        // The years with pieces (a state row), not only those rendered once:
        // a district's first summary may not be rendered yet.
        let mut years: Vec<i32> = summary_state::Entity::find()
            .select_only()
            .column(summary_state::Column::Year)
            .filter(summary_state::Column::District.eq(district))
            .filter(summary_state::Column::Year.lte(year))
            .into_tuple()
            .all(self.db())
            .await?;
        let rendered: Vec<i32> = district_summary::Entity::find()
            .select_only()
            .column(district_summary::Column::Year)
            .filter(district_summary::Column::District.eq(district))
            .filter(district_summary::Column::Year.lte(year))
            .into_tuple()
            .all(self.db())
            .await?;
        years.extend(rendered);
        years.sort_unstable();
        years.dedup();
        for y in years {
            self.render_if_stale(district, y).await?;
        }
        Ok(())
    }

    /// The summary versions of the district's years up to `year` (non-empty
    /// summaries only); `None` when `year` itself has no summary yet.
    async fn summary_versions(
        &self,
        district: &str,
        year: i32,
    ) -> Result<Option<Vec<(i32, i64)>>, StoreError> {
        let rows: Vec<(i32, i64)> = district_summary::Entity::find()
            .select_only()
            .column(district_summary::Column::Year)
            .column(district_summary::Column::Version)
            .filter(district_summary::Column::District.eq(district))
            .filter(district_summary::Column::Year.lte(year))
            // A rebuilt summary has version ≥ 1 (the row lock inserts 0, empty).
            .filter(district_summary::Column::Version.gt(0))
            .order_by_asc(district_summary::Column::Year)
            .into_tuple()
            .all(self.db())
            .await?;
        Ok(rows.iter().any(|r| r.0 == year).then_some(rows))
    }

    /// One analysis of `district`/`year`, recomputed first if stale.
    /// `None`: the district has no summary for that year (nothing processed).
    pub async fn analysis_part<T: DeserializeOwned>(
        &self,
        district: &str,
        year: i32,
        part: AnalysisPart,
    ) -> Result<Option<T>, StoreError> {
        let Some(basis) = self.current_basis(district, year).await? else {
            return Ok(None);
        };
        let stored: Option<(String, String)> = analysis_result::Entity::find()
            .select_only()
            .column(analysis_result::Column::Basis)
            .column(part.column())
            .filter(analysis_result::Column::District.eq(district))
            .filter(analysis_result::Column::Year.eq(year))
            .into_tuple()
            .one(self.db())
            .await?;
        let text = match stored {
            Some((b, text)) if b == basis => text,
            _ => {
                let a = self.compute_analysis(district, year).await?;
                let Some((_, a)) = a else { return Ok(None) };
                match part {
                    AnalysisPart::Yoy => json(&a.yoy)?,
                    AnalysisPart::Plans => json(&a.plans)?,
                    AnalysisPart::Recurring => json(&a.recurring)?,
                    AnalysisPart::Copying => json(&a.copying)?,
                    AnalysisPart::Quality => json(&a.quality)?,
                    AnalysisPart::Rollup => json(&a.rollup)?,
                    AnalysisPart::Draft => json(&a.draft)?,
                }
            }
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| corrupt(&format!("analysis {district}/{year}"), e))
    }

    /// Make sure the district's near-copy checks come from its current
    /// copied-text analysis (recomputed first if stale): what a reader of
    /// checks calls before reading them.
    pub(crate) async fn near_copies_current(
        &self,
        district: &str,
        year: i32,
    ) -> Result<(), StoreError> {
        let Some(basis) = self.current_basis(district, year).await? else {
            return Ok(());
        };
        // The basis alone: the stored results need not be read to know.
        let stored: Option<String> = analysis_result::Entity::find()
            .select_only()
            .column(analysis_result::Column::Basis)
            .filter(analysis_result::Column::District.eq(district))
            .filter(analysis_result::Column::Year.eq(year))
            .into_tuple()
            .one(self.db())
            .await?;
        if stored.as_deref() != Some(basis.as_str()) {
            self.compute_analysis(district, year).await?;
        }
        Ok(())
    }

    /// The basis current results must have (summaries behind their pieces
    /// rendered first); `None` when `year` has no summary yet.
    async fn current_basis(&self, district: &str, year: i32) -> Result<Option<String>, StoreError> {
        self.render_behind(district, year).await?;
        Ok(self
            .summary_versions(district, year)
            .await?
            .map(|v| basis_of(&v)))
    }

    /// Recompute and store now; the basis and time, or `None` without a summary.
    pub async fn refresh_analysis(
        &self,
        district: &str,
        year: i32,
    ) -> Result<Option<(String, i64)>, StoreError> {
        self.render_behind(district, year).await?;
        Ok(self
            .compute_analysis(district, year)
            .await?
            .map(|(row, _)| (row.basis, row.computed_at)))
    }

    async fn compute_analysis(
        &self,
        district: &str,
        year: i32,
    ) -> Result<Option<(analysis_result::Model, DistrictAnalysis)>, StoreError> {
        // Versions and summaries from the same rows: the basis is exactly
        // what the results were computed from.
        let rows = district_summary::Entity::find()
            .filter(district_summary::Column::District.eq(district))
            .filter(district_summary::Column::Year.lte(year))
            .filter(district_summary::Column::Summary.ne(""))
            .order_by_asc(district_summary::Column::Year)
            .all(self.db())
            .await?;
        let mut summaries: Vec<DistrictSummary> = Vec::with_capacity(rows.len());
        for r in &rows {
            summaries.push(
                serde_json::from_str(&r.summary)
                    .map_err(|e| corrupt(&format!("summary {district}/{}", r.year), e))?,
            );
        }
        let Some(current) = summaries.iter().find(|s| s.year == year) else {
            return Ok(None);
        };
        let previous = summaries.iter().find(|s| s.year == year - 1);
        let basis = basis_of(&rows.iter().map(|r| (r.year, r.version)).collect::<Vec<_>>());

        let mut reports: Vec<StoredReport> = Vec::new();
        for s in [Some(current), previous].into_iter().flatten() {
            reports.extend(self.counting_reports(s).await?);
        }
        let mut earlier: Vec<(i32, Vec<ReportContribution>)> = Vec::new();
        for s in summaries.iter().filter(|s| s.year < year - 1) {
            let cs = self
                .counting_reports(s)
                .await?
                .into_iter()
                .map(|r| r.contribution)
                .collect();
            earlier.push((s.year, cs));
        }
        let analysis = analyse(&DistrictInput {
            current,
            previous,
            reports: &reports,
            earlier: &earlier,
        });
        crate::checks::sync_near_copies(self.db(), district, year, &analysis.copying).await?;
        let row = analysis_result::Model {
            district: district.to_owned(),
            year,
            basis,
            yoy: json(&analysis.yoy)?,
            plans: json(&analysis.plans)?,
            recurring: json(&analysis.recurring)?,
            copying: json(&analysis.copying)?,
            quality: json(&analysis.quality)?,
            rollup: json(&analysis.rollup)?,
            draft: json(&analysis.draft)?,
            computed_at: now_ms(),
        };
        use analysis_result::Column as C;
        analysis_result::Entity::insert(analysis_result::ActiveModel {
            district: Set(row.district.clone()),
            year: Set(row.year),
            basis: Set(row.basis.clone()),
            yoy: Set(row.yoy.clone()),
            plans: Set(row.plans.clone()),
            recurring: Set(row.recurring.clone()),
            copying: Set(row.copying.clone()),
            quality: Set(row.quality.clone()),
            rollup: Set(row.rollup.clone()),
            draft: Set(row.draft.clone()),
            computed_at: Set(row.computed_at),
        })
        .on_conflict(
            OnConflict::columns([C::District, C::Year])
                .update_columns([
                    C::Basis,
                    C::Yoy,
                    C::Plans,
                    C::Recurring,
                    C::Copying,
                    C::Quality,
                    C::Rollup,
                    C::Draft,
                    C::ComputedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(self.db())
        .await?;
        tracing::info!(district, year, basis = %row.basis, "analysis recomputed");
        Ok(Some((row, analysis)))
    }

    /// The stored parses of the reports a summary counts (its coverage's
    /// submission ids), with their contributions. A contribution missing or
    /// made with other catalog data is made again from the stored parse.
    async fn counting_reports(&self, s: &DistrictSummary) -> Result<Vec<StoredReport>, StoreError> {
        let ids: Vec<String> = s
            .coverage
            .iter()
            .filter_map(|c| c.submission_id.clone())
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = parsed_report::Entity::find()
            .filter(parsed_report::Column::SubmissionId.is_in(ids))
            .order_by_asc(parsed_report::Column::AgencyCode)
            .all(self.db())
            .await?;
        let version = fazhi_summary::catalog::data_version();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let parsed: ParsedReport = serde_json::from_str(&row.parsed)
                .map_err(|e| corrupt(&format!("parse of {}", row.submission_id), e))?;
            let stored = row
                .contribution
                .as_deref()
                .and_then(|j| serde_json::from_str::<ReportContribution>(j).ok())
                .filter(|c| c.data_version == version);
            let Some(entry) = s
                .coverage
                .iter()
                .find(|c| c.submission_id.as_deref() == Some(&row.submission_id))
            else {
                continue;
            };
            let mut contribution = match stored {
                Some(c) => c,
                None => fazhi_summary::contribution(&ReportInput {
                    agency: entry.agency.clone(),
                    submission_id: row.submission_id.clone(),
                    submitted_at: entry.submitted_at.clone().unwrap_or_default(),
                    on_time: entry.on_time.unwrap_or(false),
                    text: &row.text,
                    parsed: &parsed,
                }),
            };
            // Timeliness as the summary filed it (the district's deadline and
            // the received date), not as the report was first processed.
            if let Some(on_time) = entry.on_time {
                contribution.on_time = on_time;
                contribution.coverage.on_time = Some(on_time);
            }
            out.push(StoredReport {
                year: s.year,
                text: row.text,
                parsed,
                contribution,
            });
        }
        Ok(out)
    }
}
