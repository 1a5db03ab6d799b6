//! The kind of a unit on the roster, stored as the strings every existing
//! database holds (`department`, `street`, `town`, `district_government`),
//! so no migration is needed. The domain's own kind is
//! [`fazhi_core::AgencyKind`]; the two convert by exhaustive matches, so a
//! new kind fails to compile until both know it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    #[sea_orm(string_value = "department")]
    Department,
    #[sea_orm(string_value = "street")]
    Street,
    #[sea_orm(string_value = "town")]
    Town,
    #[sea_orm(string_value = "district_government")]
    DistrictGovernment,
}

impl AgencyKind {
    /// The stored code, as CSV files, JSON and the proto's string field write it.
    pub fn code(self) -> String {
        self.to_value()
    }

    /// A code as a clerk typed it; `Err` is the Chinese reason, naming the
    /// codes there are.
    pub fn from_code(code: &str) -> Result<Self, String> {
        use sea_orm::Iterable;
        Self::try_from_value(&code.to_owned()).map_err(|_| {
            let all: Vec<String> = Self::iter().map(Self::code).collect();
            format!("kind（类型）必须是 {} 之一，而不是“{code}”", all.join("/"))
        })
    }
}

impl std::fmt::Display for AgencyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

impl From<AgencyKind> for fazhi_core::AgencyKind {
    fn from(k: AgencyKind) -> Self {
        match k {
            AgencyKind::Department => fazhi_core::AgencyKind::Department,
            AgencyKind::Street => fazhi_core::AgencyKind::Street,
            AgencyKind::Town => fazhi_core::AgencyKind::Town,
            AgencyKind::DistrictGovernment => fazhi_core::AgencyKind::DistrictGovernment,
        }
    }
}

impl From<fazhi_core::AgencyKind> for AgencyKind {
    fn from(k: fazhi_core::AgencyKind) -> Self {
        match k {
            fazhi_core::AgencyKind::Department => AgencyKind::Department,
            fazhi_core::AgencyKind::Street => AgencyKind::Street,
            fazhi_core::AgencyKind::Town => AgencyKind::Town,
            fazhi_core::AgencyKind::DistrictGovernment => AgencyKind::DistrictGovernment,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn every_kind_is_stored_as_its_serde_name_and_read_back() {
        for k in AgencyKind::iter() {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.code()));
            assert_eq!(AgencyKind::from_code(&k.code()), Ok(k));
            assert_eq!(AgencyKind::from(fazhi_core::AgencyKind::from(k)), k);
        }
        let refused = AgencyKind::from_code("bureau").unwrap_err();
        assert!(
            refused.contains("department/street/town/district_government"),
            "{refused}"
        );
    }
}
