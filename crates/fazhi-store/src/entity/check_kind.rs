//! What a check is about and where it stands, stored as the strings every
//! existing database holds (`finding`, …; `open`, …), so no migration is
//! needed.

use sea_orm::entity::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CheckKind {
    /// A parser finding a reviewer acts on (missing part, order, no numbers).
    #[sea_orm(string_value = "finding")]
    Finding,
    #[sea_orm(string_value = "agency_mismatch")]
    AgencyMismatch,
    #[sea_orm(string_value = "year_mismatch")]
    YearMismatch,
    #[sea_orm(string_value = "near_copy")]
    NearCopy,
    #[sea_orm(string_value = "privacy")]
    Privacy,
}

impl CheckKind {
    /// A check of this kind keeps the report out of the totals while open.
    pub fn holds(self) -> bool {
        matches!(self, CheckKind::AgencyMismatch | CheckKind::YearMismatch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CheckState {
    #[sea_orm(string_value = "open")]
    Open,
    /// Looked at and dealt with (e.g. a redacted public version asked for).
    #[sea_orm(string_value = "cleared")]
    Cleared,
    /// A held filing confirmed as filed.
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    /// A held filing moved to the right unit or year.
    #[sea_orm(string_value = "corrected")]
    Corrected,
}

impl CheckState {
    pub fn label(self) -> &'static str {
        match self {
            CheckState::Open => "待处理",
            CheckState::Cleared => "已处理",
            CheckState::Confirmed => "已确认",
            CheckState::Corrected => "已更正",
        }
    }
}

impl std::fmt::Display for CheckKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_value())
    }
}

impl std::fmt::Display for CheckState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn kinds_and_states_are_stored_as_the_existing_strings() {
        let kinds: Vec<String> = CheckKind::iter().map(|k| k.to_value()).collect();
        assert_eq!(
            kinds,
            [
                "finding",
                "agency_mismatch",
                "year_mismatch",
                "near_copy",
                "privacy"
            ]
        );
        let states: Vec<String> = CheckState::iter().map(|s| s.to_value()).collect();
        assert_eq!(states, ["open", "cleared", "confirmed", "corrected"]);
        for k in CheckKind::iter() {
            assert_eq!(CheckKind::try_from_value(&k.to_value()).ok(), Some(k));
        }
    }
}
