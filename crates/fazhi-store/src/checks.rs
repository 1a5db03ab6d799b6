//! Checks before acceptance: what the worker found that a person must look
//! at, one row each, recorded in the worker's own transaction (so a stored
//! report always has its checks), and cleared, confirmed or corrected by a
//! person with a note.
//!
//! `agency_mismatch` and `year_mismatch` **hold** the report: while one is
//! open, [`held_ids`] keeps it out of the counting (`crate::counting`), so
//! the unit's previous report (if any) counts instead. Confirming the filing
//! or correcting it (moving the submission to the right unit/year) releases
//! it and rebuilds every affected summary in the same transaction.

use std::collections::HashSet;

use fazhi_core::privacy::{self, PrivacyFlag};
use fazhi_core::{ParsedReport, Severity};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entity::{check, parsed_report, submission};
use crate::summaries::{agency_changed, lock_summary};
use crate::{Store, StoreError};
use crate::{SubmissionRecord, now_ms};

/// Share of copied sentences from which a report gets a `near_copy` check.
pub const DEFAULT_COPY_SHARE: f64 = 0.5;

/// Characters of context kept on each side of a privacy span's excerpt.
const EXCERPT_CONTEXT: usize = 12;

mod found;
mod kinds;
mod near_copy;

use found::{NewCheck, checks_of, severity_str};
pub use kinds::{CheckError, CheckKind, CheckState};
pub(crate) use near_copy::sync_near_copies;

/// The checks of a processed report (those of the report alone: near copies
/// come with the analysis), found before the worker's transaction: finding
/// them is CPU work that must not hold its locks.
pub(crate) struct Found(Vec<NewCheck>);

pub(crate) fn found(text: &str, parsed: &ParsedReport) -> Found {
    Found(checks_of(text, parsed))
}

/// Record checks found by [`found`], inside the worker's transaction (so a
/// stored report always has its checks).
pub(crate) async fn record<C: ConnectionTrait>(
    db: &C,
    record: &SubmissionRecord,
    found: Found,
) -> Result<(), StoreError> {
    insert(db, &Owner::of(record), found.0).await
}

/// After a re-read (`fazhi reprocess`): the submission's open checks are
/// replaced by those of the new parse, except one a person already cleared
/// or confirmed (same kind and code), which is not opened again. Near-copy
/// stays as it was: it compares with other reports, not with the parser.
pub(crate) async fn reread<C: ConnectionTrait>(
    db: &C,
    record: &SubmissionRecord,
    text: &str,
    parsed: &ParsedReport,
) -> Result<(), StoreError> {
    let existing = check::Entity::find()
        .filter(check::Column::SubmissionId.eq(record.submission_id.as_str()))
        .all(db)
        .await?;
    let decided: HashSet<(CheckKind, String)> = existing
        .iter()
        .filter(|c| c.state != CheckState::Open)
        .map(|c| (c.kind, c.code.clone()))
        .collect();
    check::Entity::delete_many()
        .filter(check::Column::SubmissionId.eq(record.submission_id.as_str()))
        .filter(check::Column::State.eq(CheckState::Open))
        .filter(check::Column::Kind.ne(CheckKind::NearCopy))
        .exec(db)
        .await?;
    let new = checks_of(text, parsed)
        .into_iter()
        .filter(|c| !decided.contains(&(c.kind, c.code.clone())))
        .collect();
    insert(db, &Owner::of(record), new).await
}

/// The submission a check is about, as the check row names it.
struct Owner<'a> {
    submission_id: &'a str,
    district: &'a str,
    agency_code: &'a str,
    year: i32,
}

impl<'a> Owner<'a> {
    fn of(record: &'a SubmissionRecord) -> Self {
        Owner {
            submission_id: &record.submission_id,
            district: &record.district,
            agency_code: &record.agency_code,
            year: record.reporting_year,
        }
    }
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    owner: &Owner<'_>,
    new: Vec<NewCheck>,
) -> Result<(), StoreError> {
    if new.is_empty() {
        return Ok(());
    }
    let now = now_ms();
    let rows = new.into_iter().map(|c| check::ActiveModel {
        id: NotSet,
        submission_id: Set(owner.submission_id.to_owned()),
        district: Set(owner.district.to_owned()),
        agency_code: Set(owner.agency_code.to_owned()),
        reporting_year: Set(owner.year),
        kind: Set(c.kind),
        code: Set(c.code),
        severity: Set(severity_str(c.severity).to_owned()),
        holds: Set(c.kind.holds()),
        start: Set(c.span.map(|s| s.0 as i64)),
        end: Set(c.span.map(|s| s.1 as i64)),
        excerpt: Set(c.excerpt),
        message: Set(c.message),
        state: Set(CheckState::Open),
        cleared_by: Set(None),
        cleared_at: Set(None),
        note: Set(None),
        created_at: Set(now),
    });
    check::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The open checks of one submission, in the caller's transaction.
pub(crate) async fn open_checks_in<C: ConnectionTrait>(
    db: &C,
    submission_id: &str,
) -> Result<Vec<check::Model>, StoreError> {
    Ok(check::Entity::find()
        .filter(check::Column::SubmissionId.eq(submission_id))
        .filter(check::Column::State.eq(CheckState::Open))
        .order_by_asc(check::Column::Id)
        .all(db)
        .await?)
}

/// Of `ids`, the submissions held out of the totals (an open holding check).
pub(crate) async fn held_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[String],
) -> Result<HashSet<String>, StoreError> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let rows = check::Entity::find()
        .filter(check::Column::SubmissionId.is_in(ids.iter().map(String::as_str)))
        .filter(check::Column::Holds.eq(true))
        .filter(check::Column::State.eq(CheckState::Open))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|c| c.submission_id).collect())
}

/// Where a held submission should go.
#[derive(Debug, Clone)]
pub struct Correction {
    pub agency_code: Option<String>,
    pub year: Option<i32>,
}

impl Store {
    pub async fn checks_of_submission(&self, id: &str) -> Result<Vec<check::Model>, StoreError> {
        if let Some(s) = submission::Entity::find_by_id(id.to_owned())
            .one(self.db())
            .await?
        {
            self.near_copies_current(&s.district, s.reporting_year)
                .await?;
        }
        Ok(check::Entity::find()
            .filter(check::Column::SubmissionId.eq(id))
            .order_by_asc(check::Column::Id)
            .all(self.db())
            .await?)
    }

    pub async fn checks_in(
        &self,
        district: &str,
        year: i32,
        open_only: bool,
    ) -> Result<Vec<check::Model>, StoreError> {
        self.near_copies_current(district, year).await?;
        let mut q = check::Entity::find()
            .filter(check::Column::District.eq(district))
            .filter(check::Column::ReportingYear.eq(year));
        if open_only {
            q = q.filter(check::Column::State.eq(CheckState::Open));
        }
        Ok(q.order_by_asc(check::Column::Id).all(self.db()).await?)
    }

    pub async fn check(&self, id: i64) -> Result<Option<check::Model>, StoreError> {
        Ok(check::Entity::find_by_id(id).one(self.db()).await?)
    }

    /// The open checks that must be dealt with before `submission_id` may be
    /// accepted (every open check: a reviewer looks at each).
    /// The submissions of a district's year held out of the totals by an
    /// open unit/year check (what the dashboard marks 待核实).
    pub async fn held_in(&self, district: &str, year: i32) -> Result<HashSet<String>, StoreError> {
        Ok(check::Entity::find()
            .select_only()
            .column(check::Column::SubmissionId)
            .filter(check::Column::District.eq(district))
            .filter(check::Column::ReportingYear.eq(year))
            .filter(check::Column::Holds.eq(true))
            .filter(check::Column::State.eq(CheckState::Open))
            .into_tuple::<String>()
            .all(self.db())
            .await?
            .into_iter()
            .collect())
    }

    pub async fn open_blocking_checks(
        &self,
        submission_id: &str,
    ) -> Result<Vec<check::Model>, StoreError> {
        open_checks_in(self.db(), submission_id).await
    }

    /// Clear one (non-holding) check with a note. Clearing twice, or a
    /// holding check (that one is confirmed or corrected), is refused.
    pub async fn clear_check(
        &self,
        id: i64,
        actor: &str,
        note: &str,
    ) -> Result<check::Model, CheckError> {
        let current = self
            .check(id)
            .await?
            .ok_or_else(|| CheckError::NotFound(format!("没有编号为{id}的检查项")))?;
        if current.holds {
            return Err(CheckError::Refused(
                "单位或年度不符的检查项须“确认报送”或“更正报送”，不能直接标记为已处理".into(),
            ));
        }
        // The draft's part five counts the privacy flags cleared: same
        // transaction as the summary's version bump.
        let txn = self.begin_write().await?;
        lock_summary(&txn, &current.district, current.reporting_year).await?;
        let updated = check::Entity::update_many()
            .col_expr(check::Column::State, Expr::value(CheckState::Cleared))
            .col_expr(check::Column::ClearedBy, Expr::value(actor))
            .col_expr(check::Column::ClearedAt, Expr::value(now_ms()))
            .col_expr(check::Column::Note, Expr::value(note))
            .filter(check::Column::Id.eq(id))
            .filter(check::Column::State.eq(CheckState::Open))
            .exec(&txn)
            .await?;
        if updated.rows_affected > 0 {
            crate::pieces::season_changed(&txn, &current.district, current.reporting_year).await?;
        }
        txn.commit().await?;
        if updated.rows_affected == 0 {
            let state = current.state;
            return Err(CheckError::Refused(format!(
                "检查项{id}已是“{}”状态，不能重复处理",
                state.label()
            )));
        }
        self.check(id)
            .await?
            .ok_or_else(|| CheckError::NotFound(format!("没有编号为{id}的检查项")))
    }

    /// A held filing is right as filed: its holding checks are confirmed and
    /// it counts again, the summary rebuilt in the same transaction.
    pub async fn confirm_filing(
        &self,
        submission_id: &str,
        actor: &str,
        note: &str,
    ) -> Result<submission::Model, CheckError> {
        let row = self.held_submission(submission_id).await?;
        let txn = self.begin_write().await?;
        lock_summary(&txn, &row.district, row.reporting_year).await?;
        let n = release(&txn, submission_id, CheckState::Confirmed, actor, note).await?;
        if n == 0 {
            txn.rollback().await?;
            return Err(CheckError::Refused(format!(
                "报告{submission_id}没有待确认的单位或年度不符，不能重复确认"
            )));
        }
        agency_changed(&txn, &row.district, row.reporting_year, &row.agency_code).await?;
        txn.commit().await?;
        Ok(row)
    }

    /// Move a held filing to the right unit and/or year: both the summary it
    /// left and the one it joins are rebuilt in the same transaction.
    pub async fn correct_filing(
        &self,
        submission_id: &str,
        to: &Correction,
        actor: &str,
        note: &str,
    ) -> Result<(submission::Model, submission::Model), CheckError> {
        let before = self.held_submission(submission_id).await?;
        let agency_code = to
            .agency_code
            .clone()
            .unwrap_or_else(|| before.agency_code.clone());
        let year = to.year.unwrap_or(before.reporting_year);
        if agency_code == before.agency_code && year == before.reporting_year {
            return Err(CheckError::Refused(
                "更正后的单位和年度与原报送相同；如报送无误，请用“确认报送”".into(),
            ));
        }
        let agency = self
            .agency(&agency_code)
            .await?
            .ok_or_else(|| CheckError::NotFound(format!("名册中没有单位{agency_code}")))?;
        let district = agency.district.clone();
        let txn = self.begin_write().await?;
        // Both summaries, always in the same order, so two corrections in
        // opposite directions cannot deadlock.
        let mut keys = [
            (before.district.clone(), before.reporting_year),
            (district.clone(), year),
        ];
        keys.sort();
        lock_summary(&txn, &keys[0].0, keys[0].1).await?;
        if keys[1] != keys[0] {
            lock_summary(&txn, &keys[1].0, keys[1].1).await?;
        }
        let n = release(&txn, submission_id, CheckState::Corrected, actor, note).await?;
        if n == 0 {
            txn.rollback().await?;
            return Err(CheckError::Refused(format!(
                "报告{submission_id}没有待处理的单位或年度不符，不能更正"
            )));
        }
        submission::Entity::update_many()
            .col_expr(submission::Column::AgencyCode, Expr::value(&agency_code))
            .col_expr(submission::Column::District, Expr::value(&district))
            .col_expr(submission::Column::ReportingYear, Expr::value(year))
            .filter(submission::Column::Id.eq(submission_id))
            .exec(&txn)
            .await?;
        // The stored contribution names the old unit and year: recomputed
        // from the stored text and parse by the rebuild below.
        parsed_report::Entity::update_many()
            .col_expr(parsed_report::Column::AgencyCode, Expr::value(&agency_code))
            .col_expr(parsed_report::Column::District, Expr::value(&district))
            .col_expr(parsed_report::Column::ReportingYear, Expr::value(year))
            .col_expr(
                parsed_report::Column::Contribution,
                Expr::value(Option::<String>::None),
            )
            .filter(parsed_report::Column::SubmissionId.eq(submission_id))
            .exec(&txn)
            .await?;
        check::Entity::update_many()
            .col_expr(check::Column::AgencyCode, Expr::value(&agency_code))
            .col_expr(check::Column::District, Expr::value(&district))
            .col_expr(check::Column::ReportingYear, Expr::value(year))
            .filter(check::Column::SubmissionId.eq(submission_id))
            .exec(&txn)
            .await?;
        agency_changed(
            &txn,
            &before.district,
            before.reporting_year,
            &before.agency_code,
        )
        .await?;
        agency_changed(&txn, &district, year, &agency_code).await?;
        txn.commit().await?;
        let after = self
            .submission(submission_id)
            .await?
            .ok_or_else(|| CheckError::NotFound(format!("没有报送编号{submission_id}")))?;
        Ok((before, after))
    }

    async fn held_submission(&self, id: &str) -> Result<submission::Model, CheckError> {
        self.submission(id)
            .await?
            .ok_or_else(|| CheckError::NotFound(format!("没有报送编号{id}")))
    }
}

/// Set the open holding checks of a submission to `state`; how many.
async fn release<C: ConnectionTrait>(
    db: &C,
    submission_id: &str,
    state: CheckState,
    actor: &str,
    note: &str,
) -> Result<u64, StoreError> {
    let r = check::Entity::update_many()
        .col_expr(check::Column::State, Expr::value(state))
        .col_expr(check::Column::ClearedBy, Expr::value(actor))
        .col_expr(check::Column::ClearedAt, Expr::value(now_ms()))
        .col_expr(check::Column::Note, Expr::value(note))
        .filter(check::Column::SubmissionId.eq(submission_id))
        .filter(check::Column::Holds.eq(true))
        .filter(check::Column::State.eq(CheckState::Open))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

#[cfg(test)]
mod tests;
