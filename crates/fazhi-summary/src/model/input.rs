//! What the consolidation is given: the roster's agencies and each report.

use super::*;
use fazhi_core::AgencyKind;

/// An agency on the district roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub code: String,
    pub name: String,
    /// `None` for a unit not on record; stored as its code, `""` for none
    /// (the JSON every stored contribution holds).
    #[serde(with = "kind_code")]
    pub kind: Option<AgencyKind>,
}

/// An agency kind as its code in JSON, `""` for none.
mod kind_code {
    use fazhi_core::AgencyKind;
    use serde::de::IntoDeserializer;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(kind: &Option<AgencyKind>, s: S) -> Result<S::Ok, S::Error> {
        match kind {
            Some(k) => k.serialize(s),
            None => s.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<AgencyKind>, D::Error> {
        let code = String::deserialize(d)?;
        if code.is_empty() {
            return Ok(None);
        }
        let code: serde::de::value::StringDeserializer<D::Error> = code.into_deserializer();
        AgencyKind::deserialize(code).map(Some)
    }
}

/// One agency's latest processed report.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    pub agency: Agency,
    pub submission_id: String,
    /// RFC 3339 time the submission was accepted.
    pub submitted_at: String,
    /// Whether it arrived before the statutory deadline (1 March of year + 1).
    pub on_time: bool,
    /// The decoded text the parse offsets refer to.
    pub text: &'a str,
    pub parsed: &'a ParsedReport,
}

/// An agency as cited: code and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AgencyRef {
    pub code: String,
    pub name: String,
}

impl From<&Agency> for AgencyRef {
    fn from(a: &Agency) -> Self {
        AgencyRef {
            code: a.code.clone(),
            name: a.name.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_kind_is_stored_as_its_code_and_none_as_empty() {
        let json = r#"{"code":"a","name":"甲局","kind":"district_government"}"#;
        let a: Agency = serde_json::from_str(json).unwrap();
        assert_eq!(a.kind, Some(AgencyKind::DistrictGovernment));
        assert_eq!(serde_json::to_string(&a).unwrap(), json);
        // A unit not on record: the JSON every stored contribution holds.
        let none = r#"{"code":"b","name":"b","kind":""}"#;
        let b: Agency = serde_json::from_str(none).unwrap();
        assert_eq!(b.kind, None);
        assert_eq!(serde_json::to_string(&b).unwrap(), none);
        assert!(
            serde_json::from_str::<Agency>(r#"{"code":"c","name":"c","kind":"bureau"}"#).is_err()
        );
    }
}
