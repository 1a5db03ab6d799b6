//! fazhi-analysis results → `fazhi.v1` analysis messages. Every number keeps
//! its passages (submission id + character span).

use fazhi_analysis::ItemRef;
use fazhi_analysis::copying::{CopiedPassage, CopySource, ReportCopying};
use fazhi_analysis::plans::{Delivery, PlanCheck, UnitPlans};
use fazhi_analysis::quality::QualityScore;
use fazhi_analysis::ranking::{Distribution, Ranked};
use fazhi_analysis::recurring::TrackedShortcoming;
use fazhi_analysis::rollup::{Aggregate, RolledTotal};
use fazhi_analysis::yoy::{IndicatorChange, YearSide};
use fazhi_proto::v1 as pb;
use fazhi_store::analysis::{Rectification, RectificationStatus};
use fazhi_summary::model as sm;

use crate::convert::{kind, qualifier};

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn span(start: usize, end: usize) -> Option<pb::Span> {
    Some(pb::Span {
        start: count(start),
        end: count(end),
    })
}

pub fn agency(a: &sm::AgencyRef) -> pb::AgencyRef {
    pb::AgencyRef {
        code: a.code.clone(),
        name: a.name.clone(),
    }
}

fn opt_qualifier(q: Option<fazhi_core::Qualifier>) -> i32 {
    q.map_or(pb::Qualifier::Unspecified, qualifier) as i32
}

pub fn source(s: &sm::Source) -> pb::Source {
    pb::Source {
        agency: Some(agency(&s.agency)),
        submission_id: s.submission_id.clone(),
        text: s.text.clone(),
        span: span(s.start, s.end),
        value: s.value,
        unit: s.unit.clone(),
        qualifier: qualifier(s.qualifier) as i32,
        number: s.number.clone(),
    }
}

pub fn cite(i: &ItemRef) -> pb::Cite {
    pb::Cite {
        agency: Some(agency(&i.agency)),
        submission_id: i.submission_id.clone(),
        year: i.year,
        span: span(i.start, i.end),
        text: i.excerpt.clone(),
    }
}

fn side(s: &YearSide) -> pb::YearFigure {
    pb::YearFigure {
        year: s.year,
        value: s.value,
        qualifier: opt_qualifier(s.qualifier),
        sources: s.sources.iter().map(source).collect(),
    }
}

pub fn change(c: &IndicatorChange) -> pb::IndicatorChange {
    pb::IndicatorChange {
        code: c.code.clone(),
        name: c.name.clone(),
        unit: c.unit.clone(),
        kind: kind(c.kind) as i32,
        previous: c.previous.as_ref().map(side),
        current: c.current.as_ref().map(side),
        change: c.change,
        change_qualifier: opt_qualifier(c.change_qualifier),
        percent: c.percent,
    }
}

fn delivery(d: Delivery) -> pb::Delivery {
    match d {
        Delivery::Delivered => pb::Delivery::Delivered,
        Delivery::Partly => pb::Delivery::Partly,
        Delivery::NotVisible => pb::Delivery::NotVisible,
    }
}

fn plan_check(c: &PlanCheck) -> pb::PlanCheck {
    pb::PlanCheck {
        plan: Some(cite(&c.plan)),
        status: delivery(c.status) as i32,
        measure: c.measure.as_ref().map(cite),
        similarity: c.similarity,
        concept: c.concept.clone().unwrap_or_default(),
    }
}

pub fn unit_plans(u: &UnitPlans) -> pb::UnitPlans {
    pb::UnitPlans {
        agency: Some(agency(&u.agency)),
        current_submission_id: u.current_submission_id.clone().unwrap_or_default(),
        checks: u.checks.iter().map(plan_check).collect(),
        delivered: count(u.delivered),
        partly: count(u.partly),
        not_visible: count(u.not_visible),
        delivery_rate: u.delivery_rate,
    }
}

pub fn rectification_status(s: RectificationStatus) -> pb::RectificationStatus {
    match s {
        RectificationStatus::InProgress => pb::RectificationStatus::InProgress,
        RectificationStatus::Done => pb::RectificationStatus::Done,
        RectificationStatus::NotDone => pb::RectificationStatus::NotDone,
    }
}

pub fn shortcoming(t: &TrackedShortcoming, r: Option<&Rectification>) -> pb::TrackedShortcoming {
    pb::TrackedShortcoming {
        key: t.key.clone(),
        agency: Some(agency(&t.agency)),
        concept: t.concept.clone().unwrap_or_default(),
        theme: t.theme.clone(),
        label: t.label.clone(),
        occurrences: t.occurrences.iter().map(cite).collect(),
        recurring: t.recurring,
        rectification: r.map(|r| pb::Rectification {
            status: rectification_status(r.status) as i32,
            note: r.note.clone(),
            actor: r.actor.clone(),
            updated_at: r.updated_at,
        }),
    }
}

fn passage(
    p: &CopiedPassage,
    submission_id: &str,
    a: &sm::AgencyRef,
    year: i32,
    show_other: bool,
) -> pb::CopiedPassage {
    pb::CopiedPassage {
        source: match p.source {
            CopySource::OtherUnit => pb::CopySource::OtherUnit,
            CopySource::OwnLastYear => pb::CopySource::OwnLastYear,
        } as i32,
        passage: Some(pb::Cite {
            agency: Some(agency(a)),
            submission_id: submission_id.to_owned(),
            year,
            span: span(p.start, p.end),
            text: p.text.clone(),
        }),
        other: Some(pb::Cite {
            agency: Some(agency(&p.other_agency)),
            submission_id: p.other_submission_id.clone(),
            year: p.other_year,
            span: span(p.other_start, p.other_end),
            text: if show_other {
                p.other_text.clone()
            } else {
                String::new()
            },
        }),
        sentences: count(p.sentences),
        similarity: p.similarity,
    }
}

/// `show_other`: whether the other report's text may be shown (not to a
/// unit: another unit's report is not its to read).
pub fn report_copying(r: &ReportCopying, year: i32, show_other: bool) -> pb::ReportCopying {
    pb::ReportCopying {
        agency: Some(agency(&r.agency)),
        submission_id: r.submission_id.clone(),
        sentences: count(r.sentences),
        boilerplate_sentences: count(r.boilerplate_sentences),
        copied_sentences: count(r.copied_sentences),
        copied_share: r.copied_share,
        from_other_units: count(r.from_other_units),
        from_own_last_year: count(r.from_own_last_year),
        passages: r
            .passages
            .iter()
            .map(|p| {
                passage(
                    p,
                    &r.submission_id,
                    &r.agency,
                    year,
                    show_other || p.source == CopySource::OwnLastYear,
                )
            })
            .collect(),
    }
}

pub fn quality(s: &QualityScore, ranked: Option<&Ranked>) -> pb::QualityScore {
    pb::QualityScore {
        agency: Some(agency(&s.agency)),
        submission_id: s.submission_id.clone(),
        score: s.score,
        reasons: s
            .reasons
            .iter()
            .map(|r| pb::QualityReason {
                dimension: r.dimension.clone(),
                score: r.score,
                weight: r.weight,
                points: r.points,
                detail: r.detail.clone(),
            })
            .collect(),
        facts_per_1000: s.facts_per_1000,
        rank: ranked.map_or(0, |r| count(r.rank)),
        above_share: ranked.map_or(0.0, |r| r.above_share),
    }
}

pub fn distribution(d: &Distribution, median: Option<f64>) -> pb::QualityDistribution {
    pb::QualityDistribution {
        count: count(d.count),
        bands: d.bands.iter().map(|b| count(*b)).collect(),
        min: d.min,
        max: d.max,
        mean: d.mean(),
        median,
    }
}

fn rolled(t: &RolledTotal) -> pb::RolledIndicator {
    pb::RolledIndicator {
        code: t.code.clone(),
        name: t.name.clone(),
        unit: t.unit.clone(),
        kind: kind(t.kind) as i32,
        value: t.value,
        qualifier: opt_qualifier(t.qualifier),
        min: t.min,
        max: t.max,
        agencies_count: count(t.units),
        sources: t
            .sources
            .iter()
            .map(|p| pb::PlacedSource {
                path: p.path.clone(),
                source: Some(source(&p.source)),
            })
            .collect(),
    }
}

pub fn rollup(a: &Aggregate) -> pb::GetRollupResponse {
    pb::GetRollupResponse {
        name: a.name.clone(),
        year: a.year,
        children: a.children.clone(),
        reporting: Some(pb::ReportingRates {
            expected: count(a.reporting.expected),
            actual: count(a.reporting.actual),
            rate: a.reporting.rate,
            on_time: count(a.reporting.on_time),
            rate_on_time: a.reporting.rate_on_time,
            outside_roster: count(a.reporting.outside_roster),
        }),
        indicators: a.indicators.iter().map(rolled).collect(),
        quality: Some(distribution(&a.quality, None)),
        recurring: a
            .recurring
            .iter()
            .map(|r| pb::RecurringAcross {
                key: r.key.clone(),
                concept: r.concept.clone().unwrap_or_default(),
                theme: r.theme.clone(),
                label: r.label.clone(),
                districts: r.districts.clone(),
                shortcomings: r.shortcomings.clone(),
            })
            .collect(),
    }
}
