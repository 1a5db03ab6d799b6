//! The office's review of submitted versions: accept, return with a reason,
//! reopen, make a version current again, and the date a version reached the
//! office. Each step is one transaction that takes the summary lock, asks
//! the state machine ([`fazhi_season::transition`]), writes the step, its
//! audit entry (before → after) and the summary update together.

use fazhi_season::{ReviewAction, VersionState, beijing_date, beijing_midnight_ms};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde::Serialize;

use crate::audit::{AuditAction, AuditEvent, append};
use crate::counting::state_of;
use crate::entity::{
    current_version, parsed_report, submission, submission_receipt, submission_review,
};
use crate::summaries::{agency_changed, lock_summary};
use crate::{Store, StoreError, SubmissionStatus, now_ms};

/// One version as the office sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionView {
    pub submission_id: String,
    pub agency_code: String,
    pub district: String,
    pub year: i32,
    pub state: VersionState,
    /// The return reason (what the unit is asked to change).
    pub reason: Option<String>,
    pub file_name: String,
    pub submitted_at: i64,
    pub received_at: i64,
    /// Who entered `received_at`, when the office did.
    pub received_set_by: Option<String>,
    /// Whether this version is the one that counts now.
    pub current: bool,
}

/// The precondition of accepting a version, in one place: a report held for
/// its unit or year (an open `agency_mismatch` / `year_mismatch`) must first
/// be confirmed or corrected. The other checks (findings, near copy,
/// privacy) are the reviewer's to read and clear; privacy gates the public
/// version, not the office's acceptance.
pub async fn may_accept<C: ConnectionTrait>(
    db: &C,
    version: &submission::Model,
) -> Result<(), StoreError> {
    let open: Vec<_> = crate::checks::open_checks_in(db, &version.id)
        .await?
        .into_iter()
        .filter(|c| c.holds)
        .collect();
    if open.is_empty() {
        return Ok(());
    }
    let kinds: Vec<&str> = open.iter().map(|c| c.message.as_str()).take(3).collect();
    Err(StoreError::Precondition(format!(
        "该报告还有{}项检查未处理（{}{}），请先逐项处理（fazhi checks list --submission {}）再接收",
        open.len(),
        kinds.join("；"),
        if open.len() > 3 { "……" } else { "" },
        version.id
    )))
}

/// Refuse to withdraw an accepted (locked) version; the hook of
/// [`Store::withdraw`].
pub(crate) async fn check_withdraw<C: ConnectionTrait>(
    db: &C,
    row: &submission::Model,
) -> Result<(), StoreError> {
    let state = state_in(db, row).await?;
    fazhi_season::transition(state, ReviewAction::Withdraw)?;
    Ok(())
}

async fn state_in<C: ConnectionTrait>(
    db: &C,
    row: &submission::Model,
) -> Result<VersionState, StoreError> {
    let review = submission_review::Entity::find_by_id(row.id.clone())
        .one(db)
        .await?;
    Ok(state_of(
        row.status.as_str(),
        review.as_ref().map(|r| r.state.as_str()),
    ))
}

fn not_found(id: &str) -> StoreError {
    StoreError::NotFound(format!("没有编号为 {id} 的报送"))
}

fn audit_action(action: ReviewAction) -> AuditAction {
    match action {
        ReviewAction::Accept => AuditAction::ReviewAccept,
        ReviewAction::Return => AuditAction::ReviewReturn,
        ReviewAction::Reopen => AuditAction::ReviewReopen,
        ReviewAction::MakeCurrent => AuditAction::MakeCurrent,
        ReviewAction::Withdraw => AuditAction::Withdraw,
    }
}

impl Store {
    /// One review step on a version. `Illegal` when the state machine
    /// refuses, `NotFound` for an unknown id, `Invalid` for a return
    /// without a reason.
    pub async fn review_step(
        &self,
        id: &str,
        action: ReviewAction,
        reason: Option<&str>,
        actor: &str,
        origin: &str,
    ) -> Result<VersionView, StoreError> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if action == ReviewAction::Return && reason.is_none() {
            return Err(StoreError::Invalid(
                "退回时必须写明原因（--reason），单位将看到这一原因".into(),
            ));
        }
        if action == ReviewAction::Withdraw {
            return Err(StoreError::Invalid("撤回请用 WithdrawSubmission".into()));
        }
        let row = self.submission(id).await?.ok_or_else(|| not_found(id))?;
        let txn = self.begin_write().await?;
        lock_summary(&txn, &row.district, row.reporting_year).await?;
        let row = submission::Entity::find_by_id(id.to_owned())
            .one(&txn)
            .await?
            .ok_or_else(|| not_found(id))?;
        let before = state_in(&txn, &row).await?;
        if action == ReviewAction::Accept {
            may_accept(&txn, &row).await?;
        }
        let after = fazhi_season::transition(before, action)?;
        let now = now_ms();
        if action == ReviewAction::MakeCurrent {
            if before == VersionState::Withdrawn {
                reinstate(&txn, &row).await?;
            }
            crate::upsert::upsert(
                &txn,
                vec![current_version::ActiveModel {
                    agency_code: Set(row.agency_code.clone()),
                    year: Set(row.reporting_year),
                    submission_id: Set(row.id.clone()),
                    pinned_at: Set(now),
                    actor: Set(actor.to_owned()),
                }],
            )
            .await?;
        }
        if after != before || action != ReviewAction::MakeCurrent {
            write_review(
                &txn,
                id,
                after,
                reason.filter(|_| after == VersionState::Returned),
                actor,
                now,
            )
            .await?;
        }
        append(
            &txn,
            AuditEvent {
                actor: actor.to_owned(),
                action: audit_action(action),
                target: id.to_owned(),
                detail: serde_json::json!({
                    "agency": row.agency_code,
                    "district": row.district,
                    "year": row.reporting_year,
                    "before": before.as_str(),
                    "after": after.as_str(),
                    "reason": reason,
                }),
                origin: origin.to_owned(),
            },
        )
        .await?;
        agency_changed(&txn, &row.district, row.reporting_year, &row.agency_code).await?;
        txn.commit().await?;
        self.version(id).await?.ok_or_else(|| not_found(id))
    }

    /// Set the date a version reached the office (it came by mail or email
    /// and was entered later). Not after the day it was entered, not in the
    /// reported year; refused on an accepted (locked) version.
    pub async fn set_received_on(
        &self,
        id: &str,
        date: chrono::NaiveDate,
        actor: &str,
        origin: &str,
    ) -> Result<VersionView, StoreError> {
        use chrono::Datelike;
        let row = self.submission(id).await?.ok_or_else(|| not_found(id))?;
        let entered = beijing_date(row.submitted_at).unwrap_or(date);
        if date > entered {
            return Err(StoreError::Invalid(format!(
                "送达日期 {date} 晚于录入日期 {entered}：送达日期应是依法治区办收到报告的日期"
            )));
        }
        if date.year() <= row.reporting_year {
            return Err(StoreError::Invalid(format!(
                "送达日期 {date} 不合理：{}年度报告应在{}年送达",
                row.reporting_year,
                row.reporting_year + 1
            )));
        }
        let txn = self.begin_write().await?;
        lock_summary(&txn, &row.district, row.reporting_year).await?;
        let state = state_in(&txn, &row).await?;
        if state == VersionState::Accepted {
            return Err(StoreError::Illegal(fazhi_season::IllegalTransition {
                from: state,
                action: ReviewAction::Reopen,
                message:
                    "不能更改送达日期：该版本已接收并锁定，请先重新打开（fazhi submissions reopen）"
                        .into(),
            }));
        }
        let old = submission_receipt::Entity::find_by_id(id.to_owned())
            .one(&txn)
            .await?
            .map(|r| r.received_at)
            .unwrap_or(row.submitted_at);
        let at = beijing_midnight_ms(date);
        crate::upsert::upsert(
            &txn,
            vec![submission_receipt::ActiveModel {
                submission_id: Set(id.to_owned()),
                received_at: Set(at),
                set_by: Set(actor.to_owned()),
                set_at: Set(now_ms()),
            }],
        )
        .await?;
        append(
            &txn,
            AuditEvent {
                actor: actor.to_owned(),
                action: AuditAction::ReceivedOn,
                target: id.to_owned(),
                detail: serde_json::json!({
                    "agency": row.agency_code,
                    "year": row.reporting_year,
                    "before": beijing_date(old).map(|d| d.to_string()),
                    "after": date.to_string(),
                }),
                origin: origin.to_owned(),
            },
        )
        .await?;
        agency_changed(&txn, &row.district, row.reporting_year, &row.agency_code).await?;
        txn.commit().await?;
        self.version(id).await?.ok_or_else(|| not_found(id))
    }

    /// One version with its review state.
    pub async fn version(&self, id: &str) -> Result<Option<VersionView>, StoreError> {
        let Some(row) = self.submission(id).await? else {
            return Ok(None);
        };
        Ok(self
            .versions_of(&row.agency_code, row.reporting_year)
            .await?
            .into_iter()
            .find(|v| v.submission_id == id))
    }

    /// Every version of an agency's report on a year, oldest first.
    pub async fn versions_of(
        &self,
        agency_code: &str,
        year: i32,
    ) -> Result<Vec<VersionView>, StoreError> {
        let db = self.db();
        let rows = submission::Entity::find()
            .filter(submission::Column::AgencyCode.eq(agency_code))
            .filter(submission::Column::ReportingYear.eq(year))
            .all(db)
            .await?;
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let reviews = submission_review::Entity::find()
            .filter(submission_review::Column::SubmissionId.is_in(ids.clone()))
            .all(db)
            .await?;
        let receipts = submission_receipt::Entity::find()
            .filter(submission_receipt::Column::SubmissionId.is_in(ids))
            .all(db)
            .await?;
        let current = crate::counting::counting(db, &[agency_code], year, &[])
            .await?
            .remove(agency_code)
            .map(|c| c.submission_id);
        let mut out: Vec<VersionView> = rows
            .into_iter()
            .map(|r| {
                let review = reviews.iter().find(|v| v.submission_id == r.id);
                let receipt = receipts.iter().find(|v| v.submission_id == r.id);
                let state = state_of(r.status.as_str(), review.map(|v| v.state.as_str()));
                VersionView {
                    current: current.as_deref() == Some(r.id.as_str()),
                    reason: match state {
                        VersionState::Returned => review.and_then(|v| v.reason.clone()),
                        VersionState::Rejected | VersionState::Failed | VersionState::Withdrawn => {
                            r.reject_reason.clone()
                        }
                        _ => None,
                    },
                    received_at: receipt.map(|v| v.received_at).unwrap_or(r.submitted_at),
                    received_set_by: receipt.map(|v| v.set_by.clone()),
                    state,
                    submission_id: r.id,
                    agency_code: r.agency_code,
                    district: r.district,
                    year: r.reporting_year,
                    file_name: r.file_name,
                    submitted_at: r.submitted_at,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            (a.submitted_at, &a.submission_id).cmp(&(b.submitted_at, &b.submission_id))
        });
        Ok(out)
    }

    /// Whether an id names a version that a resubmission of the same file
    /// would simply repeat: it is not withdrawn and no newer version of the
    /// agency's report exists. Otherwise the same file again is a new
    /// version (after a withdrawal, or going back to an earlier version).
    pub async fn is_live_latest(&self, id: &str) -> Result<bool, StoreError> {
        let Some(row) = self.submission(id).await? else {
            return Ok(false);
        };
        if row.status == SubmissionStatus::Withdrawn {
            return Ok(false);
        }
        let newer = submission::Entity::find()
            .filter(submission::Column::AgencyCode.eq(row.agency_code.as_str()))
            .filter(submission::Column::ReportingYear.eq(row.reporting_year))
            .filter(submission::Column::SubmittedAt.gt(row.submitted_at))
            .one(self.db())
            .await?;
        Ok(newer.is_none())
    }
}

/// A withdrawn version made current again: processed once more (its parse
/// is kept), to be reviewed again.
async fn reinstate<C: ConnectionTrait>(db: &C, row: &submission::Model) -> Result<(), StoreError> {
    let parsed = parsed_report::Entity::find_by_id(row.id.clone())
        .one(db)
        .await?;
    if parsed.is_none() {
        return Err(StoreError::Illegal(fazhi_season::IllegalTransition {
            from: VersionState::Withdrawn,
            action: ReviewAction::MakeCurrent,
            message: "不能设为当前版本：该版本撤回前未解析成功，请单位重新报送".into(),
        }));
    }
    let mut update: submission::ActiveModel = row.clone().into();
    update.status = Set(SubmissionStatus::Processed);
    update.reject_reason = Set(None);
    update.update(db).await?;
    Ok(())
}

async fn write_review<C: ConnectionTrait>(
    db: &C,
    id: &str,
    state: VersionState,
    reason: Option<&str>,
    actor: &str,
    at: i64,
) -> Result<(), StoreError> {
    crate::upsert::upsert(
        db,
        vec![submission_review::ActiveModel {
            submission_id: Set(id.to_owned()),
            state: Set(state.as_str().to_owned()),
            reason: Set(reason.map(str::to_owned)),
            actor: Set(actor.to_owned()),
            at: Set(at),
        }],
    )
    .await?;
    Ok(())
}
