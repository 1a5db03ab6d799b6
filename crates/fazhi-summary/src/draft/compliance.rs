//! Part five (coverage, timeliness, missing and late units by name, missing
//! statutory parts, year or agency mismatches, publication; with the
//! season's figures, [`super::season`] writes coverage, publication and the
//! office's work) and the annexes
//! (coverage table, chapter matrix, per-unit figures).

use fazhi_core::Part;

use super::prose::{Cites, Para, heading, short_names};
use crate::catalog::{Catalog, Themes, UNCLASSIFIED};
use crate::model::{AgencyRef, Block, CoverageEntry, DistrictSummary};
use crate::names::short_name;

/// Parser finding codes the office acts on, with how the draft says them.
pub(crate) const FINDINGS: [(&str, &str); 2] = [
    ("year_mismatch", "报告所述年度与报送年度不一致"),
    ("agency_mismatch", "报告署名单位与报送单位不一致"),
];

fn refs<'a>(entries: impl Iterator<Item = &'a CoverageEntry>) -> Vec<AgencyRef> {
    entries.map(|c| AgencyRef::from(&c.agency)).collect()
}

/// `{names}共N家单位{what}。` with N recomputed by the verifier from `fact`.
fn listed(p: &mut Para, names: &[AgencyRef], fact: &str, what: &str) {
    p.text(format!("{}共", short_names(names)));
    p.fact(fact, names.len() as f64, "家");
    p.text(format!("单位{what}。"));
}

/// Part five: the units' own other matters, then the season (coverage,
/// conformity, publication and, with the season's figures, the office's work).
pub(crate) fn part(summary: &DistrictSummary, cites: &mut Cites, out: &mut Vec<Block>) {
    for a in &summary.other_matters {
        let mut p = Para::default();
        p.text(format!("{}报告：", short_name(&a.agency.name)));
        let mut any = false;
        for passage in &a.passages {
            let id = cites.passage(&a.agency, &a.submission_id, passage);
            p.quoted(passage.text.trim(), id).cite(id);
            any = true;
        }
        if any {
            out.push(p.block());
        }
    }
    match &summary.season {
        Some(season) => super::season::coverage(&season.status, out),
        None => coverage(summary, out),
    }
    conformity(summary, out);
    match &summary.season {
        Some(season) => {
            super::season::publication(&season.status, out);
            super::season::office(season, out);
        }
        None => publication(summary, out),
    }
}

/// （一）报送情况 without the season's figures: from the reports that count.
fn coverage(summary: &DistrictSummary, out: &mut Vec<Block>) {
    let r = &summary.reporting;
    let mut p = Para::default();
    p.text("（一）报送情况。全区应报送年度报告的单位");
    p.fact("expected", r.expected as f64, "家").text("，已报送");
    p.fact("actual", r.actual as f64, "家");
    if let Some(rate) = r.rate {
        p.text("，报送率").fact("rate", rate, "%");
    }
    p.text("；按时报送");
    p.fact("on_time", r.on_time as f64, "家");
    if let Some(rate) = r.rate_on_time {
        p.text("，按时报送率").fact("rate_on_time", rate, "%");
    }
    p.text("。");
    let not_submitted = refs(summary.coverage.iter().filter(|c| !c.submitted));
    if not_submitted.is_empty() {
        p.text("应报送单位均已报送。");
    } else {
        listed(
            &mut p,
            &not_submitted,
            "not_submitted",
            "截至汇总时尚未报送，需督促报送",
        );
    }
    let late = refs(summary.coverage.iter().filter(|c| c.on_time == Some(false)));
    if !late.is_empty() {
        p.text("");
        listed(&mut p, &late, "late", "未在三月一日前报送");
    }
    out.push(p.block());
}

fn conformity(summary: &DistrictSummary, out: &mut Vec<Block>) {
    let mut p = Para::default();
    p.text("（二）报告规范情况。");
    let mut any = false;
    for part in Part::ALL {
        let missing = refs(
            summary
                .coverage
                .iter()
                .filter(|c| c.submitted && c.missing.contains(&part)),
        );
        if !missing.is_empty() {
            listed(
                &mut p,
                &missing,
                &format!("missing:{}", part.code()),
                &format!("的报告缺少“{}”部分", part.title_zh()),
            );
            any = true;
        }
    }
    for (code, what) in FINDINGS {
        let found = refs(
            summary
                .coverage
                .iter()
                .filter(|c| c.findings.iter().any(|f| f.code == code)),
        );
        if !found.is_empty() {
            listed(&mut p, &found, &format!("finding:{code}"), what);
            any = true;
        }
    }
    if !any {
        p.text("已报送的报告均具备五个法定部分，未发现年度或单位不一致的情况。");
    }
    out.push(p.block());
}

/// （三）公开情况 without the office's records: what the texts say.
fn publication(summary: &DistrictSummary, out: &mut Vec<Block>) {
    let mut p = Para::default();
    p.text("（三）公开情况。");
    let published = refs(
        summary
            .coverage
            .iter()
            .filter(|c| c.submitted && c.published.is_some()),
    );
    let unpublished = refs(
        summary
            .coverage
            .iter()
            .filter(|c| c.submitted && c.published.is_none()),
    );
    if !published.is_empty() {
        listed(&mut p, &published, "published", "的报告文本载明了发布日期");
    }
    if !unpublished.is_empty() {
        listed(
            &mut p,
            &unpublished,
            "unpublished",
            "的报告文本未载明发布信息",
        );
        p.text("请核实上述单位是否已于");
        p.year(summary.year + 1);
        p.text("年四月一日前向社会公开。");
    }
    out.push(p.block());
}

/// On time as the season counts it (the unit's first arrival) when the
/// store gave the season, else as the report's contribution says.
fn on_time(summary: &DistrictSummary, c: &CoverageEntry) -> Option<bool> {
    match &summary.season {
        Some(s) if c.submitted => {
            Some(!s.status.late_units.iter().any(|u| u.code == c.agency.code))
        }
        Some(_) => None,
        None => c.on_time,
    }
}

fn yes_no(b: Option<bool>) -> String {
    match b {
        Some(true) => "是",
        Some(false) => "否",
        None => "—",
    }
    .to_owned()
}

pub(crate) fn annexes(
    summary: &DistrictSummary,
    catalog: &Catalog,
    themes: &Themes,
    out: &mut Vec<Block>,
) {
    out.push(heading(1, "附表"));
    out.push(heading(2, "附表一：各单位报送情况"));
    let mut header = vec!["单位".to_owned(), "已报送".to_owned(), "按时".to_owned()];
    header.extend(
        Part::ALL
            .iter()
            .map(|p| p.title_zh().chars().take(8).collect::<String>()),
    );
    header.push("发布日期".to_owned());
    let rows = summary
        .coverage
        .iter()
        .map(|c| {
            let mut row = vec![
                short_name(&c.agency.name),
                yes_no(Some(c.submitted)),
                yes_no(on_time(summary, c)),
            ];
            row.extend(
                Part::ALL
                    .iter()
                    .map(|p| if c.parts.contains(p) { "有" } else { "缺" }.to_owned()),
            );
            row.push(c.published.clone().unwrap_or_else(|| "—".to_owned()));
            row
        })
        .collect();
    out.push(Block::Table { header, rows });
    if !summary.theme_matrix.rows.is_empty() {
        out.push(heading(2, "附表二：各单位主要举措分布（按纲要章节，项）"));
        let mut header = vec!["单位".to_owned()];
        header.extend(summary.theme_matrix.themes.iter().map(|c| {
            if c == UNCLASSIFIED {
                "其他".to_owned()
            } else {
                themes.short(c)
            }
        }));
        let rows = summary
            .theme_matrix
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![short_name(&r.agency.name)];
                row.extend(r.counts.iter().map(|n| n.to_string()));
                row
            })
            .collect();
        out.push(Block::Table { header, rows });
    }
    // Every number of every report, as written, with where it went.
    let mut rows: Vec<Vec<String>> = Vec::new();
    for t in summary.indicators.iter().chain(&summary.other_quantities) {
        let name = t
            .code
            .as_deref()
            .and_then(|c| catalog.get(c))
            .map_or_else(|| t.name.clone(), |d| d.name.clone());
        for (s, summed) in t
            .sources
            .iter()
            .map(|s| (s, t.code.is_some()))
            .chain(t.apart.iter().map(|s| (s, false)))
        {
            rows.push(vec![
                short_name(&s.agency.name),
                name.clone(),
                s.number.clone(),
                if summed && t.kind != fazhi_core::QuantityKind::Count {
                    "比率，不相加".to_owned()
                } else if summed {
                    "计入合计".to_owned()
                } else if t.code.is_some() {
                    s.role.zh().to_owned()
                } else {
                    "未归入指标".to_owned()
                },
            ]);
        }
    }
    if !rows.is_empty() {
        out.push(heading(2, "附表三：各单位报告的数据（原文）"));
        out.push(Block::Table {
            header: vec![
                "单位".to_owned(),
                "指标".to_owned(),
                "原文数字".to_owned(),
                "汇总方式".to_owned(),
            ],
            rows,
        });
    }
}
