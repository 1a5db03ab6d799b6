//! Year over year: indicator totals of one year against the year before, for
//! the district or one unit, with the sources of both sides.
//!
//! Two totals are compared only when indicator code, unit (`次` vs `人次`)
//! and kind agree; rates are compared as levels, never summed. The change of
//! two exact figures is exact; any bound or approximation on either side
//! makes it `approx` (the difference of two lower bounds bounds nothing).

use fazhi_core::{Qualifier, QuantityKind};
use fazhi_summary::model::{DistrictSummary, IndicatorTotal, Role, Source};
use fazhi_summary::totals;
use serde::{Deserialize, Serialize};

/// One side of a comparison: the total and what it is made of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearSide {
    pub year: i32,
    pub value: Option<f64>,
    pub qualifier: Option<Qualifier>,
    /// The summed sources, each down to its sentence.
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorChange {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub kind: QuantityKind,
    pub previous: Option<YearSide>,
    pub current: Option<YearSide>,
    /// `current − previous` when both have a value.
    pub change: Option<f64>,
    pub change_qualifier: Option<Qualifier>,
    /// Change in percent of the previous value (counts only, previous ≠ 0),
    /// rounded to 0.1.
    pub percent: Option<f64>,
}

type Key = (String, String, QuantityKind);

fn key(t: &IndicatorTotal) -> Option<Key> {
    t.code.clone().map(|c| (c, t.unit.clone(), t.kind))
}

/// A total restricted to one unit's sources (`None` when it has none).
fn unit_side(t: &IndicatorTotal, agency_code: &str, year: i32) -> Option<YearSide> {
    let sources: Vec<Source> = t
        .sources
        .iter()
        .filter(|s| s.agency.code == agency_code && s.role == Role::Level)
        .cloned()
        .collect();
    if sources.is_empty() {
        return None;
    }
    let (value, qualifier) = match t.kind {
        QuantityKind::Count => totals::sum(sources.iter().map(|s| (s.value, s.qualifier)))
            .map_or((None, None), |(v, q)| (Some(v), Some(q))),
        // A unit's rate is the one it states; several stated rates have no level.
        _ => match sources.as_slice() {
            [one] => (Some(one.value), Some(one.qualifier)),
            _ => (None, None),
        },
    };
    Some(YearSide {
        year,
        value,
        qualifier,
        sources,
    })
}

fn district_side(t: &IndicatorTotal, year: i32) -> YearSide {
    YearSide {
        year,
        value: t.value,
        qualifier: t.qualifier,
        sources: t.sources.clone(),
    }
}

fn compare(
    previous: &DistrictSummary,
    current: &DistrictSummary,
    side: impl Fn(&IndicatorTotal, i32) -> Option<YearSide>,
) -> Vec<IndicatorChange> {
    let mut out: Vec<IndicatorChange> = Vec::new();
    // Current year's order first (catalog order), then indicators only last year had.
    for (t, is_current) in current
        .indicators
        .iter()
        .map(|t| (t, true))
        .chain(previous.indicators.iter().map(|t| (t, false)))
    {
        let Some(k) = key(t) else { continue };
        let year = if is_current {
            current.year
        } else {
            previous.year
        };
        let Some(s) = side(t, year) else { continue };
        let pos = out
            .iter()
            .position(|c| c.code == k.0 && c.unit == k.1 && c.kind == k.2);
        let entry = match pos {
            Some(i) => &mut out[i],
            None => {
                out.push(IndicatorChange {
                    code: k.0,
                    name: t.name.clone(),
                    unit: k.1,
                    kind: k.2,
                    previous: None,
                    current: None,
                    change: None,
                    change_qualifier: None,
                    percent: None,
                });
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        if is_current {
            entry.current = Some(s);
        } else {
            entry.previous = Some(s);
        }
    }
    for c in &mut out {
        let (Some(p), Some(n)) = (&c.previous, &c.current) else {
            continue;
        };
        let (Some(pv), Some(nv)) = (p.value, n.value) else {
            continue;
        };
        c.change = Some(totals::round1(nv - pv));
        c.change_qualifier = Some(
            if p.qualifier == Some(Qualifier::Exact) && n.qualifier == Some(Qualifier::Exact) {
                Qualifier::Exact
            } else {
                Qualifier::Approx
            },
        );
        if c.kind == QuantityKind::Count && pv != 0.0 {
            c.percent = Some(totals::round1((nv - pv) * 100.0 / pv));
        }
    }
    out
}

/// The district's indicator totals against last year's.
pub fn district_changes(
    previous: &DistrictSummary,
    current: &DistrictSummary,
) -> Vec<IndicatorChange> {
    compare(previous, current, |t, y| Some(district_side(t, y)))
}

/// One unit's indicator totals (its `level` numbers only) against last year's.
pub fn unit_changes(
    previous: &DistrictSummary,
    current: &DistrictSummary,
    agency_code: &str,
) -> Vec<IndicatorChange> {
    compare(previous, current, |t, y| unit_side(t, agency_code, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(year: i32, value: f64, qualifier: &str) -> DistrictSummary {
        let json = serde_json::json!({
            "district": "示例区", "year": year, "expected": 1, "submitted": 1,
            "coverage": [], "draft_markdown": "",
            "indicators": [{
                "code": "publicity_materials", "name": "宣传资料", "theme": null,
                "unit": "份", "kind": "count", "value": value, "qualifier": qualifier,
                "min": null, "max": null, "agencies_count": 1, "agencies": [],
                "rate_parts": null, "sources": []
            }]
        });
        serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_bound_on_either_side_makes_the_change_approximate() {
        let c = district_changes(
            &summary(2023, 4000.0, "exact"),
            &summary(2024, 6000.0, "at_least"),
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].change, Some(2000.0));
        assert_eq!(c[0].change_qualifier, Some(Qualifier::Approx));
        assert_eq!(c[0].percent, Some(50.0));
        let exact = district_changes(
            &summary(2023, 4000.0, "exact"),
            &summary(2024, 3000.0, "exact"),
        );
        assert_eq!(exact[0].change, Some(-1000.0));
        assert_eq!(exact[0].change_qualifier, Some(Qualifier::Exact));
    }
}
