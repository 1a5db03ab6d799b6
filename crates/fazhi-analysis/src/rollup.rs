//! City rollup: a parent (a city, or any level above) over its districts,
//! computed from per-district aggregates, never from report text.
//!
//! [`Aggregate::from_district`] condenses one `DistrictSummary` (plus its
//! quality scores and tracked shortcomings); [`Aggregate::combine`] merges
//! aggregates into their parent's, and works at every level (a province over
//! cities). Everything merged is a sum, a range or a union, so a parent is
//! recomputed from its stored children when one of them changes: no district
//! is read again. Rates are recomputed from summed counts (reporting rates;
//! indicator rates from their numerator and denominator), never averaged.

use fazhi_core::{Qualifier, QuantityKind};
use fazhi_summary::model::{DistrictSummary, Source};
use fazhi_summary::totals;
use serde::{Deserialize, Serialize};

use crate::quality::QualityScore;
use crate::ranking::Distribution;
use crate::recurring::TrackedShortcoming;

/// The rollup's own reporting rates (DHIS2's names, as `fazhi season
/// status`): counts summed over the children, rates recomputed from the sums.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reporting {
    pub expected: usize,
    pub actual: usize,
    pub on_time: usize,
    pub outside_roster: usize,
    pub rate: Option<f64>,
    pub rate_on_time: Option<f64>,
    /// From the districts' season figures (0 where a district has none).
    #[serde(default)]
    pub late: usize,
    #[serde(default)]
    pub exempt: usize,
    #[serde(default)]
    pub published: usize,
    #[serde(default)]
    pub published_on_time: usize,
    #[serde(default)]
    pub publication_rate: Option<f64>,
    #[serde(default)]
    pub publication_rate_on_time: Option<f64>,
    /// Districts whose figures come from their season (received dates,
    /// deadlines, publication) rather than from the reports alone.
    #[serde(default)]
    pub with_season: usize,
}

impl Reporting {
    fn rates(mut self) -> Self {
        let pct = |a: usize| {
            (self.expected > 0).then(|| totals::round1(a as f64 * 100.0 / self.expected as f64))
        };
        self.rate = pct(self.actual);
        self.rate_on_time = pct(self.on_time);
        self.publication_rate = pct(self.published);
        self.publication_rate_on_time = pct(self.published_on_time);
        self
    }

    /// One district's: its season's figures when the store gave them, else
    /// what its summary counted.
    fn of(s: &DistrictSummary) -> Self {
        let r = match &s.season {
            Some(f) => {
                let f = &f.status;
                Reporting {
                    expected: f.expected,
                    actual: f.actual,
                    on_time: f.on_time,
                    late: f.late,
                    exempt: f.exempt,
                    published: f.published,
                    published_on_time: f.published_on_time,
                    with_season: 1,
                    ..Reporting::default()
                }
            }
            None => Reporting {
                expected: s.reporting.expected,
                actual: s.reporting.actual,
                on_time: s.reporting.on_time,
                ..Reporting::default()
            },
        };
        Reporting {
            outside_roster: s.reporting.outside_roster,
            ..r
        }
        .rates()
    }

    fn add(&mut self, o: &Reporting) {
        self.expected += o.expected;
        self.actual += o.actual;
        self.on_time += o.on_time;
        self.outside_roster += o.outside_roster;
        self.late += o.late;
        self.exempt += o.exempt;
        self.published += o.published;
        self.published_on_time += o.published_on_time;
        self.with_season += o.with_season;
    }
}

/// A source with the districts it comes through (outermost last: `[district]`
/// in a city, `[district, city]` in a province).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacedSource {
    pub path: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RolledTotal {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub kind: QuantityKind,
    /// Counts: the sum; rates: Σnumerator/Σdenominator ×100 when parts are
    /// known, else the one stated rate; otherwise `None` (see `min`/`max`).
    pub value: Option<f64>,
    pub qualifier: Option<Qualifier>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Rate parts: summed numerator and denominator.
    pub numerator: Option<(f64, Qualifier)>,
    pub denominator: Option<(f64, Qualifier)>,
    /// Reporting units behind it (summed over children).
    pub units: usize,
    pub sources: Vec<PlacedSource>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecurringAcross {
    /// Concept code, or `theme:<code>:<label>` when none.
    pub key: String,
    pub concept: Option<String>,
    pub theme: String,
    pub label: String,
    /// District names (path-joined below a city: `district/city`).
    pub districts: Vec<String>,
    /// Stable keys of the recurring shortcomings merged here.
    pub shortcomings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    pub name: String,
    pub year: i32,
    /// 0 = district, 1 = city, ….
    pub level: u8,
    pub children: Vec<String>,
    pub reporting: Reporting,
    pub indicators: Vec<RolledTotal>,
    pub quality: Distribution,
    /// Recurring shortcomings, grouped by concept, most widespread first.
    pub recurring: Vec<RecurringAcross>,
}

fn recurring_key(t: &TrackedShortcoming) -> String {
    t.concept
        .clone()
        .unwrap_or_else(|| format!("theme:{}:{}", t.theme, t.label))
}

impl Aggregate {
    /// One district's aggregate.
    pub fn from_district(
        s: &DistrictSummary,
        quality: &[QualityScore],
        tracked: &[TrackedShortcoming],
    ) -> Aggregate {
        let indicators = s
            .indicators
            .iter()
            .filter_map(|t| {
                let code = t.code.clone()?;
                let parts = t.rate_parts.as_ref();
                Some(RolledTotal {
                    code,
                    name: t.name.clone(),
                    unit: t.unit.clone(),
                    kind: t.kind,
                    value: t.value,
                    qualifier: t.qualifier,
                    min: t.min,
                    max: t.max,
                    numerator: parts.map(|p| (p.numerator_value, p.numerator_qualifier)),
                    denominator: parts.map(|p| (p.denominator_value, p.denominator_qualifier)),
                    units: t.agencies_count,
                    sources: t
                        .sources
                        .iter()
                        .map(|src| PlacedSource {
                            path: vec![s.district.clone()],
                            source: src.clone(),
                        })
                        .collect(),
                })
            })
            .collect();
        let mut recurring: Vec<RecurringAcross> = Vec::new();
        for t in tracked.iter().filter(|t| t.recurring) {
            let key = recurring_key(t);
            match recurring.iter_mut().find(|r| r.key == key) {
                Some(r) => r.shortcomings.push(t.key.clone()),
                None => recurring.push(RecurringAcross {
                    key,
                    concept: t.concept.clone(),
                    theme: t.theme.clone(),
                    label: t.label.clone(),
                    districts: vec![s.district.clone()],
                    shortcomings: vec![t.key.clone()],
                }),
            }
        }
        Aggregate {
            name: s.district.clone(),
            year: s.year,
            level: 0,
            children: Vec::new(),
            reporting: Reporting::of(s),
            indicators,
            quality: Distribution::of(quality.iter().map(|q| q.score)),
            recurring,
        }
    }

    /// The parent `name` over `children` (each counted once: a later child
    /// of the same name replaces an earlier one).
    pub fn combine(name: &str, children: &[Aggregate]) -> Aggregate {
        let mut kids: Vec<&Aggregate> = Vec::new();
        for c in children {
            match kids.iter().position(|k| k.name == c.name) {
                Some(i) => kids[i] = c,
                None => kids.push(c),
            }
        }
        let level = kids.iter().map(|k| k.level).max().map_or(1, |l| l + 1);
        let year = kids.first().map_or(0, |k| k.year);
        let mut reporting = Reporting::default();
        let mut quality = Distribution::default();
        let mut indicators: Vec<RolledTotal> = Vec::new();
        let mut recurring: Vec<RecurringAcross> = Vec::new();
        for k in &kids {
            reporting.add(&k.reporting);
            quality.merge(&k.quality);
            // Below a city, a source's path grows by the child's name.
            let place = |p: &PlacedSource| PlacedSource {
                path: if k.level > 0 {
                    p.path.iter().cloned().chain([k.name.clone()]).collect()
                } else {
                    p.path.clone()
                },
                source: p.source.clone(),
            };
            for t in &k.indicators {
                match indicators
                    .iter_mut()
                    .find(|r| r.code == t.code && r.unit == t.unit && r.kind == t.kind)
                {
                    Some(r) => merge_total(r, t, place),
                    None => indicators.push(RolledTotal {
                        sources: t.sources.iter().map(place).collect(),
                        ..t.clone()
                    }),
                }
            }
            for rc in &k.recurring {
                let districts: Vec<String> = if k.level > 0 {
                    rc.districts
                        .iter()
                        .map(|d| format!("{d}/{}", k.name))
                        .collect()
                } else {
                    rc.districts.clone()
                };
                match recurring.iter_mut().find(|r| r.key == rc.key) {
                    Some(r) => {
                        for d in districts {
                            if !r.districts.contains(&d) {
                                r.districts.push(d);
                            }
                        }
                        r.shortcomings.extend(rc.shortcomings.iter().cloned());
                    }
                    None => recurring.push(RecurringAcross {
                        districts,
                        ..rc.clone()
                    }),
                }
            }
        }
        recurring.sort_by(|a, b| {
            b.districts
                .len()
                .cmp(&a.districts.len())
                .then(b.shortcomings.len().cmp(&a.shortcomings.len()))
        });
        Aggregate {
            name: name.to_owned(),
            year,
            level,
            children: kids.iter().map(|k| k.name.clone()).collect(),
            reporting: reporting.rates(),
            indicators,
            quality,
            recurring,
        }
    }
}

fn add(a: Option<(f64, Qualifier)>, b: Option<(f64, Qualifier)>) -> Option<(f64, Qualifier)> {
    match (a, b) {
        (Some(x), Some(y)) => totals::sum([x, y]),
        (x, y) => x.or(y),
    }
}

fn merge_total(
    r: &mut RolledTotal,
    t: &RolledTotal,
    place: impl Fn(&PlacedSource) -> PlacedSource,
) {
    r.units += t.units;
    r.sources.extend(t.sources.iter().map(place));
    r.min = match (r.min, t.min) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    r.max = match (r.max, t.max) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    match r.kind {
        QuantityKind::Count => {
            let s = add(r.value.zip(r.qualifier), t.value.zip(t.qualifier));
            r.value = s.map(|x| x.0);
            r.qualifier = s.map(|x| x.1);
        }
        _ => {
            r.numerator = add(r.numerator, t.numerator);
            r.denominator = add(r.denominator, t.denominator);
            match (r.numerator, r.denominator) {
                (Some((n, nq)), Some((d, dq))) if d > 0.0 => {
                    r.value = Some(totals::round1(n * 100.0 / d));
                    r.qualifier = Some(if nq == Qualifier::Exact && dq == Qualifier::Exact {
                        Qualifier::Exact
                    } else {
                        Qualifier::Approx
                    });
                }
                // Two stated rates without parts have no common level: a range.
                _ => {
                    r.value = None;
                    r.qualifier = None;
                }
            }
        }
    }
}
