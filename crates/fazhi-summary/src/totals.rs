//! Totals per indicator and unit, respecting qualifiers; rates recomputed from
//! their parts or shown as a range.
//!
//! # Qualifier algebra (for sums)
//! Qualifiers fall into four classes: exact, lower bound (`at_least` 余/多,
//! `more_than` 超/逾, strict), upper bound (`up_to`), and `approx`.
//! - `exact` is neutral: `exact + q = q`;
//! - `approx` absorbs: `approx + q = approx`;
//! - lower + lower = lower, strict (`more_than`) if either is strict:
//!   `at_least + at_least = at_least`, `more_than + at_least = more_than`;
//! - `up_to + up_to = up_to`;
//! - lower + upper = `approx` (the sum is bounded on neither side).
//!
//! The operation is commutative and associative, so a total does not depend on
//! the order of its sources. `20余场 + 34场 = at_least 54场`.
//!
//! Counts are summed only within one unit (`次` and `人次` give two totals).
//! Rates are never summed: a rate indicator with `numerator`/`denominator` in
//! the catalog is recomputed as Σnumerator / Σdenominator × 100 over the
//! agencies that reported both parts in the same unit (rounded to 0.1;
//! `exact` when all parts are exact, else `approx`); otherwise its `value` is
//! the one stated rate when there is exactly one, and `min`/`max` always give
//! the range of stated (and per-agency recomputed) rates with `agencies_count`.
//! Non-finite values are kept as sources but left out of sums and ranges.

use fazhi_core::{Qualifier, QuantityKind};

use crate::catalog::Catalog;
use crate::model::{AgencyRef, IndicatorTotal, MappedQuantity, Role, Source};

mod rates;

use rates::recompute_rate;

/// Qualifier of `a + b` (see the module documentation).
pub fn combine(a: Qualifier, b: Qualifier) -> Qualifier {
    use Qualifier::*;
    match (a, b) {
        (Exact, q) | (q, Exact) => q,
        (Approx, _) | (_, Approx) => Approx,
        (UpTo, UpTo) => UpTo,
        (UpTo, _) | (_, UpTo) => Approx,
        (MoreThan, _) | (_, MoreThan) => MoreThan,
        (AtLeast, AtLeast) => AtLeast,
    }
}

/// Sum of qualified values (non-finite values skipped); `None` when empty.
pub fn sum<I: IntoIterator<Item = (f64, Qualifier)>>(values: I) -> Option<(f64, Qualifier)> {
    values
        .into_iter()
        .filter(|(v, _)| v.is_finite())
        .fold(None, |acc, (v, q)| match acc {
            None => Some((v, q)),
            Some((s, sq)) => Some((s + v, combine(sq, q))),
        })
}

/// Round to one decimal (percentages).
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// One quantity of one report, as aggregation sees it.
#[derive(Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub agency: &'a AgencyRef,
    pub submission_id: &'a str,
    pub q: &'a MappedQuantity,
}

impl Entry<'_> {
    fn source(&self) -> Source {
        Source {
            agency: self.agency.clone(),
            submission_id: self.submission_id.to_owned(),
            text: self.q.text.clone(),
            start: self.q.start,
            end: self.q.end,
            value: self.q.value,
            unit: self.q.unit.clone(),
            qualifier: self.q.qualifier,
            number: self.q.number.clone(),
            role: self.q.role,
            sentence: self.q.sentence.clone(),
            sentence_start: self.q.sentence_start,
            sentence_end: self.q.sentence_end,
            clause: self.q.clause.clone(),
            clause_start: self.q.clause_start,
            clause_end: self.q.clause_end,
            theme: self.q.theme.clone(),
            part: self.q.part,
        }
    }
}

fn distinct_agencies<'a>(entries: impl IntoIterator<Item = &'a AgencyRef>) -> Vec<AgencyRef> {
    let mut out: Vec<AgencyRef> = Vec::new();
    for a in entries {
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

fn range(values: impl IntoIterator<Item = f64>) -> (Option<f64>, Option<f64>) {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((None, None), |(lo, hi), v| {
            (
                Some(lo.map_or(v, |l: f64| l.min(v))),
                Some(hi.map_or(v, |h: f64| h.max(v))),
            )
        })
}

/// A total of entries that share a key, as counts, rates or changes dictate.
fn total(
    code: Option<String>,
    name: String,
    theme: Option<String>,
    unit: &str,
    kind: QuantityKind,
    group: &[Entry<'_>],
) -> IndicatorTotal {
    let agencies = distinct_agencies(group.iter().map(|e| e.agency));
    let (value, qualifier, min, max) = match kind {
        QuantityKind::Count => match sum(group.iter().map(|e| (e.q.value, e.q.qualifier))) {
            Some((v, q)) => (Some(v), Some(q), None, None),
            None => (None, None, None, None),
        },
        QuantityKind::Rate | QuantityKind::Change => {
            let (min, max) = range(group.iter().map(|e| e.q.value));
            match group {
                [one] if one.q.value.is_finite() => {
                    (Some(one.q.value), Some(one.q.qualifier), min, max)
                }
                _ => (None, None, min, max),
            }
        }
    };
    IndicatorTotal {
        code,
        name,
        theme,
        unit: unit.to_owned(),
        kind,
        value,
        qualifier,
        min,
        max,
        agencies_count: agencies.len(),
        agencies,
        rate_parts: None,
        sources: group.iter().map(Entry::source).collect(),
        apart: Vec::new(),
    }
}

/// Group entries by a key, keeping first-appearance order.
fn group_by<'a, K: PartialEq>(
    entries: &[Entry<'a>],
    key: impl Fn(&Entry<'a>) -> Option<K>,
) -> Vec<(K, Vec<Entry<'a>>)> {
    let mut groups: Vec<(K, Vec<Entry<'a>>)> = Vec::new();
    for e in entries {
        let Some(k) = key(e) else { continue };
        match groups.iter_mut().find(|(gk, _)| *gk == k) {
            Some((_, g)) => g.push(*e),
            None => groups.push((k, vec![*e])),
        }
    }
    groups
}

/// Totals of the quantities mapped to catalog indicators, in catalog order.
pub(crate) fn indicator_totals(catalog: &Catalog, all: &[Entry<'_>]) -> Vec<IndicatorTotal> {
    // Only the year's own figures are summed (and enter rates); breakdowns,
    // averages and multi-year figures are kept apart on their indicator.
    let entries: Vec<Entry<'_>> = all
        .iter()
        .copied()
        .filter(|e| e.q.role == Role::Level)
        .collect();
    let entries = entries.as_slice();
    let apart: Vec<Entry<'_>> = all
        .iter()
        .copied()
        .filter(|e| e.q.role != Role::Level)
        .collect();
    let mut groups = group_by(entries, |e| {
        e.q.indicator
            .clone()
            .map(|c| (c, e.q.unit.clone(), e.q.kind))
    });
    // Rates recomputable from parts exist even when no agency states them.
    for def in &catalog.indicators {
        if def.kind == QuantityKind::Rate
            && def.numerator.is_some()
            && def.denominator.is_some()
            && !groups.iter().any(|((c, _, _), _)| *c == def.code)
        {
            let unit = def.units.first().cloned().unwrap_or_else(|| "%".to_owned());
            groups.push(((def.code.clone(), unit, QuantityKind::Rate), Vec::new()));
        }
    }
    // An indicator whose every number is apart still gets its entry.
    for e in &apart {
        if let Some(code) = &e.q.indicator {
            let key = (code.clone(), e.q.unit.clone(), e.q.kind);
            if !groups.iter().any(|(k, _)| *k == key) {
                groups.push((key, Vec::new()));
            }
        }
    }
    groups.sort_by_key(|((code, _, _), _)| catalog.position(code));
    let mut out = Vec::new();
    for ((code, unit, kind), group) in groups {
        let def = catalog.get(&code);
        let name = def.map_or_else(|| code.clone(), |d| d.name.clone());
        let theme = def.map(|d| d.theme.clone());
        let mut t = total(Some(code.clone()), name, theme, &unit, kind, &group);
        if kind == QuantityKind::Rate {
            recompute_rate(catalog, &mut t, entries);
        }
        t.apart = apart
            .iter()
            .filter(|e| {
                e.q.indicator.as_deref() == Some(code.as_str())
                    && e.q.unit == unit
                    && e.q.kind == kind
            })
            .map(Entry::source)
            .collect();
        if !t.sources.is_empty() || t.rate_parts.is_some() || !t.apart.is_empty() {
            out.push(t);
        }
    }
    out
}

/// Totals of the quantities no indicator claims, by counted phrase, unit and kind.
pub(crate) fn other_totals(entries: &[Entry<'_>]) -> Vec<IndicatorTotal> {
    let groups = group_by(entries, |e| {
        e.q.indicator.is_none().then(|| {
            (
                e.q.what.trim().to_owned(),
                e.q.unit.clone(),
                e.q.kind,
                e.q.role,
            )
        })
    });
    groups
        .into_iter()
        .map(|((what, unit, kind, role), group)| {
            let name = if what.is_empty() {
                "未注明".to_owned()
            } else {
                what
            };
            let mut t = total(None, name, None, &unit, kind, &group);
            if role != Role::Level {
                // Not a year's level: nothing to sum, the numbers stand apart.
                t.apart = std::mem::take(&mut t.sources);
                t.value = None;
                t.qualifier = None;
            }
            t
        })
        .collect()
}

#[cfg(test)]
mod tests;
