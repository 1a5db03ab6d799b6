//! A district's season in DHIS2's reporting-rate vocabulary: expected,
//! actual, on time, late, missing (named), exempt, published, published on
//! time, and each rate with its numerator and denominator, so every figure
//! shown to a person can be traced to the units behind it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::counting::{Pin, Version, counting_version};
use crate::deadline::{Deadlines, Timeliness};
use crate::review::VersionState;

/// A unit's public copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub url: String,
    pub published_on: NaiveDate,
}

/// Everything the rules need to know about one unit on the year's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitFacts {
    pub code: String,
    pub name: String,
    /// `Some(reason)`: on the roster but not expected to report this year.
    pub exempt_reason: Option<String>,
    pub versions: Vec<Version>,
    pub pin: Option<Pin>,
    pub publication: Option<Publication>,
}

impl UnitFacts {
    pub fn counting(&self, count_unreviewed: bool) -> Option<&Version> {
        counting_version(&self.versions, self.pin.as_ref(), count_unreviewed)
    }

    /// When the unit's report first reached the office: the earliest version
    /// that was read (a report returned for changes still arrived on time;
    /// one withdrawn or unreadable did not arrive at all).
    pub fn first_received(&self) -> Option<i64> {
        self.versions
            .iter()
            .filter(|v| {
                matches!(
                    v.state,
                    VersionState::Pending | VersionState::Accepted | VersionState::Returned
                )
            })
            .map(|v| v.received_at)
            .min()
    }
}

/// A unit named in a list, with why it is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub code: String,
    pub name: String,
    pub note: String,
    /// The date the note speaks of (arrived late on, published late on),
    /// typed, so a draft can write it its own way.
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

/// `numerator / denominator`; `percent` is `None` when nobody is expected.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub numerator: usize,
    pub denominator: usize,
    pub percent: Option<f64>,
}

impl Rate {
    pub fn new(numerator: usize, denominator: usize) -> Rate {
        Rate {
            numerator,
            denominator,
            percent: (denominator > 0)
                .then(|| (numerator as f64 * 1000.0 / denominator as f64).round() / 10.0),
        }
    }

    /// `95.0%（38/40）`: the rate with the counts it comes from.
    pub fn show(&self) -> String {
        match self.percent {
            Some(p) => format!("{p:.1}%（{}/{}）", self.numerator, self.denominator),
            None => format!("-（{}/{}）", self.numerator, self.denominator),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonStatus {
    pub district: String,
    pub year: i32,
    pub deadlines: Deadlines,
    /// On the roster and not exempt.
    pub expected: usize,
    /// Expected units whose report counts.
    pub actual: usize,
    pub on_time: usize,
    pub late: usize,
    pub exempt: usize,
    pub published: usize,
    pub published_on_time: usize,
    pub reporting_rate: Rate,
    pub reporting_rate_on_time: Rate,
    pub publication_rate: Rate,
    pub publication_rate_on_time: Rate,
    pub missing_units: Vec<Named>,
    pub late_units: Vec<Named>,
    pub exempt_units: Vec<Named>,
    pub unpublished_units: Vec<Named>,
    pub published_late_units: Vec<Named>,
}

fn named(u: &UnitFacts, note: impl Into<String>) -> Named {
    Named {
        code: u.code.clone(),
        name: u.name.clone(),
        note: note.into(),
        on: None,
    }
}

/// Why an expected unit's report does not count.
fn missing_note(u: &UnitFacts, count_unreviewed: bool) -> String {
    let latest = u
        .versions
        .iter()
        .filter(|v| v.state != VersionState::Withdrawn)
        .max_by(|a, b| (a.submitted_at, &a.id).cmp(&(b.submitted_at, &b.id)));
    match latest.map(|v| v.state) {
        None => "未报送".into(),
        Some(VersionState::Returned) => "已退回，未重新报送".into(),
        Some(VersionState::Pending) if !count_unreviewed => "已报送，待审核".into(),
        Some(VersionState::Queued) => "已报送，待处理".into(),
        Some(VersionState::Rejected | VersionState::Failed) => "报送的文件无法读取".into(),
        Some(s) => s.label_zh().into(),
    }
}

/// The season's figures for one district and year; `units` in roster order.
pub fn season_status(
    district: &str,
    year: i32,
    deadlines: Deadlines,
    units: &[UnitFacts],
    count_unreviewed: bool,
) -> SeasonStatus {
    let mut s = SeasonStatus {
        district: district.to_owned(),
        year,
        deadlines,
        expected: 0,
        actual: 0,
        on_time: 0,
        late: 0,
        exempt: 0,
        published: 0,
        published_on_time: 0,
        reporting_rate: Rate::new(0, 0),
        reporting_rate_on_time: Rate::new(0, 0),
        publication_rate: Rate::new(0, 0),
        publication_rate_on_time: Rate::new(0, 0),
        missing_units: Vec::new(),
        late_units: Vec::new(),
        exempt_units: Vec::new(),
        unpublished_units: Vec::new(),
        published_late_units: Vec::new(),
    };
    for u in units {
        if let Some(reason) = &u.exempt_reason {
            s.exempt += 1;
            s.exempt_units.push(named(u, reason.clone()));
            continue;
        }
        s.expected += 1;
        if u.counting(count_unreviewed).is_some() {
            s.actual += 1;
            let received = u.first_received().unwrap_or(i64::MAX);
            match deadlines.submission_timeliness(received) {
                Timeliness::OnTime => s.on_time += 1,
                Timeliness::Late => {
                    s.late += 1;
                    let on = crate::deadline::beijing_date(received);
                    let note = on.map(|d| format!("{d} 送达")).unwrap_or_default();
                    s.late_units.push(Named {
                        on,
                        ..named(u, note)
                    });
                }
            }
        } else {
            s.missing_units
                .push(named(u, missing_note(u, count_unreviewed)));
        }
        match &u.publication {
            Some(p) => {
                s.published += 1;
                match deadlines.publication_timeliness(p.published_on) {
                    Timeliness::OnTime => s.published_on_time += 1,
                    Timeliness::Late => s.published_late_units.push(Named {
                        on: Some(p.published_on),
                        ..named(u, format!("{} 公开", p.published_on))
                    }),
                }
            }
            None => s.unpublished_units.push(named(u, "未登记公开网址和日期")),
        }
    }
    s.reporting_rate = Rate::new(s.actual, s.expected);
    s.reporting_rate_on_time = Rate::new(s.on_time, s.expected);
    s.publication_rate = Rate::new(s.published, s.expected);
    s.publication_rate_on_time = Rate::new(s.published_on_time, s.expected);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::beijing_midnight_ms;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn unit(code: &str, versions: Vec<Version>) -> UnitFacts {
        UnitFacts {
            code: code.into(),
            name: format!("{code}单位"),
            exempt_reason: None,
            versions,
            pin: None,
            publication: None,
        }
    }

    fn version(id: &str, state: VersionState, received: NaiveDate) -> Version {
        let at = beijing_midnight_ms(received) + 3_600_000;
        Version {
            id: id.into(),
            state,
            submitted_at: at,
            received_at: at,
        }
    }

    #[test]
    fn rates_count_units_with_their_numerators_and_denominators() {
        use VersionState::*;
        let dl = Deadlines::default_for(2025).unwrap();
        let mut on_time = unit("a", vec![version("a1", Accepted, d(2026, 2, 10))]);
        on_time.publication = Some(Publication {
            url: "https://example.gov.cn/a".into(),
            published_on: d(2026, 3, 20),
        });
        let mut late = unit("b", vec![version("b1", Pending, d(2026, 3, 5))]);
        late.publication = Some(Publication {
            url: "https://example.gov.cn/b".into(),
            published_on: d(2026, 4, 3),
        });
        // Returned on time, resubmitted late: it first arrived on time.
        let resubmitted = unit(
            "c",
            vec![
                version("c1", Returned, d(2026, 2, 20)),
                version("c2", Accepted, d(2026, 3, 10)),
            ],
        );
        let returned = unit("d", vec![version("d1", Returned, d(2026, 2, 1))]);
        let missing = unit("e", vec![]);
        let mut exempt = unit("f", vec![]);
        exempt.exempt_reason = Some("2025年撤并".into());
        let units = [on_time, late, resubmitted, returned, missing, exempt];

        let s = season_status("示例区", 2025, dl, &units, true);
        assert_eq!((s.expected, s.actual, s.on_time, s.late), (5, 3, 2, 1));
        assert_eq!((s.exempt, s.published, s.published_on_time), (1, 2, 1));
        assert_eq!(s.reporting_rate, Rate::new(3, 5));
        assert_eq!(s.reporting_rate.percent, Some(60.0));
        assert_eq!(s.reporting_rate_on_time.show(), "40.0%（2/5）");
        assert_eq!(s.publication_rate_on_time.show(), "20.0%（1/5）");
        let codes = |l: &[Named]| l.iter().map(|n| n.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&s.missing_units), ["d", "e"]);
        assert_eq!(s.missing_units[0].note, "已退回，未重新报送");
        assert_eq!(s.missing_units[1].note, "未报送");
        assert_eq!(codes(&s.late_units), ["b"]);
        assert_eq!(s.late_units[0].note, "2026-03-05 送达");
        assert_eq!(codes(&s.exempt_units), ["f"]);
        assert_eq!(codes(&s.unpublished_units), ["c", "d", "e"]);
        assert_eq!(codes(&s.published_late_units), ["b"]);

        // Without counting unreviewed reports, b is missing (awaiting review).
        let strict = season_status("示例区", 2025, dl, &units, false);
        assert_eq!(strict.actual, 2);
        assert!(
            strict
                .missing_units
                .iter()
                .any(|n| n.code == "b" && n.note == "已报送，待审核")
        );
    }

    #[test]
    fn an_empty_roster_has_no_rate_rather_than_a_division_by_zero() {
        let s = season_status(
            "示例区",
            2025,
            Deadlines::default_for(2025).unwrap(),
            &[],
            true,
        );
        assert_eq!(s.reporting_rate.percent, None);
        assert_eq!(s.reporting_rate.show(), "-（0/0）");
    }
}
