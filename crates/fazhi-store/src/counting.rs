//! Who a district expects a report from in a year, and which submission of
//! each counts. The one place these rules live: the summary rebuild (and its
//! incremental update) asks here, never decides itself.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entity::{agency, submission};
use crate::{StoreError, SubmissionStatus};

/// The submission that counts for one agency: its id and when it was received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counting {
    pub submission_id: String,
    pub submitted_at: i64,
}

/// The agencies `district` expects a report from for `year`, ordered by code
/// (coverage order and citation numbers must not depend on how the database
/// returns rows: PostgreSQL reorders after updates).
pub(crate) async fn expected<C: ConnectionTrait>(
    db: &C,
    district: &str,
    _year: i32,
) -> Result<Vec<agency::Model>, StoreError> {
    Ok(agency::Entity::find()
        .filter(agency::Column::District.eq(district))
        .order_by_asc(agency::Column::Code)
        .all(db)
        .await?)
}

/// For each of `agency_codes`, the submission of `year` that counts, if any:
/// the latest processed one (ties broken by id so the choice is stable).
pub(crate) async fn counting<C: ConnectionTrait>(
    db: &C,
    agency_codes: &[&str],
    year: i32,
) -> Result<HashMap<String, Counting>, StoreError> {
    let processed: Vec<(String, String, i64)> = submission::Entity::find()
        .select_only()
        .columns([
            submission::Column::Id,
            submission::Column::AgencyCode,
            submission::Column::SubmittedAt,
        ])
        .filter(submission::Column::AgencyCode.is_in(agency_codes.iter().copied()))
        .filter(submission::Column::ReportingYear.eq(year))
        .filter(submission::Column::Status.eq(SubmissionStatus::Processed.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    // A report held by an open agency/year check does not count (yet).
    let ids: Vec<String> = processed.iter().map(|p| p.0.clone()).collect();
    let held = crate::checks::held_ids(db, &ids).await?;
    let processed = processed.into_iter().filter(|p| !held.contains(&p.0));
    let mut latest: HashMap<String, Counting> = HashMap::new();
    for (id, agency_code, submitted_at) in processed {
        let newer = latest
            .get(&agency_code)
            .is_none_or(|old| (submitted_at, &id) > (old.submitted_at, &old.submission_id));
        if newer {
            latest.insert(
                agency_code,
                Counting {
                    submission_id: id,
                    submitted_at,
                },
            );
        }
    }
    Ok(latest)
}
