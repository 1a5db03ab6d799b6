//! The escalation ladder per unit and year: 提醒 → 催报 → 督办 → 通报. Steps
//! only go forward (a step may be skipped, never repeated or taken back);
//! each is kept with when, by whom and a note. The service audits each step.

use sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::checks::CheckError;
use crate::entity::escalation;
use crate::{Store, now_ms};

/// The ladder's rungs are season rules (`fazhi_season::Step`), named here too.
pub use fazhi_season::Step;

impl Store {
    /// Take `step` for the unit and year. A step not above the unit's
    /// current one is refused (`CheckError::Refused`).
    pub async fn escalate(
        &self,
        district: &str,
        agency_code: &str,
        year: i32,
        step: Step,
        actor: &str,
        note: &str,
    ) -> Result<escalation::Model, CheckError> {
        // One transaction, so two clerks cannot both take the same step.
        let txn = self.begin_write().await?;
        crate::summaries::lock_summary(&txn, district, year).await?;
        let current = escalation::Entity::find()
            .filter(escalation::Column::AgencyCode.eq(agency_code))
            .filter(escalation::Column::Year.eq(year))
            .all(&txn)
            .await?
            .into_iter()
            .filter_map(|e| Step::parse(&e.step))
            .max();
        if let Some(cur) = current
            && step <= cur
        {
            txn.rollback().await?;
            return Err(CheckError::Refused(format!(
                "{agency_code}的{year}年度已到“{}”，只能逐级向前，不能再“{}”",
                cur.label(),
                step.label()
            )));
        }
        let row = escalation::ActiveModel {
            id: NotSet,
            district: Set(district.to_owned()),
            agency_code: Set(agency_code.to_owned()),
            year: Set(year),
            step: Set(step.as_str().to_owned()),
            at: Set(now_ms()),
            actor: Set(actor.to_owned()),
            note: Set(note.to_owned()),
        };
        let saved = escalation::Entity::insert(row)
            .exec_with_returning(&txn)
            .await?;
        // The draft's part five names the units escalated.
        crate::pieces::season_changed(&txn, district, year).await?;
        txn.commit().await?;
        Ok(saved)
    }

    /// Every step taken in the district for the year, oldest first.
    pub async fn escalations(
        &self,
        district: &str,
        year: i32,
    ) -> Result<Vec<escalation::Model>, CheckError> {
        Ok(escalation::Entity::find()
            .filter(escalation::Column::District.eq(district))
            .filter(escalation::Column::Year.eq(year))
            .order_by_asc(escalation::Column::Id)
            .all(self.db())
            .await?)
    }
}
