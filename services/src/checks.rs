//! The Checks service: list and clear checks, confirm or correct a held
//! filing, the escalation ladder and its 督办 notices. Every change is
//! audited (who, when, what, before → after).

pub mod convert;
mod rpc;

use fazhi_proto::v1 as pb;
use fazhi_proto::v1::checks_server;
use fazhi_store::checks::{CheckState, Correction};
use fazhi_store::entity::escalation;
use fazhi_store::escalation::Step;
use fazhi_store::{AuditAction, AuditEvent, Principal, Store};
use tonic::{Request, Response, Status};

use crate::auth::{Authenticator, origin};
use crate::error::ServiceError;
use crate::fields::{self, text_field};
use crate::policy::{Action, authorize};

#[derive(Clone)]
pub struct Checks {
    store: Store,
    auth: Authenticator,
}

impl Checks {
    pub fn new(store: Store) -> Self {
        Checks {
            auth: Authenticator::new(store.clone()),
            store,
        }
    }
}

fn note_field(note: &str) -> Result<String, ServiceError> {
    let note = text_field("说明（note）", note, 500)?;
    if note.is_empty() {
        return Err(ServiceError::InvalidArgument(
            "请写明处理说明（note），例如“已要求提供脱敏公开版本”".into(),
        ));
    }
    Ok(note.to_owned())
}

fn day(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms + 8 * 3_600_000)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// May this person act on the checks of `district`?
fn review_checks(who: &Principal, district: &str) -> Result<(), ServiceError> {
    authorize(who, Action::ReviewChecks { district })
}

impl Checks {
    async fn audit(&self, event: AuditEvent) {
        let (action, target) = (event.action, event.target.clone());
        if let Err(e) = self.store.audit(event).await {
            tracing::error!(error = ?e, action = action.as_str(), %target, "audit entry not written");
        }
    }

    /// The agency of `code` on the current roster, or `NotFound`.
    async fn rostered(
        &self,
        code: &str,
    ) -> Result<fazhi_store::entity::agency::Model, ServiceError> {
        self.store
            .agency(code)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("名册中没有单位{code}")))
    }

    async fn submission_scope(&self, id: &str) -> Result<(String, String), ServiceError> {
        let row = self
            .store
            .submission(id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("没有报送编号{id}")))?;
        Ok((row.agency_code, row.district))
    }

    pub async fn list(
        &self,
        who: &Principal,
        r: pb::ListChecksRequest,
    ) -> Result<pb::ListChecksResponse, ServiceError> {
        let id = text_field("报送编号（submission_id）", &r.submission_id, 128)?;
        let rows = if !id.is_empty() {
            let (agency, district) = self.submission_scope(id).await?;
            authorize(
                who,
                Action::ReadSubmission {
                    agency: &agency,
                    district: &district,
                },
            )?;
            let mut rows = self.store.checks_of_submission(id).await?;
            if r.open_only {
                rows.retain(|c| c.state == CheckState::Open);
            }
            rows
        } else {
            let district = text_field("区名（district）", &r.district, 64)?;
            if district.is_empty() {
                return Err(ServiceError::InvalidArgument(
                    "请给出报送编号（submission_id），或区名（district）和年度（year）".into(),
                ));
            }
            let year = fields::year(r.year)?;
            authorize(who, Action::ReadDistrict { district })?;
            self.store.checks_in(district, year, r.open_only).await?
        };
        Ok(pb::ListChecksResponse {
            checks: rows.iter().map(convert::to_pb).collect(),
        })
    }

    pub async fn clear(
        &self,
        who: &Principal,
        origin: String,
        r: pb::ClearCheckRequest,
    ) -> Result<pb::CheckResponse, ServiceError> {
        let note = note_field(&r.note)?;
        let current = self
            .store
            .check(r.id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("没有编号为{}的检查项", r.id)))?;
        review_checks(who, &current.district)?;
        let updated = self.store.clear_check(r.id, &who.actor(), &note).await?;
        self.audit(AuditEvent {
            actor: who.actor(),
            action: AuditAction::CheckClear,
            target: updated.submission_id.clone(),
            detail: serde_json::json!({
                "check": updated.id,
                "kind": updated.kind.to_string(),
                "code": updated.code,
                "before": current.state.to_string(),
                "after": updated.state.to_string(),
                "note": note,
            }),
            origin,
        })
        .await;
        Ok(pb::CheckResponse {
            check: Some(convert::to_pb(&updated)),
        })
    }

    pub async fn confirm(
        &self,
        who: &Principal,
        origin: String,
        r: pb::ConfirmFilingRequest,
    ) -> Result<pb::FilingResponse, ServiceError> {
        let id = text_field("报送编号（submission_id）", &r.submission_id, 128)?.to_owned();
        let note = note_field(&r.note)?;
        let (_, district) = self.submission_scope(&id).await?;
        review_checks(who, &district)?;
        let row = self.store.confirm_filing(&id, &who.actor(), &note).await?;
        self.audit(AuditEvent {
            actor: who.actor(),
            action: AuditAction::FilingConfirm,
            target: id.clone(),
            detail: serde_json::json!({
                "agency": row.agency_code, "year": row.reporting_year, "note": note,
            }),
            origin,
        })
        .await;
        Ok(pb::FilingResponse {
            submission_id: id,
            agency_code: row.agency_code.clone(),
            district: row.district.clone(),
            year: row.reporting_year,
            previous_agency_code: row.agency_code,
            previous_year: row.reporting_year,
        })
    }

    pub async fn correct(
        &self,
        who: &Principal,
        origin: String,
        r: pb::CorrectFilingRequest,
    ) -> Result<pb::FilingResponse, ServiceError> {
        let id = text_field("报送编号（submission_id）", &r.submission_id, 128)?.to_owned();
        let note = note_field(&r.note)?;
        let agency = text_field("单位代码（agency_code）", &r.agency_code, 64)?;
        let to = Correction {
            agency_code: (!agency.is_empty()).then(|| agency.to_owned()),
            year: if r.year == 0 {
                None
            } else {
                Some(fields::year(r.year)?)
            },
        };
        if to.agency_code.is_none() && to.year.is_none() {
            return Err(ServiceError::InvalidArgument(
                "请给出更正后的单位代码（agency_code）或年度（year）".into(),
            ));
        }
        let (_, district) = self.submission_scope(&id).await?;
        review_checks(who, &district)?;
        // The unit it moves to must be in the caller's reach as well.
        if let Some(code) = &to.agency_code {
            let target = self.rostered(code).await?;
            review_checks(who, &target.district)?;
        }
        let (before, after) = self
            .store
            .correct_filing(&id, &to, &who.actor(), &note)
            .await?;
        self.audit(AuditEvent {
            actor: who.actor(),
            action: AuditAction::FilingCorrect,
            target: id.clone(),
            detail: serde_json::json!({
                "before": {"agency": before.agency_code, "district": before.district, "year": before.reporting_year},
                "after": {"agency": after.agency_code, "district": after.district, "year": after.reporting_year},
                "note": note,
            }),
            origin,
        })
        .await;
        Ok(pb::FilingResponse {
            submission_id: id,
            agency_code: after.agency_code,
            district: after.district,
            year: after.reporting_year,
            previous_agency_code: before.agency_code,
            previous_year: before.reporting_year,
        })
    }

    async fn escalation_pb(&self, e: &escalation::Model) -> Result<pb::Escalation, ServiceError> {
        let name = self
            .store
            .agency(&e.agency_code)
            .await?
            .map(|a| a.name)
            .unwrap_or_default();
        Ok(pb::Escalation {
            id: e.id,
            district: e.district.clone(),
            agency_code: e.agency_code.clone(),
            agency_name: name,
            year: e.year,
            step: Step::parse(&e.step)
                .map(convert::step_pb)
                .unwrap_or_default() as i32,
            at_ms: e.at,
            by: e.actor.clone(),
            note: e.note.clone(),
        })
    }

    pub async fn escalate(
        &self,
        who: &Principal,
        origin: String,
        r: pb::EscalateRequest,
    ) -> Result<pb::EscalateResponse, ServiceError> {
        let step = convert::step_from_pb(r.step())?;
        let code = text_field("单位代码（agency_code）", &r.agency_code, 64)?;
        let year = fields::year(r.year)?;
        let note = text_field("说明（note）", &r.note, 500)?;
        let agency = self.rostered(code).await?;
        review_checks(who, &agency.district)?;
        let saved = self
            .store
            .escalate(&agency.district, code, year, step, &who.actor(), note)
            .await?;
        self.audit(AuditEvent {
            actor: who.actor(),
            action: AuditAction::Escalate,
            target: code.to_owned(),
            detail: serde_json::json!({"year": year, "step": step.as_str(), "label": step.label(), "note": note}),
            origin,
        })
        .await;
        Ok(pb::EscalateResponse {
            escalation: Some(self.escalation_pb(&saved).await?),
        })
    }

    pub async fn list_escalations(
        &self,
        who: &Principal,
        r: pb::ListEscalationsRequest,
    ) -> Result<pb::ListEscalationsResponse, ServiceError> {
        let district = text_field("区名（district）", &r.district, 64)?;
        let year = fields::year(r.year)?;
        authorize(who, Action::ReadDistrict { district })?;
        let mut out = Vec::new();
        for e in self.store.escalations(district, year).await? {
            out.push(self.escalation_pb(&e).await?);
        }
        Ok(pb::ListEscalationsResponse { escalations: out })
    }

    pub async fn export_notices(
        &self,
        who: &Principal,
        r: pb::ExportNoticesRequest,
    ) -> Result<pb::ExportNoticesResponse, ServiceError> {
        let district = text_field("区名（district）", &r.district, 64)?;
        let year = fields::year(r.year)?;
        authorize(who, Action::ReviewChecks { district })?;
        let steps = self.store.escalations(district, year).await?;
        let roster = self.store.roster(district).await?;
        let mut notices = Vec::new();
        for a in &roster {
            let mine: Vec<&escalation::Model> =
                steps.iter().filter(|e| e.agency_code == a.code).collect();
            let Some(supervise) = mine
                .iter()
                .find(|e| Step::parse(&e.step) == Some(Step::Supervise))
            else {
                continue;
            };
            let history: Vec<String> = mine
                .iter()
                .filter(|e| Step::parse(&e.step).is_some_and(|s| s < Step::Supervise))
                .filter_map(|e| Some(format!("于{}{}", day(e.at), Step::parse(&e.step)?.label())))
                .collect();
            let (rows, _) = self.store.list_submissions(district, year, 0, 1000).await?;
            let submitted = rows.iter().any(|s| s.agency_code == a.code);
            notices.push(fazhi_summary::notice::Notice {
                district: district.to_owned(),
                year,
                agency_code: a.code.clone(),
                agency_name: a.name.clone(),
                overdue: if submitted {
                    format!("{year}年度法治政府建设年度报告逾期未按要求报送")
                } else {
                    format!("{year}年度法治政府建设年度报告未报送")
                },
                deadline: day(fazhi_store::record::deadline_ms(year)),
                supervised_on: day(supervise.at),
                history: history.join("、"),
                office: format!("{district}法治政府建设工作领导小组办公室"),
                note: supervise.note.clone(),
            });
        }
        let (content, media_type, ext) = match r.format() {
            pb::NoticeFormat::Docx => (
                fazhi_summary::notice::notices_docx(district, year, &notices),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            ),
            pb::NoticeFormat::Csv | pb::NoticeFormat::Unspecified => (
                fazhi_summary::notice::notices_csv(&notices),
                "text/csv; charset=utf-8",
                "csv",
            ),
        };
        Ok(pb::ExportNoticesResponse {
            content,
            media_type: media_type.to_owned(),
            file_name: format!("{district}{year}年度督办通知.{ext}"),
            notices: notices.len() as u32,
        })
    }
}
