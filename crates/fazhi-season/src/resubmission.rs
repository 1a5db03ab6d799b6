//! Returned and resubmitted: the units whose report the office sent back
//! and that sent a new version afterwards (what part five of the district's
//! draft reports as the office's review work).

use crate::rates::{Named, UnitFacts};
use crate::review::VersionState;

/// Whether a version arrived after a returned one (the resubmission): any
/// version submitted later that was not withdrawn or returned itself.
fn resubmitted(u: &UnitFacts) -> bool {
    let Some(returned) = u
        .versions
        .iter()
        .filter(|v| v.state == VersionState::Returned)
        .map(|v| v.submitted_at)
        .min()
    else {
        return false;
    };
    u.versions.iter().any(|v| {
        v.submitted_at > returned
            && !matches!(v.state, VersionState::Withdrawn | VersionState::Returned)
    })
}

/// Expected units (not exempt) returned at least once and resubmitted, in
/// roster order.
pub fn returned_and_resubmitted(units: &[UnitFacts]) -> Vec<Named> {
    units
        .iter()
        .filter(|u| u.exempt_reason.is_none() && resubmitted(u))
        .map(|u| Named {
            code: u.code.clone(),
            name: u.name.clone(),
            note: "退回后已重新报送".into(),
            on: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counting::Version;

    fn unit(code: &str, states: &[VersionState]) -> UnitFacts {
        UnitFacts {
            code: code.into(),
            name: format!("{code}单位"),
            exempt_reason: None,
            versions: states
                .iter()
                .enumerate()
                .map(|(i, s)| Version {
                    id: format!("{code}{i}"),
                    state: *s,
                    submitted_at: i as i64 * 1000,
                    received_at: i as i64 * 1000,
                })
                .collect(),
            pin: None,
            publication: None,
        }
    }

    #[test]
    fn only_a_return_followed_by_a_live_version_is_a_resubmission() {
        use VersionState::*;
        let units = [
            unit("a", &[Returned, Accepted]),
            unit("b", &[Returned]),
            unit("c", &[Returned, Withdrawn]),
            unit("d", &[Accepted, Pending]),
            unit("e", &[Returned, Returned, Pending]),
        ];
        let codes: Vec<String> = returned_and_resubmitted(&units)
            .into_iter()
            .map(|n| n.code)
            .collect();
        assert_eq!(codes, ["a", "e"]);
    }
}
