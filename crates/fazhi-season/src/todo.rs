//! What needs the district office's attention today: units missing near the
//! deadline, reports waiting for review, returned reports not resubmitted,
//! reports not published near or after the publication deadline. (The
//! escalation ladder 提醒→催报→督办→通报 is kept elsewhere.)

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadline::{Deadlines, beijing_date};
use crate::rates::UnitFacts;
use crate::review::VersionState;

/// How many days before a deadline a unit still missing is listed.
pub const REMIND_DAYS_BEFORE: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TodoKind {
    /// No report yet, the submission deadline is near or past.
    Missing,
    /// A processed version the office has not reviewed.
    AwaitingReview,
    /// Returned to the unit and not resubmitted since.
    ReturnedNotResubmitted,
    /// Not published, the publication deadline is near or past.
    NotPublished,
}

impl TodoKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TodoKind::Missing => "missing",
            TodoKind::AwaitingReview => "awaiting_review",
            TodoKind::ReturnedNotResubmitted => "returned_not_resubmitted",
            TodoKind::NotPublished => "not_published",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TodoKind::Missing => "未报送",
            TodoKind::AwaitingReview => "待审核",
            TodoKind::ReturnedNotResubmitted => "退回未重报",
            TodoKind::NotPublished => "未公开",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoItem {
    pub kind: TodoKind,
    pub year: i32,
    pub agency_code: String,
    pub agency_name: String,
    /// The version concerned, for review items.
    pub submission_id: Option<String>,
    /// For a clerk: 距截止还有3天 / 已逾期5天 / 2026-02-27 送达.
    pub detail: String,
}

fn days_note(today: NaiveDate, deadline: NaiveDate) -> String {
    let days = (deadline - today).num_days();
    if days > 0 {
        format!("距截止（{deadline}）还有{days}天")
    } else {
        format!("已逾期{}天（截止 {deadline}）", -days)
    }
}

/// The to-do list for one district and year, in a stable order (kind, unit).
pub fn todo(
    year: i32,
    today: NaiveDate,
    deadlines: Deadlines,
    units: &[UnitFacts],
) -> Vec<TodoItem> {
    let mut out = Vec::new();
    let near = |deadline: NaiveDate| (deadline - today).num_days() <= REMIND_DAYS_BEFORE;
    for u in units {
        let item = |kind, submission_id: Option<String>, detail: String| TodoItem {
            kind,
            year,
            agency_code: u.code.clone(),
            agency_name: u.name.clone(),
            submission_id,
            detail,
        };
        for v in u
            .versions
            .iter()
            .filter(|v| v.state == VersionState::Pending)
        {
            let on = beijing_date(v.received_at)
                .map(|d| format!("{d} 送达"))
                .unwrap_or_default();
            out.push(item(TodoKind::AwaitingReview, Some(v.id.clone()), on));
        }
        let latest = u
            .versions
            .iter()
            .filter(|v| v.state != VersionState::Withdrawn)
            .max_by(|a, b| (a.submitted_at, &a.id).cmp(&(b.submitted_at, &b.id)));
        if let Some(v) = latest.filter(|v| v.state == VersionState::Returned) {
            out.push(item(
                TodoKind::ReturnedNotResubmitted,
                Some(v.id.clone()),
                days_note(today, deadlines.submit_by),
            ));
        }
        if u.exempt_reason.is_some() {
            continue;
        }
        let arrived = u.versions.iter().any(|v| {
            !matches!(
                v.state,
                VersionState::Withdrawn | VersionState::Rejected | VersionState::Failed
            )
        });
        if !arrived && near(deadlines.submit_by) {
            out.push(item(
                TodoKind::Missing,
                None,
                days_note(today, deadlines.submit_by),
            ));
        }
        if u.publication.is_none() && near(deadlines.publish_by) {
            out.push(item(
                TodoKind::NotPublished,
                None,
                days_note(today, deadlines.publish_by),
            ));
        }
    }
    out.sort_by(|a, b| (a.kind, &a.agency_code).cmp(&(b.kind, &b.agency_code)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counting::Version;
    use crate::deadline::beijing_midnight_ms;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn unit(code: &str, states: &[VersionState]) -> UnitFacts {
        UnitFacts {
            code: code.into(),
            name: format!("{code}单位"),
            exempt_reason: None,
            versions: states
                .iter()
                .enumerate()
                .map(|(i, &state)| Version {
                    id: format!("{code}{i}"),
                    state,
                    submitted_at: beijing_midnight_ms(d(2026, 2, 1)) + i as i64,
                    received_at: beijing_midnight_ms(d(2026, 2, 1)) + i as i64,
                })
                .collect(),
            pin: None,
            publication: None,
        }
    }

    #[test]
    fn far_from_the_deadline_only_reviews_are_listed() {
        use VersionState::*;
        let dl = Deadlines::default_for(2025).unwrap();
        let units = [
            unit("a", &[]),
            unit("b", &[Pending]),
            unit("c", &[Returned]),
        ];
        let items = todo(2025, d(2026, 1, 5), dl, &units);
        let kinds: Vec<_> = items
            .iter()
            .map(|i| (i.kind, i.agency_code.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (TodoKind::AwaitingReview, "b"),
                (TodoKind::ReturnedNotResubmitted, "c")
            ]
        );
        assert_eq!(items[0].detail, "2026-02-01 送达");
    }

    #[test]
    fn near_and_after_the_deadlines_missing_and_unpublished_units_are_listed() {
        use VersionState::*;
        let dl = Deadlines::default_for(2025).unwrap();
        let mut exempt = unit("x", &[]);
        exempt.exempt_reason = Some("撤并".into());
        // A resubmission after a return clears the returned item.
        let units = [unit("a", &[]), unit("c", &[Returned, Pending]), exempt];
        let items = todo(2025, d(2026, 2, 25), dl, &units);
        let kinds: Vec<_> = items
            .iter()
            .map(|i| (i.kind, i.agency_code.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [(TodoKind::Missing, "a"), (TodoKind::AwaitingReview, "c"),]
        );
        assert_eq!(items[0].detail, "距截止（2026-03-01）还有4天");
        let later = todo(2026, d(2026, 4, 3), dl, &units);
        assert!(later.iter().any(|i| i.kind == TodoKind::Missing && i.detail == "已逾期33天（截止 2026-03-01）"));
        assert_eq!(
            later
                .iter()
                .filter(|i| i.kind == TodoKind::NotPublished)
                .count(),
            2
        );
    }
}
