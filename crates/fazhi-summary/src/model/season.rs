//! The season's figures as the draft is given them: computed by the store
//! with `fazhi-season` (the same code as `fazhi season status`), handed to
//! the pure renderer, kept in the summary so the verifier can check every
//! figure the draft prints against them.

use chrono::NaiveDate;
use fazhi_season::{Named, SeasonStatus, Step};

use super::*;

/// Which filing fact a held report contradicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldKind {
    Agency,
    Year,
}

/// Where a held report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldState {
    /// Still out of the totals.
    Open,
    /// Confirmed as filed.
    Confirmed,
    /// Moved to the right unit or year.
    Corrected,
}

/// A report held out of the totals for a unit/year mismatch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldReport {
    pub code: String,
    pub name: String,
    pub kind: HoldKind,
    pub state: HoldState,
}

/// Personal information flagged in one unit's report before publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyFlags {
    pub code: String,
    pub name: String,
    pub flagged: usize,
    /// Dealt with by the office (a redacted public version asked for).
    pub cleared: usize,
}

/// One escalation step taken for a unit, as the audit trail has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationStep {
    pub code: String,
    pub name: String,
    pub step: Step,
    /// The day it was taken (Beijing).
    pub on: Option<NaiveDate>,
}

/// What the office did in the season (part five of the draft).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeWork {
    pub resubmitted: Vec<Named>,
    pub held: Vec<HeldReport>,
    pub privacy: Vec<PrivacyFlags>,
    pub escalations: Vec<EscalationStep>,
}

/// The district's season for the year: `fazhi_season::season_status` as
/// `fazhi season status` shows it, and the office's work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonFigures {
    pub status: SeasonStatus,
    #[serde(default)]
    pub office: OfficeWork,
}

impl SeasonFigures {
    /// The figure the draft names `season:<key>` (what the verifier checks).
    pub fn fact(&self, key: &str) -> Option<f64> {
        let n = |v: usize| Some(v as f64);
        let (s, o) = (&self.status, &self.office);
        match key {
            "expected" => n(s.expected),
            "actual" => n(s.actual),
            "on_time" => n(s.on_time),
            "late" => n(s.late),
            "exempt" => n(s.exempt),
            "published" => n(s.published),
            "published_on_time" => n(s.published_on_time),
            "published_late" => n(s.published_late_units.len()),
            "missing" => n(s.missing_units.len()),
            "unpublished" => n(s.unpublished_units.len()),
            "reporting_rate" => s.reporting_rate.percent,
            "reporting_rate_on_time" => s.reporting_rate_on_time.percent,
            "publication_rate" => s.publication_rate.percent,
            "publication_rate_on_time" => s.publication_rate_on_time.percent,
            "resubmitted" => n(o.resubmitted.len()),
            "held" => n(o.held.len()),
            "held_open" => n(o.held.iter().filter(|h| h.state == HoldState::Open).count()),
            "privacy_units" => n(o.privacy.len()),
            "privacy_flagged" => n(o.privacy.iter().map(|p| p.flagged).sum()),
            "privacy_cleared" => n(o.privacy.iter().map(|p| p.cleared).sum()),
            k => {
                let step = Step::parse(k.strip_prefix("escalated:")?)?;
                n(o.escalations.iter().filter(|e| e.step == step).count())
            }
        }
    }
}
