//! Rates recomputed from their parts: Σnumerator / Σdenominator over the
//! agencies that reported both in one unit, and the range of the stated ones.

use super::*;
use crate::model::RateParts;

/// Per agency and unit: Σnumerator and Σdenominator, for agencies that have both.
struct AgencyParts<'a> {
    agency: &'a AgencyRef,
    unit: String,
    num: Vec<Entry<'a>>,
    den: Vec<Entry<'a>>,
}

fn parts_by_agency<'a>(
    entries: &[Entry<'a>],
    numerator: &str,
    denominator: &str,
) -> Vec<AgencyParts<'a>> {
    let mut out: Vec<AgencyParts<'a>> = Vec::new();
    for e in entries {
        let is_num = e.q.indicator.as_deref() == Some(numerator);
        let is_den = e.q.indicator.as_deref() == Some(denominator);
        if !is_num && !is_den {
            continue;
        }
        let slot = match out
            .iter_mut()
            .position(|p| p.agency == e.agency && p.unit == e.q.unit)
        {
            Some(i) => &mut out[i],
            None => {
                out.push(AgencyParts {
                    agency: e.agency,
                    unit: e.q.unit.clone(),
                    num: Vec::new(),
                    den: Vec::new(),
                });
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        if is_num {
            slot.num.push(*e);
        } else {
            slot.den.push(*e);
        }
    }
    out.retain(|p| !p.num.is_empty() && !p.den.is_empty());
    out
}

fn rate_of(num: f64, den: f64) -> Option<f64> {
    (den > 0.0 && num.is_finite() && den.is_finite()).then(|| round1(num / den * 100.0))
}

/// Fill in a rate total from its parts, when the catalog names them.
pub(super) fn recompute_rate(catalog: &Catalog, total: &mut IndicatorTotal, entries: &[Entry<'_>]) {
    let Some(def) = total.code.as_deref().and_then(|c| catalog.get(c)) else {
        return;
    };
    let (Some(num_code), Some(den_code)) = (def.numerator.as_deref(), def.denominator.as_deref())
    else {
        return;
    };
    let parts = parts_by_agency(entries, num_code, den_code);
    if parts.is_empty() {
        return;
    }
    // The unit reported by the most agencies decides the district's rate.
    let mut units: Vec<(&str, usize)> = Vec::new();
    for p in &parts {
        match units.iter_mut().find(|(u, _)| *u == p.unit) {
            Some((_, n)) => *n += 1,
            None => units.push((p.unit.as_str(), 1)),
        }
    }
    let unit = units
        .iter()
        .fold(units[0], |best, u| if u.1 > best.1 { *u } else { best })
        .0
        .to_owned();
    let chosen: Vec<&AgencyParts<'_>> = parts.iter().filter(|p| p.unit == unit).collect();
    let num = sum(chosen
        .iter()
        .flat_map(|p| p.num.iter())
        .map(|e| (e.q.value, e.q.qualifier)));
    let den = sum(chosen
        .iter()
        .flat_map(|p| p.den.iter())
        .map(|e| (e.q.value, e.q.qualifier)));
    let (Some((nv, nq)), Some((dv, dq))) = (num, den) else {
        return;
    };
    let Some(rate) = rate_of(nv, dv) else { return };
    // Per-agency rates join the stated ones in the range.
    let mut values: Vec<f64> = total.sources.iter().map(|s| s.value).collect();
    for p in &parts {
        let n = sum(p.num.iter().map(|e| (e.q.value, e.q.qualifier)));
        let d = sum(p.den.iter().map(|e| (e.q.value, e.q.qualifier)));
        if let (Some((n, _)), Some((d, _))) = (n, d)
            && let Some(r) = rate_of(n, d)
        {
            values.push(r);
        }
    }
    let (min, max) = range(values);
    let mut agencies = total.agencies.clone();
    for p in &parts {
        if !agencies.contains(p.agency) {
            agencies.push(p.agency.clone());
        }
    }
    let name_of = |code: &str| {
        catalog
            .get(code)
            .map_or_else(|| code.to_owned(), |d| d.name.clone())
    };
    total.value = Some(rate);
    total.qualifier = Some(if nq == Qualifier::Exact && dq == Qualifier::Exact {
        Qualifier::Exact
    } else {
        Qualifier::Approx
    });
    total.min = min;
    total.max = max;
    total.agencies_count = agencies.len();
    total.agencies = agencies;
    total.rate_parts = Some(RateParts {
        numerator: num_code.to_owned(),
        numerator_name: name_of(num_code),
        numerator_value: nv,
        numerator_qualifier: nq,
        denominator: den_code.to_owned(),
        denominator_name: name_of(den_code),
        denominator_value: dv,
        denominator_qualifier: dq,
        unit,
        agencies: distinct_agencies(chosen.iter().map(|p| p.agency)),
        sources: chosen
            .iter()
            .flat_map(|p| p.num.iter().chain(p.den.iter()))
            .map(Entry::source)
            .collect(),
        numerator_sources: chosen
            .iter()
            .flat_map(|p| p.num.iter())
            .map(Entry::source)
            .collect(),
        denominator_sources: chosen
            .iter()
            .flat_map(|p| p.den.iter())
            .map(Entry::source)
            .collect(),
    });
}
