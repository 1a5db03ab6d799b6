//! The season's figures the district's draft prints: the rates and named
//! lists of `fazhi_season::season_status` (the same call as `fazhi season
//! status`, over the same facts), and the office's work from its records
//! (returned and resubmitted, held filings, privacy checks, escalation
//! steps). Read inside the render's snapshot; nothing is computed twice.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use fazhi_season::{Named, Rate, SeasonStatus};
use fazhi_summary::model::{
    Day, EscalationStep, HeldReport, HoldKind, HoldState, OfficeWork, PrivacyFlags, Rung,
    SeasonFigures, SeasonRate, SeasonUnit,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::StoreError;
use crate::checks::{CheckKind, CheckState};
use crate::entity::{check, escalation};
use crate::escalation::Step;

fn day(d: NaiveDate) -> Day {
    Day {
        year: d.year(),
        month: d.month(),
        day: d.day(),
    }
}

fn rate(r: Rate) -> SeasonRate {
    SeasonRate {
        numerator: r.numerator,
        denominator: r.denominator,
        percent: r.percent,
    }
}

fn units(list: Vec<Named>) -> Vec<SeasonUnit> {
    list.into_iter()
        .map(|n| SeasonUnit {
            code: n.code,
            name: n.name,
            note: n.note,
            on: n.on.map(day),
        })
        .collect()
}

fn rung(step: Step) -> Rung {
    match step {
        Step::Remind => Rung::Remind,
        Step::Urge => Rung::Urge,
        Step::Supervise => Rung::Supervise,
        Step::Notify => Rung::Notify,
    }
}

/// The season status as the draft is given it (a change of shape only).
fn figures(s: SeasonStatus, office: OfficeWork) -> SeasonFigures {
    SeasonFigures {
        submit_by: day(s.deadlines.submit_by),
        publish_by: day(s.deadlines.publish_by),
        expected: s.expected,
        actual: s.actual,
        on_time: s.on_time,
        late: s.late,
        exempt: s.exempt,
        published: s.published,
        published_on_time: s.published_on_time,
        reporting_rate: rate(s.reporting_rate),
        reporting_rate_on_time: rate(s.reporting_rate_on_time),
        publication_rate: rate(s.publication_rate),
        publication_rate_on_time: rate(s.publication_rate_on_time),
        missing_units: units(s.missing_units),
        late_units: units(s.late_units),
        exempt_units: units(s.exempt_units),
        unpublished_units: units(s.unpublished_units),
        published_late_units: units(s.published_late_units),
        office,
    }
}

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
        let state = CheckState::parse(&c.state).unwrap_or(CheckState::Open);
        match CheckKind::parse(&c.kind) {
            Some(k @ (CheckKind::AgencyMismatch | CheckKind::YearMismatch)) => {
                held.push(HeldReport {
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
                })
            }
            Some(CheckKind::Privacy) if counting.contains(c.submission_id.as_str()) => {
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
            _ => {}
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
                rung: rung(Step::parse(&e.step)?),
                name: name(&e.agency_code),
                code: e.agency_code,
                on: fazhi_season::beijing_date(e.at).map(day),
            })
        })
        .collect();
    let office = OfficeWork {
        resubmitted: units(fazhi_season::returned_and_resubmitted(&facts)),
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
    Ok(figures(status, office))
}
