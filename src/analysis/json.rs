//! The analysis responses as JSON for `--json` (stable field names; every
//! number with its sources: submission id and character span).

use fazhi_proto::v1 as pb;
use serde_json::{Value, json};

fn agency(a: Option<&pb::AgencyRef>) -> Value {
    a.map_or(Value::Null, |a| json!({"code": a.code, "name": a.name}))
}

fn span(s: Option<&pb::Span>) -> Value {
    s.map_or(Value::Null, |s| json!({"start": s.start, "end": s.end}))
}

pub fn qualifier(q: i32) -> &'static str {
    match pb::Qualifier::try_from(q) {
        Ok(pb::Qualifier::Exact) => "exact",
        Ok(pb::Qualifier::AtLeast) => "at_least",
        Ok(pb::Qualifier::MoreThan) => "more_than",
        Ok(pb::Qualifier::Approx) => "approx",
        Ok(pb::Qualifier::UpTo) => "up_to",
        _ => "",
    }
}

pub fn cite(c: Option<&pb::Cite>) -> Value {
    c.map_or(Value::Null, |c| {
        json!({"agency": agency(c.agency.as_ref()), "submission_id": c.submission_id,
               "year": c.year, "span": span(c.span.as_ref()), "text": c.text})
    })
}

pub fn source(s: &pb::Source) -> Value {
    json!({"agency": agency(s.agency.as_ref()), "submission_id": s.submission_id,
           "text": s.text, "span": span(s.span.as_ref()), "value": s.value,
           "unit": s.unit, "qualifier": qualifier(s.qualifier), "number": s.number})
}

fn figure(f: Option<&pb::YearFigure>) -> Value {
    f.map_or(Value::Null, |f| {
        json!({"year": f.year, "value": f.value, "qualifier": qualifier(f.qualifier),
               "sources": f.sources.iter().map(source).collect::<Vec<_>>()})
    })
}

pub fn yoy(r: &pb::GetYearOverYearResponse) -> Value {
    let changes: Vec<Value> = r
        .changes
        .iter()
        .map(|c| {
            json!({"code": c.code, "name": c.name, "unit": c.unit,
                   "previous": figure(c.previous.as_ref()), "current": figure(c.current.as_ref()),
                   "change": c.change, "change_qualifier": qualifier(c.change_qualifier),
                   "percent": c.percent})
        })
        .collect();
    json!({"district": r.district, "year": r.year, "previous_year": r.previous_year,
           "agency_code": r.agency_code, "changes": changes})
}

pub fn delivery(d: i32) -> &'static str {
    match pb::Delivery::try_from(d) {
        Ok(pb::Delivery::Delivered) => "delivered",
        Ok(pb::Delivery::Partly) => "partly",
        Ok(pb::Delivery::NotVisible) => "not_visible",
        _ => "",
    }
}

pub fn plans(r: &pb::GetPlansDeliveryResponse) -> Value {
    let units: Vec<Value> = r
        .units
        .iter()
        .map(|u| {
            let checks: Vec<Value> = u
                .checks
                .iter()
                .map(|c| {
                    json!({"plan": cite(c.plan.as_ref()), "status": delivery(c.status),
                           "measure": cite(c.measure.as_ref()), "similarity": c.similarity,
                           "concept": c.concept})
                })
                .collect();
            json!({"agency": agency(u.agency.as_ref()), "current_submission_id": u.current_submission_id,
                   "checks": checks, "delivered": u.delivered, "partly": u.partly,
                   "not_visible": u.not_visible, "delivery_rate": u.delivery_rate})
        })
        .collect();
    json!({"previous_year": r.previous_year, "year": r.year, "units": units,
           "plans": r.plans, "delivered": r.delivered, "partly": r.partly,
           "not_visible": r.not_visible, "delivery_rate": r.delivery_rate,
           "draft_markdown": r.draft_markdown})
}

pub fn rectification_status(s: i32) -> &'static str {
    match pb::RectificationStatus::try_from(s) {
        Ok(pb::RectificationStatus::InProgress) => "in_progress",
        Ok(pb::RectificationStatus::Done) => "done",
        Ok(pb::RectificationStatus::NotDone) => "not_done",
        _ => "",
    }
}

pub fn shortcoming(t: &pb::TrackedShortcoming) -> Value {
    json!({"key": t.key, "agency": agency(t.agency.as_ref()), "concept": t.concept,
           "theme": t.theme, "label": t.label, "recurring": t.recurring,
           "occurrences": t.occurrences.iter().map(|c| cite(Some(c))).collect::<Vec<_>>(),
           "rectification": t.rectification.as_ref().map(|r| json!({
               "status": rectification_status(r.status), "note": r.note,
               "actor": r.actor, "updated_at": r.updated_at}))})
}

pub fn copying(r: &pb::GetCopyingResponse) -> Value {
    let reports: Vec<Value> = r
        .reports
        .iter()
        .map(|x| {
            let passages: Vec<Value> = x
                .passages
                .iter()
                .map(|p| {
                    let source = match pb::CopySource::try_from(p.source) {
                        Ok(pb::CopySource::OwnLastYear) => "own_last_year",
                        _ => "other_unit",
                    };
                    json!({"source": source, "passage": cite(p.passage.as_ref()),
                           "other": cite(p.other.as_ref()), "sentences": p.sentences,
                           "similarity": p.similarity})
                })
                .collect();
            json!({"agency": agency(x.agency.as_ref()), "submission_id": x.submission_id,
                   "sentences": x.sentences, "boilerplate_sentences": x.boilerplate_sentences,
                   "copied_sentences": x.copied_sentences, "copied_share": x.copied_share,
                   "from_other_units": x.from_other_units, "from_own_last_year": x.from_own_last_year,
                   "passages": passages})
        })
        .collect();
    let boilerplate: Vec<Value> = r
        .boilerplate
        .iter()
        .map(|b| json!({"text": b.text, "units": b.units}))
        .collect();
    json!({"reports": reports, "boilerplate": boilerplate})
}

pub fn distribution(d: Option<&pb::QualityDistribution>) -> Value {
    d.map_or(Value::Null, |d| {
        json!({"count": d.count, "bands": d.bands, "min": d.min, "max": d.max,
               "mean": d.mean, "median": d.median})
    })
}

pub fn quality(r: &pb::GetQualityResponse) -> Value {
    let scores: Vec<Value> = r
        .scores
        .iter()
        .map(|s| {
            let reasons: Vec<Value> = s
                .reasons
                .iter()
                .map(|x| {
                    json!({"dimension": x.dimension, "score": x.score, "weight": x.weight,
                                "points": x.points, "detail": x.detail})
                })
                .collect();
            json!({"agency": agency(s.agency.as_ref()), "submission_id": s.submission_id,
                   "score": s.score, "rank": s.rank, "above_share": s.above_share,
                   "facts_per_1000": s.facts_per_1000, "reasons": reasons})
        })
        .collect();
    json!({"scores": scores, "ranked": r.ranked, "distribution": distribution(r.distribution.as_ref())})
}

pub fn rollup(r: &pb::GetRollupResponse) -> Value {
    let indicators: Vec<Value> = r
        .indicators
        .iter()
        .map(|t| {
            let sources: Vec<Value> = t
                .sources
                .iter()
                .map(|p| json!({"path": p.path, "source": p.source.as_ref().map(source)}))
                .collect();
            json!({"code": t.code, "name": t.name, "unit": t.unit, "value": t.value,
                   "qualifier": qualifier(t.qualifier), "min": t.min, "max": t.max,
                   "agencies_count": t.agencies_count, "sources": sources})
        })
        .collect();
    let recurring: Vec<Value> = r
        .recurring
        .iter()
        .map(|x| {
            json!({"key": x.key, "concept": x.concept, "theme": x.theme, "label": x.label,
                        "districts": x.districts, "shortcomings": x.shortcomings})
        })
        .collect();
    json!({"name": r.name, "year": r.year, "children": r.children,
           "reporting": r.reporting.as_ref().map(|x| json!({
               "expected": x.expected, "actual": x.actual, "rate": x.rate,
               "on_time": x.on_time, "rate_on_time": x.rate_on_time,
               "outside_roster": x.outside_roster})),
           "indicators": indicators, "quality": distribution(r.quality.as_ref()),
           "recurring": recurring})
}
