//! Quality score per report, with its reasons, along the dimensions the
//! 督察 evaluators check (weights and cues in `data/quality.toml`), and the
//! district's ranking and distribution.
//!
//! Each dimension scores 0–1; the report's score is the weighted mean × 100
//! (0.1). Dimensions: parts present (n/5) and in statutory order; on time;
//! published; density (numbers counted as `level` in the measures plus case
//! cues, per 1 000 characters of the measures, against a target); share of
//! shortcomings that give a cause (the summary's cause cues); share of plans
//! that are specific (a figure, a date cue, or at least two chapter terms);
//! distinct kinds of leader-duty facts against a target; 1 − copied share.

use std::sync::OnceLock;

use fazhi_core::{DutyFactKind, ParsedReport, Part};
use fazhi_summary::model::{AgencyRef, ReportContribution, Role};
use serde::{Deserialize, Serialize};

pub const QUALITY_TOML: &str = include_str!("../data/quality.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityConfig {
    pub weights: Weights,
    pub targets: Targets,
    pub cues: Cues,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub parts: f64,
    pub order: f64,
    pub on_time: f64,
    pub published: f64,
    pub density: f64,
    pub causes: f64,
    pub plans: f64,
    pub duty: f64,
    pub copied: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Targets {
    pub facts_per_1000: f64,
    pub duty_kinds: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cues {
    pub case: Vec<String>,
    pub time: Vec<String>,
}

impl QualityConfig {
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}

/// The embedded configuration. It is checked by this crate's tests; should
/// it ever fail to parse, every weight is zero and every score 0.
pub fn config() -> &'static QualityConfig {
    static CFG: OnceLock<QualityConfig> = OnceLock::new();
    CFG.get_or_init(|| {
        QualityConfig::parse(QUALITY_TOML).unwrap_or(QualityConfig {
            weights: Weights {
                parts: 0.0,
                order: 0.0,
                on_time: 0.0,
                published: 0.0,
                density: 0.0,
                causes: 0.0,
                plans: 0.0,
                duty: 0.0,
                copied: 0.0,
            },
            targets: Targets {
                facts_per_1000: 1.0,
                duty_kinds: 1,
            },
            cues: Cues {
                case: Vec::new(),
                time: Vec::new(),
            },
        })
    })
}

/// What the score of one report is computed from.
#[derive(Debug, Clone)]
pub struct QualityInput<'a> {
    pub parsed: &'a ParsedReport,
    pub contribution: &'a ReportContribution,
    /// Whether the office knows it was published; `None`: the text decides
    /// (a publication date in it).
    pub published: Option<bool>,
    /// From [`crate::copying`]; `None` leaves the dimension out.
    pub copied_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// `parts`, `order`, `on_time`, `published`, `density`, `causes`, `plans`, `duty`, `copied`.
    pub dimension: String,
    /// 0–1 (0.01).
    pub score: f64,
    pub weight: f64,
    /// Points this dimension adds to the score (0.1).
    pub points: f64,
    /// Why, in Chinese for the clerk.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityScore {
    pub agency: AgencyRef,
    pub submission_id: String,
    /// 0–100 (0.1).
    pub score: f64,
    pub reasons: Vec<Reason>,
    /// Numbers and cases in the measures per 1 000 characters (0.1).
    pub facts_per_1000: f64,
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn has_figure(s: &str) -> bool {
    // Arabic figures only: Chinese numerals also number the items (一是).
    s.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Score one report.
pub fn score(input: &QualityInput<'_>, cfg: &QualityConfig) -> QualityScore {
    let p = input.parsed;
    let c = input.contribution;
    let w = &cfg.weights;
    let mut dims: Vec<(&str, f64, f64, String)> = Vec::new();

    let present = p.parts_present();
    let missing: Vec<&str> = p.parts_missing().iter().map(|m| m.title_zh()).collect();
    dims.push((
        "parts",
        share(present.len(), 5),
        w.parts,
        if missing.is_empty() {
            "五个法定部分齐全".to_owned()
        } else {
            format!("缺少：{}", missing.join("、"))
        },
    ));
    let in_order = present.len() >= 2 && p.sections.windows(2).all(|s| s[0].part <= s[1].part);
    dims.push((
        "order",
        if in_order { 1.0 } else { 0.0 },
        w.order,
        if in_order {
            "各部分按法定顺序排列"
        } else {
            "各部分未按法定顺序排列或部分过少"
        }
        .to_owned(),
    ));
    dims.push((
        "on_time",
        if c.on_time { 1.0 } else { 0.0 },
        w.on_time,
        if c.on_time {
            "按时报送"
        } else {
            "逾期报送"
        }
        .to_owned(),
    ));
    let published = input.published.unwrap_or(p.published.is_some());
    dims.push((
        "published",
        if published { 1.0 } else { 0.0 },
        w.published,
        if published {
            "已公开"
        } else {
            "未见公开信息"
        }
        .to_owned(),
    ));

    let measures: Vec<_> = p
        .sections
        .iter()
        .filter(|s| s.part == Part::Measures)
        .collect();
    let measures_chars: usize = measures.iter().map(|s| s.end.saturating_sub(s.start)).sum();
    let numbers = c
        .quantities
        .iter()
        .filter(|q| q.part == Some(Part::Measures) && q.role == Role::Level)
        .count();
    let cases: usize = measures
        .iter()
        .flat_map(|s| &s.items)
        .map(|i| {
            cfg.cues
                .case
                .iter()
                .filter(|k| i.text.contains(k.as_str()))
                .count()
        })
        .sum();
    let per_1000 = if measures_chars == 0 {
        0.0
    } else {
        (numbers + cases) as f64 * 1000.0 / measures_chars as f64
    };
    dims.push((
        "density",
        (per_1000 / cfg.targets.facts_per_1000.max(f64::MIN_POSITIVE)).min(1.0),
        w.density,
        format!(
            "举措和成效部分{measures_chars}字，数据{numbers}个、案例{cases}个，每千字{}个",
            round(per_1000, 1)
        ),
    ));

    let cause_cues = &fazhi_summary::reading::cues().cause;
    let shortcomings: Vec<_> = c
        .items
        .iter()
        .filter(|i| i.part == Part::Shortcomings)
        .collect();
    let with_cause = shortcomings
        .iter()
        .filter(|i| cause_cues.iter().any(|k| i.text.contains(k.as_str())))
        .count();
    dims.push((
        "causes",
        share(with_cause, shortcomings.len()),
        w.causes,
        format!("不足{}条，其中说明原因{with_cause}条", shortcomings.len()),
    ));

    let plans: Vec<_> = c
        .items
        .iter()
        .filter(|i| i.part == Part::NextYear)
        .collect();
    let specific = plans
        .iter()
        .filter(|i| {
            has_figure(&i.text)
                || cfg.cues.time.iter().any(|k| i.text.contains(k.as_str()))
                || i.themes.iter().map(|h| h.terms.len()).sum::<usize>() >= 2
        })
        .count();
    dims.push((
        "plans",
        share(specific, plans.len()),
        w.plans,
        format!("安排{}条，其中具体{specific}条", plans.len()),
    ));

    let mut kinds: Vec<DutyFactKind> = p.duty_facts.iter().map(|f| f.kind).collect();
    kinds.sort_by_key(|k| *k as u8);
    kinds.dedup();
    dims.push((
        "duty",
        (share(kinds.len(), cfg.targets.duty_kinds.max(1))).min(1.0),
        w.duty,
        format!("第一责任人履职事实{}类", kinds.len()),
    ));
    if let Some(s) = input.copied_share {
        dims.push((
            "copied",
            (1.0 - s).clamp(0.0, 1.0),
            w.copied,
            format!("雷同语句占比{}%", round(s * 100.0, 1)),
        ));
    }

    let total_w: f64 = dims.iter().map(|d| d.2.max(0.0)).sum();
    let reasons: Vec<Reason> = dims
        .into_iter()
        .map(|(d, s, wt, detail)| Reason {
            dimension: d.to_owned(),
            score: round(s, 2),
            weight: wt,
            points: if total_w > 0.0 {
                round(s * wt.max(0.0) * 100.0 / total_w, 1)
            } else {
                0.0
            },
            detail,
        })
        .collect();
    let score = if total_w > 0.0 {
        round(
            reasons
                .iter()
                .map(|r| r.score * r.weight.max(0.0))
                .sum::<f64>()
                * 100.0
                / total_w,
            1,
        )
    } else {
        0.0
    };
    QualityScore {
        agency: AgencyRef::from(&c.agency),
        submission_id: c.submission_id.clone(),
        score,
        reasons,
        facts_per_1000: round(per_1000, 1),
    }
}
