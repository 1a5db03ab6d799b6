//! Domain → proto conversions. Exhaustive matches: a new variant fails to
//! compile until it is mapped here.

use fazhi_core as core;
use fazhi_proto::v1 as pb;
use fazhi_store::SubmissionStatus;
use fazhi_store::entity::submission;
use fazhi_summary as sm;

/// An agency's kind in the proto (`Unspecified`: not on record).
pub fn agency_kind(kind: Option<core::AgencyKind>) -> pb::AgencyKind {
    match kind {
        None => pb::AgencyKind::Unspecified,
        Some(core::AgencyKind::Department) => pb::AgencyKind::Department,
        Some(core::AgencyKind::Street) => pb::AgencyKind::Street,
        Some(core::AgencyKind::Town) => pb::AgencyKind::Town,
        Some(core::AgencyKind::DistrictGovernment) => pb::AgencyKind::DistrictGovernment,
    }
}

/// The proto's kind back in the domain (`None`: not on record).
pub fn agency_kind_from_pb(kind: pb::AgencyKind) -> Option<core::AgencyKind> {
    match kind {
        pb::AgencyKind::Unspecified => None,
        pb::AgencyKind::Department => Some(core::AgencyKind::Department),
        pb::AgencyKind::Street => Some(core::AgencyKind::Street),
        pb::AgencyKind::Town => Some(core::AgencyKind::Town),
        pb::AgencyKind::DistrictGovernment => Some(core::AgencyKind::DistrictGovernment),
    }
}

/// The code a reader prints for the proto's kind (`department`, …; `""`:
/// not on record), the roster CSV's and the store's name.
pub fn agency_kind_code(kind: pb::AgencyKind) -> String {
    agency_kind_from_pb(kind)
        .map(|k| fazhi_store::AgencyKind::from(k).code())
        .unwrap_or_default()
}

pub fn part(p: core::Part) -> pb::Part {
    match p {
        core::Part::Measures => pb::Part::Measures,
        core::Part::Shortcomings => pb::Part::Shortcomings,
        core::Part::LeaderDuty => pb::Part::LeaderDuty,
        core::Part::NextYear => pb::Part::NextYear,
        core::Part::Other => pb::Part::Other,
    }
}

fn parts(ps: &[core::Part]) -> Vec<i32> {
    ps.iter().map(|p| part(*p) as i32).collect()
}

pub fn qualifier(q: core::Qualifier) -> pb::Qualifier {
    match q {
        core::Qualifier::Exact => pb::Qualifier::Exact,
        core::Qualifier::AtLeast => pb::Qualifier::AtLeast,
        core::Qualifier::MoreThan => pb::Qualifier::MoreThan,
        core::Qualifier::Approx => pb::Qualifier::Approx,
        core::Qualifier::UpTo => pb::Qualifier::UpTo,
    }
}

pub fn kind(k: core::QuantityKind) -> pb::QuantityKind {
    match k {
        core::QuantityKind::Count => pb::QuantityKind::Count,
        core::QuantityKind::Rate => pb::QuantityKind::Rate,
        core::QuantityKind::Change => pb::QuantityKind::Change,
    }
}

fn severity(s: core::Severity) -> pb::Severity {
    match s {
        core::Severity::Error => pb::Severity::Error,
        core::Severity::Warning => pb::Severity::Warning,
        core::Severity::Info => pb::Severity::Info,
    }
}

fn span(start: usize, end: usize) -> Option<pb::Span> {
    Some(pb::Span {
        start: u32::try_from(start).unwrap_or(u32::MAX),
        end: u32::try_from(end).unwrap_or(u32::MAX),
    })
}

pub fn finding(f: &core::Finding) -> pb::Finding {
    pb::Finding {
        code: f.code.clone(),
        severity: severity(f.severity) as i32,
        message: f.message.clone(),
    }
}

pub fn parsed_report(r: &core::ParsedReport) -> pb::ParsedReport {
    pb::ParsedReport {
        title: r.title.clone(),
        agency: r.agency.clone(),
        year: r.year,
        recipient: r.recipient.clone(),
        published: r.published.clone(),
        parts_present: parts(&r.parts_present()),
        parts_missing: parts(&r.parts_missing()),
        sections: r
            .sections
            .iter()
            .map(|s| pb::Section {
                part: part(s.part) as i32,
                heading: s.heading.clone(),
                span: span(s.start, s.end),
                items: s
                    .items
                    .iter()
                    .map(|i| pb::Item {
                        title: i.title.clone(),
                        text: i.text.clone(),
                        span: span(i.start, i.end),
                    })
                    .collect(),
            })
            .collect(),
        quantities: r
            .quantities
            .iter()
            .map(|q| pb::Quantity {
                text: q.text.clone(),
                value: q.value,
                unit: q.unit.clone(),
                qualifier: qualifier(q.qualifier) as i32,
                kind: kind(q.kind) as i32,
                what: q.what.clone(),
                span: span(q.start, q.end),
            })
            .collect(),
        findings: r.findings.iter().map(finding).collect(),
    }
}

/// Exhaustive: a new state does not build until the API says how it shows.
pub fn status(s: SubmissionStatus) -> pb::SubmissionStatus {
    match s {
        SubmissionStatus::Queued => pb::SubmissionStatus::Queued,
        SubmissionStatus::Processed => pb::SubmissionStatus::Processed,
        SubmissionStatus::Rejected => pb::SubmissionStatus::Rejected,
        SubmissionStatus::Withdrawn => pb::SubmissionStatus::Withdrawn,
        SubmissionStatus::Failed => pb::SubmissionStatus::Failed,
    }
}

fn timestamp(ms: i64) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: ms.div_euclid(1000),
        nanos: i32::try_from(ms.rem_euclid(1000) * 1_000_000).unwrap_or(0),
    }
}

/// A submission row (without its parse) as the API shows it.
pub fn submission(row: &submission::Model, agency_name: &str) -> pb::Submission {
    pb::Submission {
        submission_id: row.id.clone(),
        agency_code: row.agency_code.clone(),
        agency_name: agency_name.to_owned(),
        district: row.district.clone(),
        reporting_year: row.reporting_year,
        status: status(row.status) as i32,
        reject_reason: row.reject_reason.clone().unwrap_or_default(),
        file_name: row.file_name.clone(),
        media_type: row.media_type.clone(),
        size_bytes: if row.content.is_empty() {
            u64::try_from(row.size_bytes).unwrap_or(0)
        } else {
            row.content.len() as u64
        },
        submitted_at: Some(timestamp(row.submitted_at)),
        processed_at: row.processed_at.map(timestamp),
        on_time: row.submitted_at < fazhi_store::record::deadline_ms(row.reporting_year),
        parsed: None,
    }
}

pub fn verification(v: &fazhi_summary::Verification) -> pb::Verification {
    pb::Verification {
        passed: v.passed,
        checked: u32::try_from(v.checked).unwrap_or(u32::MAX),
        failures: v
            .failures
            .iter()
            .map(|f| pb::VerificationFailure {
                number: f.number.clone(),
                context: f.context.clone(),
                reason: f.reason.clone(),
            })
            .collect(),
    }
}

/// The summary in the asked view: each view carries its data once.
pub fn district_summary_view(
    s: &fazhi_summary::DistrictSummary,
    district_name: &str,
    view: pb::SummaryView,
) -> pb::DistrictSummary {
    match view {
        pb::SummaryView::Unspecified | pb::SummaryView::Full => district_summary(s, district_name),
        pb::SummaryView::Basic => pb::DistrictSummary {
            draft_markdown: String::new(),
            summary_json: String::new(),
            ..district_summary_structured(s, district_name)
        },
        pb::SummaryView::Json => pb::DistrictSummary {
            district: s.district.clone(),
            year: s.year,
            expected: u32::try_from(s.expected).unwrap_or(u32::MAX),
            submitted: u32::try_from(s.submitted).unwrap_or(u32::MAX),
            summary_json: serde_json::to_string(s).unwrap_or_default(),
            ..pb::DistrictSummary::default()
        },
    }
}

pub fn district_summary(
    s: &fazhi_summary::DistrictSummary,
    district_name: &str,
) -> pb::DistrictSummary {
    pb::DistrictSummary {
        draft_markdown: s.draft_markdown.clone(),
        summary_json: serde_json::to_string(s).unwrap_or_default(),
        ..district_summary_structured(s, district_name)
    }
}

fn district_summary_structured(
    s: &fazhi_summary::DistrictSummary,
    district_name: &str,
) -> pb::DistrictSummary {
    pb::DistrictSummary {
        district: s.district.clone(),
        year: s.year,
        expected: u32::try_from(s.expected).unwrap_or(u32::MAX),
        submitted: u32::try_from(s.submitted).unwrap_or(u32::MAX),
        coverage: s
            .coverage
            .iter()
            .map(|c| pb::CoverageEntry {
                agency: Some(pb::Agency {
                    code: c.agency.code.clone(),
                    name: c.agency.name.clone(),
                    kind: agency_kind(c.agency.kind) as i32,
                    district: district_name.to_owned(),
                }),
                submitted: c.submitted,
                submission_id: c.submission_id.clone().unwrap_or_default(),
                on_time: c.on_time.unwrap_or(false),
                parts_present: parts(&c.parts),
                parts_missing: parts(&c.missing),
                findings: c.findings.iter().map(finding).collect(),
                quantity_count: u32::try_from(c.quantities).unwrap_or(u32::MAX),
            })
            .collect(),
        draft_markdown: String::new(),
        summary_json: String::new(),
        verification: Some(verification(&s.verification)),
        reporting: Some(reporting(&s.reporting)),
        indicators: s.indicators.iter().map(indicator).collect(),
        other_quantities: s.other_quantities.iter().map(indicator).collect(),
        themes: s.themes.iter().map(theme).collect(),
        theme_matrix: Some(pb::ThemeMatrix {
            themes: s.theme_matrix.themes.clone(),
            rows: s
                .theme_matrix
                .rows
                .iter()
                .map(|r| pb::ThemeMatrixRow {
                    agency: Some(agency_ref(&r.agency)),
                    counts: r.counts.iter().map(|c| count(*c)).collect(),
                })
                .collect(),
        }),
        shortcomings: s.shortcomings.iter().map(group).collect(),
        plans: s.plans.iter().map(group).collect(),
        citations: s
            .citations
            .iter()
            .map(|c| pb::Citation {
                id: count(c.id),
                agency: Some(agency_ref(&c.agency)),
                submission_id: c.submission_id.clone(),
                span: span(c.start, c.end),
                text: c.text.clone(),
                number: c.number.clone().unwrap_or_default(),
            })
            .collect(),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn agency_ref(a: &sm::AgencyRef) -> pb::AgencyRef {
    pb::AgencyRef {
        code: a.code.clone(),
        name: a.name.clone(),
    }
}

fn reporting(r: &sm::ReportingRates) -> pb::ReportingRates {
    pb::ReportingRates {
        expected: count(r.expected),
        actual: count(r.actual),
        rate: r.rate,
        on_time: count(r.on_time),
        rate_on_time: r.rate_on_time,
        outside_roster: count(r.outside_roster),
    }
}

fn indicator(t: &sm::IndicatorTotal) -> pb::IndicatorTotal {
    pb::IndicatorTotal {
        code: t.code.clone().unwrap_or_default(),
        name: t.name.clone(),
        theme: t.theme.clone().unwrap_or_default(),
        unit: t.unit.clone(),
        kind: kind(t.kind) as i32,
        value: t.value,
        qualifier: t.qualifier.map_or(pb::Qualifier::Unspecified, qualifier) as i32,
        min: t.min,
        max: t.max,
        agencies_count: count(t.agencies_count),
        agencies: t.agencies.iter().map(agency_ref).collect(),
        sources: t
            .sources
            .iter()
            .map(|src| pb::Source {
                agency: Some(agency_ref(&src.agency)),
                submission_id: src.submission_id.clone(),
                text: src.text.clone(),
                span: span(src.start, src.end),
                value: src.value,
                unit: src.unit.clone(),
                qualifier: qualifier(src.qualifier) as i32,
                number: src.number.clone(),
            })
            .collect(),
    }
}

fn theme(t: &sm::ThemeSummary) -> pb::ThemeSummary {
    pb::ThemeSummary {
        code: t.code.clone(),
        name: t.name.clone(),
        agencies: t.agencies.iter().map(agency_ref).collect(),
        measures: count(t.measures),
        shortcomings: count(t.shortcomings),
        plans: count(t.plans),
        items: t
            .items
            .iter()
            .map(|i| pb::ThemedItem {
                agency: Some(agency_ref(&i.agency)),
                submission_id: i.submission_id.clone(),
                part: part(i.part) as i32,
                label: i.label.clone(),
                span: span(i.start, i.end),
                terms: i.terms.clone(),
                primary: i.primary,
            })
            .collect(),
    }
}

fn group(g: &sm::ItemGroup) -> pb::ItemGroup {
    pb::ItemGroup {
        theme: g.theme.clone(),
        theme_name: g.theme_name.clone(),
        label: g.label.clone(),
        agencies: g.agencies.iter().map(agency_ref).collect(),
        items: g
            .items
            .iter()
            .map(|i| pb::GroupedItem {
                agency: Some(agency_ref(&i.agency)),
                submission_id: i.submission_id.clone(),
                label: i.label.clone(),
                text: i.text.clone(),
                span: span(i.start, i.end),
            })
            .collect(),
    }
}
