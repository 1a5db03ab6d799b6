//! The verifier, run on every build: every number of the draft's text must
//! follow from its cited sources by the documented algebra.
//!
//! - `sum`: Σ of the cited numbers (each a citation of a number, all in the
//!   printed unit) with the qualifier algebra of [`crate::totals`]; printed
//!   as [`fmt_qualified`], or, for one source, as that unit wrote it;
//! - `rate`: Σ numerators / Σ denominators × 100, rounded to 0.1;
//! - `units`: distinct units among the cited sources; `items`: distinct cites;
//! - `coverage`: recomputed from the coverage table (`season:*`: read from
//!   the season's figures, `plans:*` from the plan review the store gave); `year`: the reporting
//!   year or the next one;
//! - `quote`: digits quoted as written (a year, a name) from the one cited
//!   source, whose sentence must contain them.
//!
//! Text runs, headings and the title carry no other digits (a heading or the
//! title may name the reporting year). Tables (annexes) are copies of the
//! coverage table and of the sources' numbers as written, not checked here.

use fazhi_core::Part;

use crate::citation_index::CitationIndex;
use crate::draft::{fmt_num, fmt_qualified};
use crate::model::{
    Block, Citation, DistrictSummary, Inline, Op, Verification, VerificationFailure,
};
use crate::totals::{round1, sum};

fn digits(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

fn cited<'a>(citations: &CitationIndex<'a>, ids: &[usize]) -> Result<Vec<&'a Citation>, String> {
    ids.iter()
        .map(|id| {
            citations
                .get(*id)
                .ok_or_else(|| format!("cites [{id}], which is no citation"))
        })
        .collect()
}

fn numbers(cs: &[&Citation], unit: &str) -> Result<Vec<(f64, fazhi_core::Qualifier)>, String> {
    cs.iter()
        .map(|c| match (c.value, c.qualifier, c.unit.as_deref()) {
            (Some(v), Some(q), Some(u)) if u == unit => Ok((v, q)),
            (Some(_), _, Some(u)) => Err(format!("[{}] is in {u}, not {unit}", c.id)),
            _ => Err(format!("[{}] is not a number", c.id)),
        })
        .collect()
}

fn coverage_fact(s: &DistrictSummary, fact: &str) -> Option<f64> {
    let r = &s.reporting;
    let count = |f: &dyn Fn(&crate::model::CoverageEntry) -> bool| {
        s.coverage.iter().filter(|c| f(c)).count() as f64
    };
    Some(match fact {
        "expected" => r.expected as f64,
        "actual" => r.actual as f64,
        "on_time" => r.on_time as f64,
        "rate" => r.rate?,
        "rate_on_time" => r.rate_on_time?,
        "not_submitted" => count(&|c| !c.submitted),
        "late" => count(&|c| c.on_time == Some(false)),
        "published" => count(&|c| c.submitted && c.published.is_some()),
        "unpublished" => count(&|c| c.submitted && c.published.is_none()),
        f => {
            if let Some(key) = f.strip_prefix("season:") {
                return s.season.as_ref()?.fact(key);
            }
            if let Some(key) = f.strip_prefix("plans:") {
                return s.plan_delivery.as_ref()?.fact(key);
            }
            if let Some(code) = f.strip_prefix("missing:") {
                let part = Part::from_code(code)?;
                count(&|c| c.submitted && c.missing.contains(&part))
            } else if let Some(code) = f.strip_prefix("finding:") {
                count(&|c| c.findings.iter().any(|x| x.code == code))
            } else {
                return None;
            }
        }
    })
}

/// Why a number does not follow from its derivation (`None`: it does).
fn check(
    s: &DistrictSummary,
    citations: &CitationIndex<'_>,
    text: &str,
    d: &crate::model::Derivation,
) -> Option<String> {
    let result: Result<(), String> = (|| {
        match d.op {
            Op::Sum => {
                let cs = cited(citations, &d.cites)?;
                if cs.is_empty() {
                    return Err("a sum of no source".into());
                }
                let (v, q) = sum(numbers(&cs, &d.unit)?).ok_or("no finite source")?;
                if !close(v, d.value) || Some(q) != d.qualifier {
                    return Err(format!(
                        "sources add up to {v} ({q:?}), not {} ({:?})",
                        d.value, d.qualifier
                    ));
                }
                let as_written =
                    matches!(cs.as_slice(), [one] if one.number.as_deref() == Some(text));
                if !as_written && text != fmt_qualified(v, q, &d.unit) {
                    return Err(format!(
                        "printed `{text}` for {}",
                        fmt_qualified(v, q, &d.unit)
                    ));
                }
            }
            Op::Rate => {
                let num = cited(citations, &d.cites)?;
                let den = cited(citations, &d.denominator)?;
                let (n, _) = sum(numbers(
                    &num,
                    &num.first().and_then(|c| c.unit.clone()).unwrap_or_default(),
                )?)
                .ok_or("no numerator")?;
                let (m, _) = sum(numbers(
                    &den,
                    &den.first().and_then(|c| c.unit.clone()).unwrap_or_default(),
                )?)
                .ok_or("no denominator")?;
                if m <= 0.0 {
                    return Err("denominator is zero".into());
                }
                let r = round1(n / m * 100.0);
                if !close(r, d.value) || text != format!("{}%", fmt_num(r)) {
                    return Err(format!("{n}/{m} is {r}%, printed `{text}`"));
                }
            }
            Op::Units | Op::Items => {
                let cs = cited(citations, &d.cites)?;
                let mut seen: Vec<String> = Vec::new();
                for c in &cs {
                    let key = if d.op == Op::Units {
                        c.agency.code.clone()
                    } else {
                        c.id.to_string()
                    };
                    if !seen.contains(&key) {
                        seen.push(key);
                    }
                }
                let n = seen.len() as f64;
                if !close(n, d.value) || text != format!("{}{}", fmt_num(n), d.unit) {
                    return Err(format!("{n} cited, printed `{text}`"));
                }
            }
            Op::Coverage => {
                let fact = d.fact.as_deref().ok_or("no coverage fact named")?;
                let v = coverage_fact(s, fact).ok_or_else(|| format!("unknown fact `{fact}`"))?;
                let want = if d.unit == "%" {
                    format!("{}%", fmt_num(v))
                } else {
                    format!("{}{}", fmt_num(v), d.unit)
                };
                if !close(v, d.value) || text != want {
                    return Err(format!("coverage says {want}, printed `{text}`"));
                }
            }
            Op::Quote => {
                let cs = cited(citations, &d.cites)?;
                match cs.as_slice() {
                    [one] if one.sentence.contains(text) || one.text.contains(text) => {}
                    [_] => return Err(format!("`{text}` is not in the cited sentence")),
                    _ => return Err("a quote cites exactly one source".into()),
                }
            }
            Op::Year => {
                let ok = [s.year, s.year + 1]
                    .iter()
                    .any(|y| f64::from(*y) == d.value && text == y.to_string());
                if !ok {
                    return Err(format!("`{text}` is not the reporting year or the next"));
                }
            }
        }
        Ok(())
    })();
    result.err()
}

fn context(inlines: &[Inline], at: usize) -> String {
    let mut s = String::new();
    for i in &inlines[at.saturating_sub(2)..(at + 2).min(inlines.len())] {
        match i {
            Inline::Text { text } | Inline::Number { text, .. } => s.push_str(text),
            Inline::Cite { id } => s.push_str(&format!("[^{id}]")),
        }
    }
    s.chars().take(120).collect()
}

/// Check every number of the summary's draft.
pub fn verify(s: &DistrictSummary) -> Verification {
    let mut failures = Vec::new();
    let mut checked = 0;
    let index = CitationIndex::new(&s.citations);
    let years = [s.year.to_string(), (s.year + 1).to_string()];
    let bare = |t: &str| -> String {
        let mut t = t.to_owned();
        for y in &years {
            t = t.replace(y.as_str(), "");
        }
        t
    };
    for b in &s.draft {
        match b {
            Block::Title { text } | Block::Heading { text, .. } => {
                if digits(&bare(text)) {
                    failures.push(VerificationFailure {
                        number: text.clone(),
                        context: text.clone(),
                        reason: "a heading carries a number without a derivation".into(),
                    });
                }
            }
            Block::Paragraph { inlines } => {
                for (k, i) in inlines.iter().enumerate() {
                    match i {
                        Inline::Text { text } if digits(text) => {
                            failures.push(VerificationFailure {
                                number: text.chars().filter(|c| c.is_ascii_digit()).collect(),
                                context: context(inlines, k),
                                reason: "a number without a derivation".into(),
                            })
                        }
                        Inline::Number { text, derivation } => {
                            checked += 1;
                            if let Some(reason) = check(s, &index, text, derivation) {
                                failures.push(VerificationFailure {
                                    number: text.clone(),
                                    context: context(inlines, k),
                                    reason,
                                });
                            }
                        }
                        _ => {}
                    }
                }
            }
            Block::Table { .. } => {}
        }
    }
    Verification {
        passed: failures.is_empty(),
        checked,
        failures,
    }
}
