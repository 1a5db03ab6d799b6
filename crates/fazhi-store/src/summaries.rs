//! District summaries: rebuilt from the stored parses of each agency's latest
//! processed report (never by re-parsing), stored, and read back.

use fazhi_core::ParsedReport;
use fazhi_summary::{Agency, DistrictSummary, ReportContribution, ReportInput};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    ExprTrait, QueryFilter, QuerySelect, TransactionTrait,
};

use crate::counting;
use crate::entity::{agency, district_summary, parsed_report};
use crate::record::deadline_ms;
use crate::{Store, StoreError, now_ms};

/// Make sure the summary row exists and hold it for the rest of the
/// transaction (row lock on PostgreSQL; SQLite has one writer anyway).
pub(crate) async fn lock_summary<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<(), StoreError> {
    district_summary::Entity::insert(district_summary::ActiveModel {
        district: Set(district.to_owned()),
        year: Set(year),
        summary: Set(String::new()),
        version: Set(0),
        updated_at: Set(now_ms()),
    })
    .on_conflict_do_nothing()
    .exec_without_returning(db)
    .await?;
    if db.get_database_backend() == DbBackend::Postgres {
        district_summary::Entity::find_by_id((district.to_owned(), year))
            .lock_exclusive()
            .one(db)
            .await?;
    }
    Ok(())
}

fn to_agency(model: &agency::Model) -> Agency {
    Agency {
        code: model.code.clone(),
        name: model.name.clone(),
        kind: model.kind.clone(),
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

async fn agency_of<C: ConnectionTrait>(db: &C, code: &str) -> Result<Agency, StoreError> {
    Ok(agency::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .map(|a| to_agency(&a))
        .unwrap_or_else(|| Agency {
            code: code.to_owned(),
            name: code.to_owned(),
            kind: String::new(),
        }))
}

/// One report's contribution to its district summary, as stored JSON.
pub(crate) async fn contribution_json<C: ConnectionTrait>(
    db: &C,
    agency_code: &str,
    submission_id: &str,
    submitted_at: i64,
    year: i32,
    text: &str,
    parsed: &ParsedReport,
) -> Result<String, StoreError> {
    let agency = agency_of(db, agency_code).await?;
    let input = report_input(agency, submission_id, submitted_at, year, text, parsed);
    serde_json::to_string(&fazhi_summary::contribution(&input))
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Consolidate the district's current reports and store the result.
///
/// Reads each current report's stored contribution, not its text: adding,
/// replacing or withdrawing one report costs one contribution, plus the
/// assembly. A contribution made with older catalog data is recomputed once
/// from the stored text and parse, and stored again.
pub(crate) async fn rebuild_summary<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<DistrictSummary, StoreError> {
    let roster = counting::expected(db, district, year).await?;
    let codes: Vec<&str> = roster.iter().map(|a| a.code.as_str()).collect();
    // Only agencies the district expects are counted, where they are now.
    let latest = counting::counting(db, &codes, year).await?;
    let ids: Vec<String> = latest.values().map(|c| c.submission_id.clone()).collect();
    let stored: Vec<(String, String, Option<String>)> = parsed_report::Entity::find()
        .select_only()
        .columns([
            parsed_report::Column::SubmissionId,
            parsed_report::Column::AgencyCode,
            parsed_report::Column::Contribution,
        ])
        .filter(parsed_report::Column::SubmissionId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;

    let version = fazhi_summary::catalog::data_version();
    let mut contributions: Vec<ReportContribution> = Vec::with_capacity(stored.len());
    for (submission_id, agency_code, json) in stored {
        let current = json
            .as_deref()
            .and_then(|j| serde_json::from_str::<ReportContribution>(j).ok())
            .filter(|c| c.data_version == version);
        let contribution = match current {
            Some(c) => c,
            None => {
                let row = parsed_report::Entity::find_by_id(submission_id.clone())
                    .one(db)
                    .await?
                    .ok_or_else(|| {
                        StoreError::Corrupt(format!("parse of {submission_id} vanished"))
                    })?;
                let parsed: ParsedReport = serde_json::from_str(&row.parsed)
                    .map_err(|e| StoreError::Corrupt(format!("parse of {submission_id}: {e}")))?;
                let submitted_at = latest
                    .get(&agency_code)
                    .map(|c| c.submitted_at)
                    .unwrap_or_default();
                let json = contribution_json(
                    db,
                    &agency_code,
                    &submission_id,
                    submitted_at,
                    year,
                    &row.text,
                    &parsed,
                )
                .await?;
                let mut update: parsed_report::ActiveModel = row.into();
                update.contribution = Set(Some(json.clone()));
                update.update(db).await?;
                serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))?
            }
        };
        contributions.push(contribution);
    }
    contributions.sort_by(|a, b| a.agency.code.cmp(&b.agency.code));

    let roster_agencies: Vec<Agency> = roster.iter().map(to_agency).collect();
    let summary = fazhi_summary::assemble(district, year, &roster_agencies, &contributions);
    let json = serde_json::to_string(&summary).map_err(|e| StoreError::Corrupt(e.to_string()))?;

    district_summary::Entity::insert(district_summary::ActiveModel {
        district: Set(district.to_owned()),
        year: Set(year),
        summary: Set(json),
        version: Set(1),
        updated_at: Set(now_ms()),
    })
    .on_conflict(
        OnConflict::columns([
            district_summary::Column::District,
            district_summary::Column::Year,
        ])
        .update_columns([
            district_summary::Column::Summary,
            district_summary::Column::UpdatedAt,
        ])
        .value(
            district_summary::Column::Version,
            sea_orm::sea_query::Expr::col((
                district_summary::Entity,
                district_summary::Column::Version,
            ))
            .add(1),
        )
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(summary)
}

/// The report that counts for `agency_code` in `district`/`year` may have
/// changed (processed, withdrawn, reviewed, corrected): bring the stored
/// summary up to date. Call inside the transaction that made the change,
/// after [`lock_summary`].
pub(crate) async fn agency_changed<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    _agency_code: &str,
) -> Result<(), StoreError> {
    rebuild_summary(db, district, year).await?;
    Ok(())
}

impl Store {
    /// The stored summary; for a district with a roster but no processed
    /// report yet, the empty picture (everyone missing). `None`: unknown district.
    pub async fn district_summary(
        &self,
        district: &str,
        year: i32,
    ) -> Result<Option<DistrictSummary>, StoreError> {
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

    /// Rebuild every stored summary of these districts (after a roster change).
    pub async fn refresh_summaries(&self, districts: &[String]) -> Result<(), StoreError> {
        for district in districts {
            let years: Vec<i32> = district_summary::Entity::find()
                .select_only()
                .column(district_summary::Column::Year)
                .filter(district_summary::Column::District.eq(district.as_str()))
                .into_tuple()
                .all(self.db())
                .await?;
            for year in years {
                let txn = self.db().begin().await?;
                lock_summary(&txn, district, year).await?;
                rebuild_summary(&txn, district, year).await?;
                txn.commit().await?;
            }
        }
        Ok(())
    }
}
