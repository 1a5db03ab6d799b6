//! Checks and escalation steps, store ↔ proto; every proto variant is
//! matched, so a new one fails to compile until handled.

use fazhi_proto::v1 as pb;
use fazhi_store::checks::{CheckKind, CheckState};
use fazhi_store::entity::check;
use fazhi_store::escalation::Step;
use sea_orm::ActiveEnum;

use crate::error::ServiceError;

pub(super) fn state(s: CheckState) -> pb::CheckState {
    match s {
        CheckState::Open => pb::CheckState::Open,
        CheckState::Cleared => pb::CheckState::Cleared,
        CheckState::Confirmed => pb::CheckState::Confirmed,
        CheckState::Corrected => pb::CheckState::Corrected,
    }
}

pub fn kind(k: CheckKind) -> pb::CheckKind {
    match k {
        CheckKind::Finding => pb::CheckKind::Finding,
        CheckKind::AgencyMismatch => pb::CheckKind::AgencyMismatch,
        CheckKind::YearMismatch => pb::CheckKind::YearMismatch,
        CheckKind::NearCopy => pb::CheckKind::NearCopy,
        CheckKind::Privacy => pb::CheckKind::Privacy,
    }
}

pub fn kind_from_pb(k: pb::CheckKind) -> Option<CheckKind> {
    match k {
        pb::CheckKind::Unspecified => None,
        pb::CheckKind::Finding => Some(CheckKind::Finding),
        pb::CheckKind::AgencyMismatch => Some(CheckKind::AgencyMismatch),
        pb::CheckKind::YearMismatch => Some(CheckKind::YearMismatch),
        pb::CheckKind::NearCopy => Some(CheckKind::NearCopy),
        pb::CheckKind::Privacy => Some(CheckKind::Privacy),
    }
}

/// The code a reader prints for the proto's kind (`finding`, …, the stored
/// name; `""` when unspecified).
pub fn kind_code(k: pb::CheckKind) -> String {
    kind_from_pb(k).map(|k| k.to_value()).unwrap_or_default()
}

pub(super) fn to_pb(c: &check::Model) -> pb::Check {
    pb::Check {
        id: c.id,
        submission_id: c.submission_id.clone(),
        district: c.district.clone(),
        agency_code: c.agency_code.clone(),
        year: c.reporting_year,
        kind: kind(c.kind) as i32,
        code: c.code.clone(),
        severity: c.severity.clone(),
        holds: c.holds,
        has_span: c.start.is_some(),
        start: c.start.unwrap_or(0).max(0) as u64,
        end: c.end.unwrap_or(0).max(0) as u64,
        excerpt: c.excerpt.clone(),
        message: c.message.clone(),
        state: state(c.state) as i32,
        cleared_by: c.cleared_by.clone().unwrap_or_default(),
        cleared_at_ms: c.cleared_at.unwrap_or(0),
        note: c.note.clone().unwrap_or_default(),
    }
}

pub(super) fn step_pb(s: Step) -> pb::EscalationStep {
    match s {
        Step::Remind => pb::EscalationStep::Remind,
        Step::Urge => pb::EscalationStep::Urge,
        Step::Supervise => pb::EscalationStep::Supervise,
        Step::Notify => pb::EscalationStep::Notify,
    }
}

pub(super) fn step_from_pb(s: pb::EscalationStep) -> Result<Step, ServiceError> {
    Ok(match s {
        pb::EscalationStep::Remind => Step::Remind,
        pb::EscalationStep::Urge => Step::Urge,
        pb::EscalationStep::Supervise => Step::Supervise,
        pb::EscalationStep::Notify => Step::Notify,
        pb::EscalationStep::Unspecified => {
            return Err(ServiceError::InvalidArgument(
                "缺少催办步骤（提醒、催报、督办、通报）".into(),
            ));
        }
    })
}
