//! The audit trail: who did what, when, to what, from where. Append-only
//! (the database refuses UPDATE and DELETE on the table).

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entity::audit_entry;
use crate::{Store, StoreError, now_ms};

/// One thing to record. `detail` is JSON and must never hold a document's
/// text, a token or a password.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub actor: String,
    pub action: AuditAction,
    pub target: String,
    pub detail: serde_json::Value,
    pub origin: String,
}

/// Everything the trail records, as a closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    CredentialIssue,
    CredentialRevoke,
    Submit,
    Withdraw,
    RosterImport,
    /// One roster version written or changed (import, upsert).
    RosterUpsert,
    RosterExempt,
    ReviewAccept,
    ReviewReturn,
    ReviewReopen,
    MakeCurrent,
    /// The office set the date a report reached it.
    ReceivedOn,
    Publication,
    Deadlines,
    CheckClear,
    FilingConfirm,
    FilingCorrect,
    Escalate,
    /// The office recorded the 整改 status of a tracked shortcoming.
    Rectify,
    /// The workbench: a person signed in, failed to, signed out, or was
    /// refused because the login is locked.
    SignIn,
    SignInFailed,
    SignOut,
    LockedOut,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::CredentialIssue => "credential.issue",
            AuditAction::CredentialRevoke => "credential.revoke",
            AuditAction::Submit => "submission.submit",
            AuditAction::Withdraw => "submission.withdraw",
            AuditAction::RosterImport => "roster.import",
            AuditAction::RosterUpsert => "roster.upsert",
            AuditAction::RosterExempt => "roster.exempt",
            AuditAction::ReviewAccept => "review.accept",
            AuditAction::ReviewReturn => "review.return",
            AuditAction::ReviewReopen => "review.reopen",
            AuditAction::MakeCurrent => "review.make_current",
            AuditAction::ReceivedOn => "submission.received_on",
            AuditAction::Publication => "publication.set",
            AuditAction::Deadlines => "season.deadlines",
            AuditAction::CheckClear => "check.clear",
            AuditAction::FilingConfirm => "filing.confirm",
            AuditAction::FilingCorrect => "filing.correct",
            AuditAction::Escalate => "escalation.add",
            AuditAction::Rectify => "analysis.rectify",
            AuditAction::SignIn => "session.sign_in",
            AuditAction::SignInFailed => "session.sign_in_failed",
            AuditAction::SignOut => "session.sign_out",
            AuditAction::LockedOut => "session.locked_out",
        }
    }
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub target: Option<String>,
    pub action: Option<String>,
    pub limit: u64,
}

/// Append inside the caller's transaction, so a change and its record are
/// committed together or not at all.
pub(crate) async fn append<C: ConnectionTrait>(
    db: &C,
    event: AuditEvent,
) -> Result<(), StoreError> {
    audit_entry::Entity::insert(row_of(event))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

fn row_of(event: AuditEvent) -> audit_entry::ActiveModel {
    audit_entry::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        at: Set(now_ms()),
        actor: Set(event.actor),
        action: Set(event.action.as_str().to_owned()),
        target: Set(event.target),
        detail: Set(event.detail.to_string()),
        origin: Set(event.origin),
    }
}

impl Store {
    pub async fn audit(&self, event: AuditEvent) -> Result<(), StoreError> {
        audit_entry::Entity::insert(row_of(event))
            .exec_without_returning(self.db())
            .await?;
        Ok(())
    }

    /// Newest last, at most `limit` (0: 1000) of the most recent entries.
    pub async fn audit_entries(
        &self,
        filter: &AuditFilter,
    ) -> Result<Vec<audit_entry::Model>, StoreError> {
        let mut query = audit_entry::Entity::find();
        if let Some(t) = &filter.target {
            query = query.filter(audit_entry::Column::Target.eq(t.as_str()));
        }
        if let Some(a) = &filter.action {
            query = query.filter(audit_entry::Column::Action.eq(a.as_str()));
        }
        let limit = if filter.limit == 0 {
            1000
        } else {
            filter.limit
        };
        let mut rows = query
            .order_by_desc(audit_entry::Column::Id)
            .limit(limit)
            .all(self.db())
            .await?;
        rows.reverse();
        Ok(rows)
    }
}
