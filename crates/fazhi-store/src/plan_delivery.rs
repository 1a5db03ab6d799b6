//! Last year's plans against this year's measures for the district's draft:
//! `fazhi_analysis::plans::review` over the filed pieces of both years (the
//! same review `fazhi analysis plans` serves), read in the render's snapshot.

use fazhi_analysis::draft::plan_blocks;
use fazhi_analysis::plans::review;
use fazhi_summary::model::{AgencyRef, Block, PlanDelivery};
use fazhi_summary::{Filed, ReportContribution};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::StoreError;
use crate::entity::summary_piece;

/// `None` when the district has no counting report of last year.
pub(crate) async fn plan_delivery<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    current: &[ReportContribution],
) -> Result<Option<PlanDelivery>, StoreError> {
    let rows: Vec<(String, String)> = summary_piece::Entity::find()
        .select_only()
        .columns([
            summary_piece::Column::AgencyCode,
            summary_piece::Column::Filed,
        ])
        .filter(summary_piece::Column::District.eq(district))
        .filter(summary_piece::Column::Year.eq(year - 1))
        .into_tuple()
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut previous = Vec::with_capacity(rows.len());
    for (code, json) in rows {
        let f: Filed = serde_json::from_str(&json).map_err(|e| {
            StoreError::Corrupt(format!("piece {district}/{}/{code}: {e}", year - 1))
        })?;
        previous.push(f.contribution().clone());
    }
    // Roster (code) order, as the summary lists units.
    previous.sort_by(|a, b| a.agency.code.cmp(&b.agency.code));
    let r = review(year - 1, &previous, year, current);
    let lagging: Vec<AgencyRef> = r
        .units
        .iter()
        .filter(|u| u.delivered == 0)
        .map(|u| u.agency.clone())
        .collect();
    // The annex table as the analysis draws it (its own heading and
    // paragraph name last year in digits; the summary writes its own).
    let annex: Vec<Block> = plan_blocks(&r)
        .into_iter()
        .filter(|b| matches!(b, Block::Table { .. }))
        .collect();
    Ok(Some(PlanDelivery {
        units: r.units.len(),
        plans: r.plans,
        delivered: r.delivered,
        partly: r.partly,
        not_visible: r.not_visible,
        delivery_rate: r.delivery_rate,
        lagging,
        annex,
    }))
}
