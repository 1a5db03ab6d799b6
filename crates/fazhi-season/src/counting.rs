//! Which of an agency's versions for a year counts: the latest accepted one;
//! meanwhile (setting `season.count_unreviewed`) also a processed one not yet
//! reviewed; a version the office made current wins until a newer one
//! arrives. Returned, withdrawn, rejected and queued versions never count.

use serde::{Deserialize, Serialize};

use crate::review::VersionState;

/// One submitted version of an agency's report on a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub id: String,
    pub state: VersionState,
    /// When the service took it (Unix ms): orders the versions.
    pub submitted_at: i64,
    /// When it reached the office (Unix ms): decides timeliness.
    pub received_at: i64,
}

/// The office's choice of a version (`make-current`), and when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    pub submission_id: String,
    pub pinned_at: i64,
}

fn may_count(state: VersionState, count_unreviewed: bool) -> bool {
    match state {
        VersionState::Accepted => true,
        VersionState::Pending => count_unreviewed,
        _ => false,
    }
}

/// The version that counts, if any.
pub fn counting_version<'a>(
    versions: &'a [Version],
    pin: Option<&Pin>,
    count_unreviewed: bool,
) -> Option<&'a Version> {
    let newest_submitted = versions.iter().map(|v| v.submitted_at).max();
    if let Some(pin) = pin {
        // A pin holds until a version arrives after it was set.
        let still_holds = newest_submitted.is_none_or(|t| t <= pin.pinned_at);
        if still_holds
            && let Some(v) = versions.iter().find(|v| v.id == pin.submission_id)
            && may_count(v.state, count_unreviewed)
        {
            return Some(v);
        }
    }
    versions
        .iter()
        .filter(|v| may_count(v.state, count_unreviewed))
        .max_by(|a, b| (a.submitted_at, &a.id).cmp(&(b.submitted_at, &b.id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use VersionState as S;

    fn v(id: &str, state: S, at: i64) -> Version {
        Version {
            id: id.into(),
            state,
            submitted_at: at,
            received_at: at,
        }
    }

    #[test]
    fn the_latest_accepted_counts_and_unreviewed_ones_only_when_configured() {
        let versions = [v("a", S::Accepted, 1), v("b", S::Pending, 2)];
        assert_eq!(counting_version(&versions, None, true).unwrap().id, "b");
        assert_eq!(counting_version(&versions, None, false).unwrap().id, "a");
    }

    #[test]
    fn returned_and_withdrawn_versions_never_count() {
        let versions = [
            v("a", S::Returned, 1),
            v("b", S::Withdrawn, 2),
            v("c", S::Queued, 3),
        ];
        assert_eq!(counting_version(&versions, None, true), None);
    }

    #[test]
    fn a_pinned_version_counts_until_a_newer_one_arrives() {
        let versions = [v("a", S::Accepted, 1), v("b", S::Accepted, 2)];
        let pin = Pin {
            submission_id: "a".into(),
            pinned_at: 5,
        };
        assert_eq!(
            counting_version(&versions, Some(&pin), true).unwrap().id,
            "a"
        );
        let later = [
            v("a", S::Accepted, 1),
            v("b", S::Accepted, 2),
            v("c", S::Pending, 9),
        ];
        assert_eq!(counting_version(&later, Some(&pin), true).unwrap().id, "c");
        assert_eq!(counting_version(&later, Some(&pin), false).unwrap().id, "b");
    }
}
