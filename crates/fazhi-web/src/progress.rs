//! The season's progress, computed without I/O: one row per roster unit
//! with the state of its latest report, the DHIS2 rates, filters and sorting.

use fazhi_store::SubmissionStatus;
use fazhi_store::record::deadline_ms as deadline_ms_for;
use serde::Deserialize;

use crate::scope::SeasonQuery;

/// A unit's state for the season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum UnitState {
    Missing,
    Submitted,
    Processed,
    Rejected,
}

impl UnitState {
    pub fn code(self) -> &'static str {
        match self {
            UnitState::Missing => "missing",
            UnitState::Submitted => "submitted",
            UnitState::Processed => "processed",
            UnitState::Rejected => "rejected",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            UnitState::Missing => "未报送",
            UnitState::Submitted => "已报送，待处理",
            UnitState::Processed => "已处理",
            UnitState::Rejected => "无法读取，需重报",
        }
    }
}

/// What the dashboard needs of a roster entry.
#[derive(Debug, Clone)]
pub struct UnitIn {
    pub code: String,
    pub name: String,
    pub kind: String,
}

/// What the dashboard needs of a submission.
#[derive(Debug, Clone)]
pub struct SubmissionIn {
    pub id: String,
    pub agency_code: String,
    pub status: String,
    pub submitted_at: i64,
    pub reject_reason: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub state: UnitState,
    /// `None` while nothing was submitted.
    pub on_time: Option<bool>,
    pub submission_id: Option<String>,
    pub submitted_at: Option<i64>,
    pub reject_reason: Option<String>,
    /// Missing and the deadline has passed.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    pub expected: usize,
    /// Units with a readable report (submitted or processed).
    pub actual: usize,
    pub on_time: usize,
    pub processed: usize,
    pub rate: Option<f64>,
    pub rate_on_time: Option<f64>,
}

/// One row per roster unit: its latest submission that still counts
/// (withdrawn ones never do). Linear in roster + submissions.
pub fn rows(roster: &[UnitIn], submissions: &[SubmissionIn], year: i32, now_ms: i64) -> Vec<Row> {
    let deadline = deadline_ms_for(year);
    let mut latest: std::collections::HashMap<&str, &SubmissionIn> = Default::default();
    for s in submissions {
        if s.status == SubmissionStatus::Withdrawn.as_str() {
            continue;
        }
        let e = latest.entry(s.agency_code.as_str()).or_insert(s);
        if s.submitted_at > e.submitted_at {
            *e = s;
        }
    }
    roster
        .iter()
        .map(|u| {
            let s = latest.get(u.code.as_str());
            let state = match s.map(|s| s.status.as_str()) {
                None => UnitState::Missing,
                Some("processed") => UnitState::Processed,
                Some("rejected") => UnitState::Rejected,
                Some(_) => UnitState::Submitted,
            };
            Row {
                code: u.code.clone(),
                name: u.name.clone(),
                kind: u.kind.clone(),
                state,
                on_time: s.map(|s| s.submitted_at <= deadline),
                submission_id: s.map(|s| s.id.clone()),
                submitted_at: s.map(|s| s.submitted_at),
                reject_reason: s.and_then(|s| s.reject_reason.clone()),
                overdue: s.is_none() && now_ms > deadline,
            }
        })
        .collect()
}

fn ratio(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// A rejected (unreadable) file is not a report: it does not count as actual.
pub fn rates(rows: &[Row]) -> Rates {
    let counted = |r: &&Row| matches!(r.state, UnitState::Submitted | UnitState::Processed);
    let actual = rows.iter().filter(counted).count();
    let on_time = rows
        .iter()
        .filter(counted)
        .filter(|r| r.on_time == Some(true))
        .count();
    let processed = rows
        .iter()
        .filter(|r| r.state == UnitState::Processed)
        .count();
    Rates {
        expected: rows.len(),
        actual,
        on_time,
        processed,
        rate: ratio(actual, rows.len()),
        rate_on_time: ratio(on_time, rows.len()),
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

    fn unit(code: &str) -> UnitIn {
        UnitIn {
            code: code.into(),
            name: format!("{code}局"),
            kind: "department".into(),
        }
    }

    fn sub(id: &str, agency: &str, status: &str, at: i64) -> SubmissionIn {
        SubmissionIn {
            id: id.into(),
            agency_code: agency.into(),
            status: status.into(),
            submitted_at: at,
            reject_reason: None,
        }
    }

    #[test]
    fn the_latest_counting_submission_decides_and_withdrawn_ones_never_count() {
        let deadline = deadline_ms_for(2023);
        let roster = [unit("a"), unit("b"), unit("c"), unit("d")];
        let subs = [
            sub("1", "a", "rejected", deadline - 10),
            sub("2", "a", "processed", deadline - 5),
            sub("3", "b", "withdrawn", deadline - 5),
            sub("4", "c", "queued", deadline + 5),
            sub("5", "x", "processed", deadline), // not on the roster
        ];
        let rows = rows(&roster, &subs, 2023, deadline + 100);
        let states: Vec<_> = rows
            .iter()
            .map(|r| (r.code.as_str(), r.state, r.on_time))
            .collect();
        assert_eq!(
            states,
            [
                ("a", UnitState::Processed, Some(true)),
                ("b", UnitState::Missing, None),
                ("c", UnitState::Submitted, Some(false)),
                ("d", UnitState::Missing, None),
            ]
        );
        assert!(rows[1].overdue && rows[3].overdue);
        let r = rates(&rows);
        assert_eq!((r.expected, r.actual, r.on_time, r.processed), (4, 2, 1, 1));
        assert_eq!(percent(r.rate), "50.0%");
        assert_eq!(percent(r.rate_on_time), "25.0%");
    }

    #[test]
    fn a_rejected_file_is_not_a_report_and_nothing_is_overdue_before_the_deadline() {
        let deadline = deadline_ms_for(2023);
        let rows = rows(
            &[unit("a"), unit("b")],
            &[sub("1", "a", "rejected", deadline - 1)],
            2023,
            deadline - 1,
        );
        assert_eq!(rates(&rows).actual, 0);
        assert!(!rows[1].overdue);
        assert_eq!(percent(rates(&[]).rate), "—");
    }

    #[test]
    fn filters_keep_what_they_name_and_sorting_by_time_puts_the_missing_last() {
        let deadline = deadline_ms_for(2023);
        let roster = [unit("a"), unit("b"), unit("c")];
        let subs = [
            sub("1", "b", "processed", deadline + 9),
            sub("2", "c", "processed", deadline - 9),
        ];
        let all = rows(&roster, &subs, 2023, deadline + 10);
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
