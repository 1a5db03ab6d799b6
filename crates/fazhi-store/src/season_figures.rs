//! The season's figures the district's draft prints: the rates and named
//! lists of `fazhi_season::season_status` (the same call as `fazhi season
//! status`, over the same facts), and the office's work from its records
//! (returned and resubmitted, held filings, privacy checks, escalation
//! steps). Read inside the render's snapshot; nothing is computed twice.

use std::collections::{BTreeMap, HashMap, HashSet};

use fazhi_season::Step;
use fazhi_summary::model::{
    EscalationStep, HeldReport, HoldKind, HoldState, OfficeWork, PrivacyFlags, SeasonFigures,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::StoreError;
use crate::checks::{CheckKind, CheckState};
use crate::entity::{check, escalation};

/// The district's season for the draft. `counting`: the submissions the
/// summary shows (privacy flags are counted in those reports only).
pub(crate) async fn season_figures<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    counting: &HashSet<&str>,
) -> Result<SeasonFigures, StoreError> {
    let (settings, facts) = crate::season::facts_in(db, district, year).await?;
    let names: HashMap<&str, &str> = facts
        .iter()
        .map(|u| (u.code.as_str(), u.name.as_str()))
        .collect();
    let name = |code: &str| names.get(code).map_or(code, |n| n).to_owned();

    let mut held = Vec::new();
    let mut privacy: BTreeMap<String, PrivacyFlags> = BTreeMap::new();
    for c in check::Entity::find()
        .filter(check::Column::District.eq(district))
        .filter(check::Column::ReportingYear.eq(year))
        .order_by_asc(check::Column::Id)
        .all(db)
        .await?
    {
        let state = c.state;
        match c.kind {
            k @ (CheckKind::AgencyMismatch | CheckKind::YearMismatch) => held.push(HeldReport {
                name: name(&c.agency_code),
                code: c.agency_code,
                kind: if k == CheckKind::AgencyMismatch {
                    HoldKind::Agency
                } else {
                    HoldKind::Year
                },
                state: match state {
                    CheckState::Open => HoldState::Open,
                    CheckState::Corrected => HoldState::Corrected,
                    CheckState::Confirmed | CheckState::Cleared => HoldState::Confirmed,
                },
            }),
            CheckKind::Privacy if counting.contains(c.submission_id.as_str()) => {
                let f = privacy
                    .entry(c.agency_code.clone())
                    .or_insert_with(|| PrivacyFlags {
                        name: name(&c.agency_code),
                        code: c.agency_code.clone(),
                        flagged: 0,
                        cleared: 0,
                    });
                f.flagged += 1;
                if state != CheckState::Open {
                    f.cleared += 1;
                }
            }
            CheckKind::Privacy | CheckKind::Finding | CheckKind::NearCopy => {}
        }
    }
    let escalations = escalation::Entity::find()
        .filter(escalation::Column::District.eq(district))
        .filter(escalation::Column::Year.eq(year))
        .order_by_asc(escalation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|e| {
            Some(EscalationStep {
                step: Step::parse(&e.step)?,
                name: name(&e.agency_code),
                code: e.agency_code,
                on: fazhi_season::beijing_date(e.at),
            })
        })
        .collect();
    let office = OfficeWork {
        resubmitted: fazhi_season::returned_and_resubmitted(&facts),
        held,
        privacy: privacy.into_values().collect(),
        escalations,
    };
    let status = fazhi_season::season_status(
        district,
        year,
        settings.deadlines,
        &facts,
        settings.count_unreviewed,
    );
    Ok(SeasonFigures { status, office })
}
