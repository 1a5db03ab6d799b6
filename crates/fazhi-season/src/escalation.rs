//! The escalation ladder's rungs: 提醒 → 催报 → 督办 → 通报. Steps only go
//! forward (the store refuses a step not above the unit's current one).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 提醒: a friendly reminder.
    Remind,
    /// 催报: the report is demanded.
    Urge,
    /// 督办: a formal supervision notice.
    Supervise,
    /// 通报: named in a circular.
    Notify,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Remind, Step::Urge, Step::Supervise, Step::Notify];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Remind => "remind",
            Step::Urge => "urge",
            Step::Supervise => "supervise",
            Step::Notify => "notify",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::Remind => "提醒",
            Step::Urge => "催报",
            Step::Supervise => "督办",
            Step::Notify => "通报",
        }
    }

    /// From the code or the Chinese word.
    pub fn parse(s: &str) -> Option<Step> {
        Step::ALL
            .into_iter()
            .find(|k| k.as_str() == s || k.label() == s)
    }
}
