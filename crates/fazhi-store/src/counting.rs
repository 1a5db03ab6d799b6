//! Who a district expects a report from in a year, and which submission of
//! each counts. The one place these rules live: the summary rebuild (and its
//! incremental update) asks here, never decides itself.
//!
//! Expected: the units on the district's roster of that year
//! ([`crate::roster`]), minus exempt ones. Counting: the rule of
//! [`fazhi_season::counting_version`] over the agency's versions (the latest
//! accepted one; processed-but-unreviewed ones too while the district's
//! `count_unreviewed` is on, the default; a version the office made current
//! until a newer one arrives).

use std::collections::HashMap;

use fazhi_season::{Pin, Version, VersionState};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entity::{
    agency, current_version, season_setting, submission, submission_receipt, submission_review,
};
use crate::{StoreError, SubmissionStatus};

/// The submission that counts for one agency: its id and when it reached
/// the office (the office's `received_on` if set, else the RPC time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counting {
    pub submission_id: String,
    pub submitted_at: i64,
}

/// The agencies `district` expects a report from for `year` (its roster of
/// that year, exempt units left out), ordered by code (coverage order and
/// citation numbers must not depend on how the database returns rows).
pub(crate) async fn expected<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<Vec<agency::Model>, StoreError> {
    Ok(crate::roster::roster_of(db, district, year)
        .await?
        .into_iter()
        .filter(|u| u.exempt_reason.is_none())
        .map(as_agency)
        .collect())
}

/// A roster unit as the agency the summary names.
pub(crate) fn as_agency(u: crate::roster::RosterUnit) -> agency::Model {
    agency::Model {
        code: u.code,
        name: u.name,
        kind: u.kind,
        district: u.district,
        updated_at: 0,
    }
}

/// A submission's place in the review state machine: its pipeline status,
/// or for a processed one the office's review (pending when none).
pub fn state_of(status: &str, review: Option<&str>) -> VersionState {
    match SubmissionStatus::parse(status) {
        Some(SubmissionStatus::Queued) | None => VersionState::Queued,
        Some(SubmissionStatus::Rejected) => VersionState::Rejected,
        Some(SubmissionStatus::Failed) => VersionState::Failed,
        Some(SubmissionStatus::Withdrawn) => VersionState::Withdrawn,
        Some(SubmissionStatus::Processed) => review
            .and_then(VersionState::parse)
            .filter(|s| matches!(s, VersionState::Accepted | VersionState::Returned))
            .unwrap_or(VersionState::Pending),
    }
}

/// Every version of each of `agency_codes` for `year`, with its state and
/// received time, and the district it was filed under.
pub(crate) async fn versions<C: ConnectionTrait>(
    db: &C,
    agency_codes: &[&str],
    year: i32,
) -> Result<HashMap<String, Vec<(Version, String)>>, StoreError> {
    let mut out: HashMap<String, Vec<(Version, String)>> = HashMap::new();
    for chunk in agency_codes.chunks(500) {
        // One statement: the versions with their review and receipt.
        let s = |c: submission::Column| Expr::col((submission::Entity, c));
        let query = Query::select()
            .expr_as(s(submission::Column::Id), "id")
            .expr_as(s(submission::Column::AgencyCode), "agency_code")
            .expr_as(s(submission::Column::District), "district")
            .expr_as(s(submission::Column::Status), "status")
            .expr_as(s(submission::Column::SubmittedAt), "submitted_at")
            .expr_as(
                Expr::col((submission_review::Entity, submission_review::Column::State)),
                "review",
            )
            .expr_as(
                Expr::col((
                    submission_receipt::Entity,
                    submission_receipt::Column::ReceivedAt,
                )),
                "received_at",
            )
            .from(submission::Entity)
            .left_join(
                submission_review::Entity,
                Expr::col((
                    submission_review::Entity,
                    submission_review::Column::SubmissionId,
                ))
                .equals((submission::Entity, submission::Column::Id)),
            )
            .left_join(
                submission_receipt::Entity,
                Expr::col((
                    submission_receipt::Entity,
                    submission_receipt::Column::SubmissionId,
                ))
                .equals((submission::Entity, submission::Column::Id)),
            )
            .and_where(s(submission::Column::AgencyCode).is_in(chunk.iter().copied()))
            .and_where(s(submission::Column::ReportingYear).eq(year))
            .to_owned();
        for row in db.query_all(&query).await? {
            let id: String = row.try_get("", "id")?;
            let status: String = row.try_get("", "status")?;
            let review: Option<String> = row.try_get("", "review")?;
            let submitted_at: i64 = row.try_get("", "submitted_at")?;
            let received_at: Option<i64> = row.try_get("", "received_at")?;
            let code: String = row.try_get("", "agency_code")?;
            let district: String = row.try_get("", "district")?;
            out.entry(code).or_default().push((
                Version {
                    state: state_of(&status, review.as_deref()),
                    id,
                    submitted_at,
                    received_at: received_at.unwrap_or(submitted_at),
                },
                district,
            ));
        }
    }
    Ok(out)
}

/// The versions the office made current, by agency.
pub(crate) async fn pins<C: ConnectionTrait>(
    db: &C,
    agency_codes: &[&str],
    year: i32,
) -> Result<HashMap<String, Pin>, StoreError> {
    let mut out = HashMap::new();
    for chunk in agency_codes.chunks(500) {
        for p in current_version::Entity::find()
            .filter(current_version::Column::AgencyCode.is_in(chunk.iter().copied()))
            .filter(current_version::Column::Year.eq(year))
            .all(db)
            .await?
        {
            out.insert(
                p.agency_code,
                Pin {
                    submission_id: p.submission_id,
                    pinned_at: p.pinned_at,
                },
            );
        }
    }
    Ok(out)
}

/// Whether processed-but-unreviewed reports count for this district and
/// year (default: yes). Kept in the database, not in each process's
/// configuration, so the service and every worker apply the same rule.
pub(crate) async fn count_unreviewed<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
) -> Result<bool, StoreError> {
    Ok(
        season_setting::Entity::find_by_id((district.to_owned(), year))
            .one(db)
            .await?
            .is_none_or(|s| s.count_unreviewed),
    )
}

/// For each of `agency_codes`, the submission of `year` that counts, if any.
/// `known`: districts whose count-unreviewed rule the caller read already
/// (the worker's transaction reads the season row once).
pub(crate) async fn counting<C: ConnectionTrait>(
    db: &C,
    agency_codes: &[&str],
    year: i32,
    known: &[(&str, bool)],
) -> Result<HashMap<String, Counting>, StoreError> {
    let versions = versions(db, agency_codes, year).await?;
    // A report held by an open agency/year check does not count (yet): the
    // version before it does.
    let ids: Vec<String> = versions
        .values()
        .flatten()
        .map(|(v, _)| v.id.clone())
        .collect();
    let held = crate::checks::held_ids(db, &ids).await?;
    let pins = pins(db, agency_codes, year).await?;
    let mut policy: HashMap<String, bool> = known.iter().map(|&(d, p)| (d.to_owned(), p)).collect();
    let mut out = HashMap::new();
    for (code, list) in versions {
        let Some(district) = list.first().map(|(_, d)| d.clone()) else {
            continue;
        };
        let count_unreviewed = match policy.get(&district) {
            Some(&p) => p,
            None => {
                let p = count_unreviewed(db, &district, year).await?;
                policy.insert(district, p);
                p
            }
        };
        let list: Vec<Version> = list
            .into_iter()
            .map(|(v, _)| v)
            .filter(|v| !held.contains(&v.id))
            .collect();
        if let Some(v) = fazhi_season::counting_version(&list, pins.get(&code), count_unreviewed) {
            out.insert(
                code,
                Counting {
                    submission_id: v.id.clone(),
                    submitted_at: v.received_at,
                },
            );
        }
    }
    Ok(out)
}
