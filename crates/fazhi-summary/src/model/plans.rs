//! Plans against delivery as the draft is given them: computed by the store
//! with `fazhi_analysis::plans::review` (the same review as
//! `fazhi analysis plans`), kept in the summary so the verifier checks the
//! paragraph's counts against them.

use super::*;

/// Last year's plans against this year's measures, for the district.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDelivery {
    /// Units that had plans last year.
    pub units: usize,
    pub plans: usize,
    pub delivered: usize,
    pub partly: usize,
    pub not_visible: usize,
    /// Delivered share of the plans in percent (0.1).
    pub delivery_rate: Option<f64>,
    /// Units none of whose plans shows in this year's report.
    pub lagging: Vec<AgencyRef>,
    /// The annex: unit, last year's plan, status, the matching measure cited.
    pub annex: Vec<Block>,
}

impl PlanDelivery {
    /// The figure the draft names `plans:<key>`.
    pub fn fact(&self, key: &str) -> Option<f64> {
        let n = |v: usize| Some(v as f64);
        match key {
            "units" => n(self.units),
            "plans" => n(self.plans),
            "delivered" => n(self.delivered),
            "partly" => n(self.partly),
            "not_visible" => n(self.not_visible),
            "lagging" => n(self.lagging.len()),
            "delivery_rate" => self.delivery_rate,
            _ => None,
        }
    }
}
