//! The season's progress, computed without I/O from the season's own facts
//! (`fazhi_season::UnitFacts`, what GetSeasonStatus and the draft read): one
//! row per unit on the year's roster with the state of its latest version,
//! timeliness by the district's deadline and the date the report reached
//! the office, the rates as `fazhi_season::season_status` counts them,
//! filters and sorting.

use std::collections::HashMap;

use fazhi_season::{Deadlines, SeasonStatus, Timeliness, UnitFacts, VersionState};
use serde::Deserialize;

use crate::scope::SeasonQuery;

/// A unit's state for the season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum UnitState {
    Missing,
    Submitted,
    Processed,
    Rejected,
    /// On the roster, not expected to report this year.
    Exempt,
}

impl UnitState {
    pub fn code(self) -> &'static str {
        match self {
            UnitState::Missing => "missing",
            UnitState::Submitted => "submitted",
            UnitState::Processed => "processed",
            UnitState::Rejected => "rejected",
            UnitState::Exempt => "exempt",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            UnitState::Missing => "未报送",
            UnitState::Submitted => "已报送，待处理",
            UnitState::Processed => "已处理",
            UnitState::Rejected => "无法读取，需重报",
            UnitState::Exempt => "免报",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub code: String,
    pub name: String,
    /// `None`: not on the district's current roster.
    pub kind: Option<fazhi_store::AgencyKind>,
    pub state: UnitState,
    /// `None` while nothing reached the office.
    pub on_time: Option<bool>,
    pub submission_id: Option<String>,
    /// When the latest version reached the office.
    pub submitted_at: Option<i64>,
    pub reject_reason: Option<String>,
    /// Missing and the deadline has passed.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    /// On the roster and not exempt.
    pub expected: usize,
    /// Expected units whose report counts.
    pub actual: usize,
    pub on_time: usize,
    pub processed: usize,
    pub rate: Option<f64>,
    pub rate_on_time: Option<f64>,
}

/// One row per unit of the year's roster: its latest version that was not
/// withdrawn. `kinds` and `reasons` add what the season's facts do not
/// carry (the unit's kind, an unreadable file's reason). Linear.
pub fn rows(
    units: &[UnitFacts],
    kinds: &HashMap<String, fazhi_store::AgencyKind>,
    reasons: &HashMap<String, String>,
    deadlines: &Deadlines,
    now_ms: i64,
) -> Vec<Row> {
    let past_deadline = deadlines.submission_timeliness(now_ms) == Timeliness::Late;
    units
        .iter()
        .map(|u| {
            let latest = u
                .versions
                .iter()
                .filter(|v| v.state != VersionState::Withdrawn)
                .max_by_key(|v| (v.submitted_at, &v.id));
            let state = match (u.exempt_reason.is_some(), latest.map(|v| v.state)) {
                (true, _) => UnitState::Exempt,
                (false, None) => UnitState::Missing,
                (false, Some(VersionState::Queued)) => UnitState::Submitted,
                (false, Some(VersionState::Rejected | VersionState::Failed)) => UnitState::Rejected,
                (false, Some(_)) => UnitState::Processed,
            };
            Row {
                code: u.code.clone(),
                name: u.name.clone(),
                kind: kinds.get(&u.code).copied(),
                state,
                on_time: u
                    .first_received()
                    .map(|t| deadlines.submission_timeliness(t) == Timeliness::OnTime),
                submission_id: latest.map(|v| v.id.clone()),
                submitted_at: latest.map(|v| v.received_at),
                reject_reason: latest.and_then(|v| reasons.get(&v.id).cloned()),
                overdue: state == UnitState::Missing && past_deadline,
            }
        })
        .collect()
}

/// The rates as the season's rules count them (`status`), with how many
/// units have a processed report.
pub fn rates(status: &SeasonStatus, rows: &[Row]) -> Rates {
    Rates {
        expected: status.expected,
        actual: status.actual,
        on_time: status.on_time,
        processed: rows
            .iter()
            .filter(|r| r.state == UnitState::Processed)
            .count(),
        rate: status.reporting_rate.percent.map(|p| p / 100.0),
        rate_on_time: status.reporting_rate_on_time.percent.map(|p| p / 100.0),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    // Not `#[serde(flatten)]`: flattened query fields lose their types.
    pub district: Option<String>,
    pub year: Option<i32>,
    /// A state code, or `late` (late or overdue).
    pub state: Option<String>,
    /// Part of a unit's name or code.
    pub q: Option<String>,
    /// `name` (default), `state`, `time`.
    pub sort: Option<String>,
}

impl Filter {
    pub fn season(&self) -> SeasonQuery {
        SeasonQuery {
            district: self.district.clone(),
            year: self.year,
        }
    }
}

/// The rows the filter keeps, sorted as asked.
pub fn select(mut rows: Vec<Row>, f: &Filter) -> Vec<Row> {
    let q = f.q.as_deref().map(str::trim).unwrap_or_default();
    let state = f.state.as_deref().unwrap_or_default();
    rows.retain(|r| {
        (q.is_empty() || r.name.contains(q) || r.code.contains(q))
            && match state {
                "" => true,
                "late" => r.overdue || r.on_time == Some(false),
                s => r.state.code() == s,
            }
    });
    match f.sort.as_deref() {
        Some("state") => rows.sort_by(|a, b| a.state.cmp(&b.state).then(a.code.cmp(&b.code))),
        Some("time") => rows.sort_by(|a, b| {
            // Never-submitted last; then earliest first.
            (a.submitted_at.is_none(), a.submitted_at, &a.code).cmp(&(
                b.submitted_at.is_none(),
                b.submitted_at,
                &b.code,
            ))
        }),
        _ => rows.sort_by(|a, b| a.code.cmp(&b.code)),
    }
    rows
}

pub fn percent(r: Option<f64>) -> String {
    r.map(|r| format!("{:.1}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_season::Version;

    fn unit(code: &str, versions: &[(&str, VersionState, i64)]) -> UnitFacts {
        UnitFacts {
            code: code.into(),
            name: format!("{code}局"),
            exempt_reason: None,
            versions: versions
                .iter()
                .map(|(id, state, at)| Version {
                    id: (*id).into(),
                    state: *state,
                    submitted_at: *at,
                    received_at: *at,
                })
                .collect(),
            pin: None,
            publication: None,
        }
    }

    fn deadlines() -> Deadlines {
        Deadlines::default_for(2023).unwrap()
    }

    /// 2024-03-01 00:00 Beijing time: the 2023 reports' deadline.
    fn mar1() -> i64 {
        fazhi_season::beijing_midnight_ms(deadlines().submit_by)
    }

    fn all(units: &[UnitFacts], now: i64) -> Vec<Row> {
        rows(units, &HashMap::new(), &HashMap::new(), &deadlines(), now)
    }

    #[test]
    fn the_latest_version_decides_and_withdrawn_ones_never_count() {
        use VersionState::*;
        let before = mar1() - 10;
        let mut exempt = unit("e", &[]);
        exempt.exempt_reason = Some("撤并".into());
        let units = [
            unit("a", &[("1", Rejected, before), ("2", Pending, before + 5)]),
            unit("b", &[("3", Withdrawn, before)]),
            unit("c", &[("4", Queued, mar1() + 5)]),
            unit("d", &[]),
            exempt,
        ];
        let rows = all(&units, mar1() + 100);
        let states: Vec<_> = rows
            .iter()
            .map(|r| (r.code.as_str(), r.state, r.on_time))
            .collect();
        assert_eq!(
            states,
            [
                ("a", UnitState::Processed, Some(true)),
                ("b", UnitState::Missing, None),
                // Not read yet: it has not reached the office as a report.
                ("c", UnitState::Submitted, None),
                ("d", UnitState::Missing, None),
                ("e", UnitState::Exempt, None),
            ]
        );
        assert!(rows[1].overdue && rows[3].overdue && !rows[4].overdue);
        // The tiles are the season's own figures.
        let status = fazhi_season::season_status("示例区", 2023, deadlines(), &units, true);
        let r = rates(&status, &rows);
        assert_eq!((r.expected, r.actual, r.on_time, r.processed), (4, 1, 1, 1));
        assert_eq!(percent(r.rate), "25.0%");
        assert_eq!(percent(r.rate_on_time), "25.0%");
    }

    #[test]
    fn nothing_is_overdue_before_the_deadline() {
        let rows = all(&[unit("a", &[]), unit("b", &[])], mar1() - 1);
        assert!(rows.iter().all(|r| !r.overdue));
        assert_eq!(percent(None), "—");
    }

    #[test]
    fn filters_keep_what_they_name_and_sorting_by_time_puts_the_missing_last() {
        use VersionState::Pending;
        let units = [
            unit("a", &[]),
            unit("b", &[("1", Pending, mar1() + 9)]),
            unit("c", &[("2", Pending, mar1() - 9)]),
        ];
        let all = all(&units, mar1() + 10);
        let f = |state: &str, q: &str, sort: &str| Filter {
            district: None,
            year: None,
            state: Some(state.into()),
            q: Some(q.into()),
            sort: Some(sort.into()),
        };
        let codes = |rows: Vec<Row>| rows.into_iter().map(|r| r.code).collect::<Vec<_>>();
        assert_eq!(codes(select(all.clone(), &f("missing", "", ""))), ["a"]);
        assert_eq!(codes(select(all.clone(), &f("late", "", ""))), ["a", "b"]);
        assert_eq!(codes(select(all.clone(), &f("", "c局", ""))), ["c"]);
        assert_eq!(codes(select(all, &f("", "", "time"))), ["c", "b", "a"]);
    }
}
