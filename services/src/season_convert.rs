//! Season domain types ↔ `fazhi.v1` season messages (exhaustive: a new
//! state fails to compile until it is mapped).

use fazhi_proto::v1 as pb;
use fazhi_season::{Named, Rate, SeasonStatus, TodoItem, VersionState};
use fazhi_store::review::VersionView;
use fazhi_store::roster::RosterUnit;
use fazhi_store::season::SeasonSettings;

pub(crate) fn unit(u: &RosterUnit) -> pb::RosterUnit {
    pb::RosterUnit {
        code: u.code.clone(),
        name: u.name.clone(),
        short_name: u.short_name.clone(),
        kind: crate::convert::agency_kind(Some(u.kind.into())) as i32,
        parent: u.parent.clone().unwrap_or_default(),
        district: u.district.clone(),
        year_from: u.year_from,
        exempt: u.exempt_reason.is_some(),
        exempt_reason: u.exempt_reason.clone().unwrap_or_default(),
    }
}

pub(crate) fn settings(district: &str, year: i32, s: &SeasonSettings) -> pb::SeasonSettings {
    pb::SeasonSettings {
        district: district.to_owned(),
        year,
        submit_by: s.deadlines.submit_by.to_string(),
        publish_by: s.deadlines.publish_by.to_string(),
        count_unreviewed: s.count_unreviewed,
        configured: s.configured,
    }
}

pub(crate) fn state(s: VersionState) -> pb::ReviewState {
    match s {
        VersionState::Queued => pb::ReviewState::Queued,
        VersionState::Rejected => pb::ReviewState::Rejected,
        VersionState::Failed => pb::ReviewState::Failed,
        VersionState::Withdrawn => pb::ReviewState::Withdrawn,
        VersionState::Pending => pb::ReviewState::Pending,
        VersionState::Accepted => pb::ReviewState::Accepted,
        VersionState::Returned => pb::ReviewState::Returned,
    }
}

pub(crate) fn version(v: &VersionView) -> pb::Version {
    pb::Version {
        submission_id: v.submission_id.clone(),
        agency_code: v.agency_code.clone(),
        district: v.district.clone(),
        year: v.year,
        state: state(v.state) as i32,
        reason: v.reason.clone().unwrap_or_default(),
        file_name: v.file_name.clone(),
        submitted_at: v.submitted_at / 1000,
        received_on: fazhi_season::beijing_date(v.received_at)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        received_set_by: v.received_set_by.clone().unwrap_or_default(),
        current: v.current,
    }
}

fn rate(r: &Rate) -> pb::Rate {
    pb::Rate {
        numerator: r.numerator as u32,
        denominator: r.denominator as u32,
        percent: r.percent.unwrap_or_default(),
        has_percent: r.percent.is_some(),
    }
}

fn named(list: &[Named]) -> Vec<pb::NamedUnit> {
    list.iter()
        .map(|n| pb::NamedUnit {
            code: n.code.clone(),
            name: n.name.clone(),
            note: n.note.clone(),
        })
        .collect()
}

pub(crate) fn status(s: &SeasonStatus) -> pb::GetSeasonStatusResponse {
    pb::GetSeasonStatusResponse {
        district: s.district.clone(),
        year: s.year,
        submit_by: s.deadlines.submit_by.to_string(),
        publish_by: s.deadlines.publish_by.to_string(),
        expected: s.expected as u32,
        actual: s.actual as u32,
        on_time: s.on_time as u32,
        late: s.late as u32,
        exempt: s.exempt as u32,
        published: s.published as u32,
        published_on_time: s.published_on_time as u32,
        reporting_rate: Some(rate(&s.reporting_rate)),
        reporting_rate_on_time: Some(rate(&s.reporting_rate_on_time)),
        publication_rate: Some(rate(&s.publication_rate)),
        publication_rate_on_time: Some(rate(&s.publication_rate_on_time)),
        missing_units: named(&s.missing_units),
        late_units: named(&s.late_units),
        exempt_units: named(&s.exempt_units),
        unpublished_units: named(&s.unpublished_units),
        published_late_units: named(&s.published_late_units),
    }
}

pub(crate) fn todo_item(district: &str, t: &TodoItem) -> pb::TodoItem {
    pb::TodoItem {
        kind: t.kind.as_str().to_owned(),
        district: district.to_owned(),
        year: t.year,
        agency_code: t.agency_code.clone(),
        agency_name: t.agency_name.clone(),
        submission_id: t.submission_id.clone().unwrap_or_default(),
        detail: t.detail.clone(),
    }
}
