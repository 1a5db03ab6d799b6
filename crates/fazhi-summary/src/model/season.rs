//! The season's figures as the draft is given them: computed by the store
//! with `fazhi-season` (the same code as `fazhi season status`), handed to
//! the pure renderer, kept in the summary so the verifier can check every
//! figure the draft prints against them.

use super::*;

/// A calendar date (Beijing), written by the draft in Chinese numerals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A unit named in one of the season's lists, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeasonUnit {
    pub code: String,
    pub name: String,
    /// Why it is listed (`未报送`, `已退回，未重新报送`, the exemption's reason).
    pub note: String,
    /// The date the note speaks of (arrived late on, published late on).
    #[serde(default)]
    pub on: Option<Day>,
}

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

/// The rungs of the escalation ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rung {
    Remind,
    Urge,
    Supervise,
    Notify,
}

impl Rung {
    pub const ALL: [Rung; 4] = [Rung::Remind, Rung::Urge, Rung::Supervise, Rung::Notify];

    pub fn as_str(self) -> &'static str {
        match self {
            Rung::Remind => "remind",
            Rung::Urge => "urge",
            Rung::Supervise => "supervise",
            Rung::Notify => "notify",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rung::Remind => "提醒",
            Rung::Urge => "催报",
            Rung::Supervise => "督办",
            Rung::Notify => "通报",
        }
    }
}

/// One escalation step taken for a unit, as the audit trail has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationStep {
    pub code: String,
    pub name: String,
    pub rung: Rung,
    pub on: Option<Day>,
}

/// What the office did in the season (part five of the draft).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeWork {
    pub resubmitted: Vec<SeasonUnit>,
    pub held: Vec<HeldReport>,
    pub privacy: Vec<PrivacyFlags>,
    pub escalations: Vec<EscalationStep>,
}

/// A rate with the counts it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SeasonRate {
    pub numerator: usize,
    pub denominator: usize,
    pub percent: Option<f64>,
}

/// The district's season for the year, in DHIS2's names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonFigures {
    pub submit_by: Day,
    pub publish_by: Day,
    pub expected: usize,
    pub actual: usize,
    pub on_time: usize,
    pub late: usize,
    pub exempt: usize,
    pub published: usize,
    pub published_on_time: usize,
    pub reporting_rate: SeasonRate,
    pub reporting_rate_on_time: SeasonRate,
    pub publication_rate: SeasonRate,
    pub publication_rate_on_time: SeasonRate,
    pub missing_units: Vec<SeasonUnit>,
    pub late_units: Vec<SeasonUnit>,
    pub exempt_units: Vec<SeasonUnit>,
    pub unpublished_units: Vec<SeasonUnit>,
    pub published_late_units: Vec<SeasonUnit>,
    #[serde(default)]
    pub office: OfficeWork,
}

impl SeasonFigures {
    /// The figure the draft names `season:<key>` (what the verifier checks).
    pub fn fact(&self, key: &str) -> Option<f64> {
        let n = |v: usize| Some(v as f64);
        let o = &self.office;
        match key {
            "expected" => n(self.expected),
            "actual" => n(self.actual),
            "on_time" => n(self.on_time),
            "late" => n(self.late),
            "exempt" => n(self.exempt),
            "published" => n(self.published),
            "published_on_time" => n(self.published_on_time),
            "published_late" => n(self.published_late_units.len()),
            "missing" => n(self.missing_units.len()),
            "unpublished" => n(self.unpublished_units.len()),
            "reporting_rate" => self.reporting_rate.percent,
            "reporting_rate_on_time" => self.reporting_rate_on_time.percent,
            "publication_rate" => self.publication_rate.percent,
            "publication_rate_on_time" => self.publication_rate_on_time.percent,
            "resubmitted" => n(o.resubmitted.len()),
            "held" => n(o.held.len()),
            "held_open" => n(o.held.iter().filter(|h| h.state == HoldState::Open).count()),
            "privacy_units" => n(o.privacy.len()),
            "privacy_flagged" => n(o.privacy.iter().map(|p| p.flagged).sum()),
            "privacy_cleared" => n(o.privacy.iter().map(|p| p.cleared).sum()),
            k => {
                let rung = Rung::ALL
                    .into_iter()
                    .find(|r| k.strip_prefix("escalated:") == Some(r.as_str()))?;
                n(o.escalations.iter().filter(|e| e.rung == rung).count())
            }
        }
    }
}
