//! The consolidated draft, in Chinese, in the five statutory parts, as blocks
//! that render to Markdown (here) and DOCX ([`crate::docx`]).
//!
//! Every sentence that states a fact or a number names its agencies and
//! carries citation markers; each marker is an entry of
//! `DistrictSummary::citations` whose span is verbatim in that agency's report
//! (`chars[start..end]`, `end` exclusive). In Markdown the marker is a
//! footnote `[^id]`, whose note prints the agency and the span as 1-based
//! inclusive character positions (`第121–135字`).

use fazhi_core::{Part, Qualifier, QuantityKind};

use crate::catalog::{Themes, UNCLASSIFIED};
use crate::model::{
    AgencyRef, Block, Citation, DistrictSummary, IndicatorTotal, Inline, ItemGroup, Source,
    ThemeSummary,
};

/// A number for the draft: integers plain (`×10⁴` as 万 from 10万 up), others
/// with at most two decimals.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_owned();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let i = v as i64;
        if i.abs() >= 100_000 && i % 10_000 == 0 {
            return format!("{}万", i / 10_000);
        }
        return i.to_string();
    }
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A qualified total as a clerk writes it (`不少于362场`, `超过170万次`).
pub fn fmt_qualified(v: f64, q: Qualifier, unit: &str) -> String {
    let n = fmt_num(v);
    match q {
        Qualifier::Exact => format!("{n}{unit}"),
        Qualifier::AtLeast => format!("不少于{n}{unit}"),
        Qualifier::MoreThan => format!("超过{n}{unit}"),
        Qualifier::Approx => format!("约{n}{unit}"),
        Qualifier::UpTo => format!("不超过{n}{unit}"),
    }
}

/// `一`…`九十九` for list numbering.
pub fn cn_num(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// Collects citations, one id per distinct span.
#[derive(Default)]
pub(crate) struct Cites {
    pub list: Vec<Citation>,
}

impl Cites {
    fn add(
        &mut self,
        agency: &AgencyRef,
        submission_id: &str,
        start: usize,
        end: usize,
        text: &str,
        number: Option<&str>,
    ) -> usize {
        if let Some(c) = self.list.iter().find(|c| {
            c.submission_id == submission_id
                && c.start == start
                && c.end == end
                && c.agency == *agency
        }) {
            return c.id;
        }
        let id = self.list.len() + 1;
        self.list.push(Citation {
            id,
            agency: agency.clone(),
            submission_id: submission_id.to_owned(),
            start,
            end,
            text: text.to_owned(),
            number: number.map(str::to_owned),
        });
        id
    }

    fn source(&mut self, s: &Source) -> usize {
        self.add(
            &s.agency,
            &s.submission_id,
            s.start,
            s.end,
            &s.text,
            Some(&s.number),
        )
    }
}

/// A paragraph under construction.
#[derive(Default)]
struct Para(Vec<Inline>);

impl Para {
    fn text(&mut self, s: impl Into<String>) -> &mut Self {
        let s = s.into();
        match self.0.last_mut() {
            Some(Inline::Text { text }) => text.push_str(&s),
            _ => self.0.push(Inline::Text { text: s }),
        }
        self
    }
    fn cite(&mut self, id: usize) -> &mut Self {
        self.0.push(Inline::Cite { id });
        self
    }
    fn block(self) -> Block {
        Block::Paragraph { inlines: self.0 }
    }
}

fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

fn plain(text: impl Into<String>) -> Block {
    Block::Paragraph {
        inlines: vec![Inline::Text { text: text.into() }],
    }
}

fn names(agencies: &[AgencyRef]) -> String {
    agencies
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// `甲70余场[^2]、250余场[^3]，乙22场[^4]`: sources grouped by agency.
fn by_agency(p: &mut Para, cites: &mut Cites, sources: &[Source]) {
    let mut agencies: Vec<&AgencyRef> = Vec::new();
    for s in sources {
        if !agencies.contains(&&s.agency) {
            agencies.push(&s.agency);
        }
    }
    for (i, a) in agencies.iter().enumerate() {
        if i > 0 {
            p.text("，");
        }
        p.text(a.name.clone());
        for (j, s) in sources.iter().filter(|s| &s.agency == *a).enumerate() {
            if j > 0 {
                p.text("、");
            }
            let id = cites.source(s);
            p.text(s.number.clone()).cite(id);
        }
    }
}

fn indicator_para(t: &IndicatorTotal, cites: &mut Cites) -> Para {
    let mut p = Para::default();
    match t.kind {
        QuantityKind::Count => {
            if let ([one], Some(_)) = (t.sources.as_slice(), t.value) {
                let id = cites.source(one);
                p.text(format!("{}报告{}", one.agency.name, t.name))
                    .text(one.number.clone())
                    .cite(id)
                    .text("。");
            } else if let (Some(v), Some(q)) = (t.value, t.qualifier) {
                let who = if t.agencies_count == 1 {
                    names(&t.agencies)
                } else {
                    format!("{}等{}家单位", names(&t.agencies), t.agencies_count)
                };
                p.text(format!(
                    "{who}报告{}合计{}（",
                    t.name,
                    fmt_qualified(v, q, &t.unit)
                ));
                by_agency(&mut p, cites, &t.sources);
                p.text("）。");
            }
        }
        QuantityKind::Rate | QuantityKind::Change => {
            if let (Some(parts), Some(v)) = (&t.rate_parts, t.value) {
                p.text(format!(
                    "按{}报告的{}{}、{}{}计算，{}为{}%（",
                    names(&parts.agencies),
                    parts.numerator_name,
                    fmt_qualified(
                        parts.numerator_value,
                        parts.numerator_qualifier,
                        &parts.unit
                    ),
                    parts.denominator_name,
                    fmt_qualified(
                        parts.denominator_value,
                        parts.denominator_qualifier,
                        &parts.unit
                    ),
                    t.name,
                    fmt_num(v)
                ));
                by_agency(&mut p, cites, &parts.sources);
                p.text("）");
                if !t.sources.is_empty() {
                    p.text(format!("；各单位自报的{}：", t.name));
                    by_agency(&mut p, cites, &t.sources);
                }
                p.text("。");
            } else if let [one] = t.sources.as_slice() {
                let id = cites.source(one);
                p.text(format!("{}报告{}", one.agency.name, t.name))
                    .text(one.number.clone())
                    .cite(id)
                    .text("。");
            } else if let (Some(lo), Some(hi)) = (t.min, t.max) {
                p.text(format!(
                    "{}家单位报告{}，在{}{}至{}{}之间（",
                    t.agencies_count,
                    t.name,
                    fmt_num(lo),
                    t.unit,
                    fmt_num(hi),
                    t.unit
                ));
                by_agency(&mut p, cites, &t.sources);
                p.text("）。");
            }
        }
    }
    p
}

fn theme_section(
    n: usize,
    theme: &ThemeSummary,
    indicators: &[&IndicatorTotal],
    cites: &mut Cites,
    out: &mut Vec<Block>,
) {
    out.push(heading(2, format!("（{}）{}", cn_num(n), theme.name)));
    let measures: Vec<_> = theme
        .items
        .iter()
        .filter(|i| i.part == Part::Measures)
        .collect();
    if !measures.is_empty() {
        let mut p = Para::default();
        for (i, a) in theme.agencies.iter().enumerate() {
            if i > 0 {
                p.text("、");
            }
            p.text(a.name.clone());
            if let Some(first) = measures.iter().find(|m| &m.agency == a) {
                let id = cites.add(
                    &first.agency,
                    &first.submission_id,
                    first.start,
                    first.end,
                    &first.text,
                    None,
                );
                p.cite(id);
            }
        }
        p.text(format!(
            "共{}家单位报告了该方面的举措{}项。",
            theme.agencies.len(),
            measures.len()
        ));
        out.push(p.block());
        let primary: Vec<_> = measures.iter().filter(|m| m.primary).collect();
        if !primary.is_empty() {
            let mut p = Para::default();
            p.text("主要做法有：");
            for (i, m) in primary.iter().enumerate() {
                if i > 0 {
                    p.text("；");
                }
                let id = cites.add(&m.agency, &m.submission_id, m.start, m.end, &m.text, None);
                p.text(format!("{}“{}”", m.agency.name, m.label)).cite(id);
            }
            p.text("。");
            out.push(p.block());
        }
    }
    for t in indicators {
        let p = indicator_para(t, cites);
        if !p.0.is_empty() {
            out.push(p.block());
        }
    }
}

fn groups_section(groups: &[ItemGroup], verb: &str, cites: &mut Cites, out: &mut Vec<Block>) {
    for (n, g) in groups.iter().enumerate() {
        let mut p = Para::default();
        p.text(format!("（{}）{}方面，", cn_num(n + 1), g.theme_name));
        if g.agencies_count > 1 {
            p.text(format!(
                "{}等{}家单位{}：",
                names(&g.agencies),
                g.agencies_count,
                verb
            ));
        } else {
            p.text(format!("{}{}：", names(&g.agencies), verb));
        }
        for (i, item) in g.items.iter().enumerate() {
            if i > 0 {
                p.text("；");
            }
            let id = cites.add(
                &item.agency,
                &item.submission_id,
                item.start,
                item.end,
                &item.text,
                None,
            );
            if g.agencies_count > 1 {
                p.text(format!("{}“{}”", item.agency.name, item.label));
            } else {
                p.text(format!("“{}”", item.label));
            }
            p.cite(id);
        }
        p.text("。");
        out.push(p.block());
    }
}

/// `单位：“原文一”[^n] “原文二”[^m]`: an agency's passages quoted verbatim,
/// each cited to its span.
fn quoted_passages(a: &crate::AgencyPassages, cites: &mut Cites) -> Block {
    let mut p = Para::default();
    p.text(format!("{}：", a.agency.name));
    for (i, passage) in a.passages.iter().enumerate() {
        if i > 0 {
            p.text(" ");
        }
        let id = cites.add(
            &a.agency,
            &a.submission_id,
            passage.start,
            passage.end,
            &passage.text,
            None,
        );
        p.text(format!("“{}”", passage.text.trim())).cite(id);
    }
    p.block()
}

fn missing_part_sentence(summary: &DistrictSummary, part: Part) -> Option<Block> {
    let missing: Vec<AgencyRef> = summary
        .coverage
        .iter()
        .filter(|c| c.submitted && c.missing.contains(&part))
        .map(|c| AgencyRef::from(&c.agency))
        .collect();
    (!missing.is_empty()).then(|| {
        plain(format!(
            "{}共{}家单位的报告未单列“{}”部分（据报告结构识别）。",
            names(&missing),
            missing.len(),
            part.title_zh()
        ))
    })
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{}%", fmt_num(v)))
}

/// The draft's blocks and the citations they use.
pub(crate) fn build(summary: &DistrictSummary, themes: &Themes) -> (Vec<Block>, Vec<Citation>) {
    let mut cites = Cites::default();
    let mut out = Vec::new();
    let r = &summary.reporting;
    out.push(Block::Title {
        text: format!(
            "{}{}年法治政府建设年度报告（汇总稿）",
            summary.district, summary.year
        ),
    });
    out.push(plain(format!(
        "依据《法治政府建设与责任落实督察工作规定》，现将{}{}年度法治政府建设情况报告如下。本稿根据各单位报送的年度报告汇总形成：应报送单位{}家，实际报送{}家，报送率{}；按时报送{}家，按时报送率{}。文中数字均注明来源单位和原文位置。",
        summary.district,
        summary.year,
        r.expected,
        r.actual,
        pct(r.rate),
        r.on_time,
        pct(r.rate_on_time)
    )));

    // 一、主要举措和成效
    out.push(heading(1, format!("一、{}", Part::Measures.title_zh())));
    let mut n = 0;
    for theme in &summary.themes {
        let indicators: Vec<&IndicatorTotal> = summary
            .indicators
            .iter()
            .filter(|t| t.theme.as_deref() == Some(theme.code.as_str()))
            .collect();
        if theme.measures == 0 && indicators.is_empty() {
            continue;
        }
        n += 1;
        theme_section(n, theme, &indicators, &mut cites, &mut out);
    }
    let orphans: Vec<&IndicatorTotal> = summary
        .indicators
        .iter()
        .filter(|t| {
            !summary
                .themes
                .iter()
                .any(|th| Some(th.code.as_str()) == t.theme.as_deref())
        })
        .collect();
    if !summary.other_quantities.is_empty() || !orphans.is_empty() {
        n += 1;
        out.push(heading(2, format!("（{}）其他数据", cn_num(n))));
        for t in orphans {
            let p = indicator_para(t, &mut cites);
            if !p.0.is_empty() {
                out.push(p.block());
            }
        }
        if !summary.other_quantities.is_empty() {
            let mut p = Para::default();
            p.text("各单位报告的其他数据：");
            for (i, t) in summary.other_quantities.iter().enumerate() {
                if i > 0 {
                    p.text("；");
                }
                p.text(format!("{}（", t.name));
                by_agency(&mut p, &mut cites, &t.sources);
                p.text("）");
            }
            p.text("。");
            out.push(p.block());
        }
    }
    if n == 0 {
        out.push(plain("各单位报告中未识别出主要举措和成效。"));
    }
    if let Some(b) = missing_part_sentence(summary, Part::Measures) {
        out.push(b);
    }

    // 二、存在的不足和原因
    out.push(heading(1, format!("二、{}", Part::Shortcomings.title_zh())));
    if summary.shortcomings.is_empty() {
        out.push(plain("各单位报告中未识别出存在的不足和原因。"));
    } else {
        let items: usize = summary.shortcomings.iter().map(|g| g.items.len()).sum();
        let agencies: usize = count_agencies(&summary.shortcomings);
        out.push(plain(format!("{agencies}家单位共报告不足和原因{items}项，按纲要章节和相近表述归纳如下（按反映单位数排序）。")));
        groups_section(&summary.shortcomings, "反映", &mut cites, &mut out);
    }
    if let Some(b) = missing_part_sentence(summary, Part::Shortcomings) {
        out.push(b);
    }

    // 三、党政主要负责人履行推进法治建设第一责任人职责情况
    out.push(heading(1, format!("三、{}", Part::LeaderDuty.title_zh())));
    if summary.leader_duty.is_empty() {
        out.push(plain("各单位报告中未识别出该部分内容。"));
    } else {
        out.push(plain(format!(
            "{}家单位报告了党政主要负责人履行推进法治建设第一责任人职责情况。",
            summary.leader_duty.len()
        )));
        for a in &summary.leader_duty {
            out.push(quoted_passages(a, &mut cites));
        }
    }
    if let Some(b) = missing_part_sentence(summary, Part::LeaderDuty) {
        out.push(b);
    }

    // 四、下一年度推进法治政府建设的主要安排
    out.push(heading(1, format!("四、{}", Part::NextYear.title_zh())));
    if summary.plans.is_empty() {
        out.push(plain("各单位报告中未识别出下一年度工作安排。"));
    } else {
        let agencies = count_agencies(&summary.plans);
        out.push(plain(format!(
            "{}家单位报告了{}年工作安排，按纲要章节归纳如下。",
            agencies,
            summary.year + 1
        )));
        groups_section(&summary.plans, "计划", &mut cites, &mut out);
    }
    if let Some(b) = missing_part_sentence(summary, Part::NextYear) {
        out.push(b);
    }

    // 五、其他需要报告的情况
    out.push(heading(1, format!("五、{}", Part::Other.title_zh())));
    for a in &summary.other_matters {
        out.push(quoted_passages(a, &mut cites));
    }
    let not_submitted: Vec<AgencyRef> = summary
        .coverage
        .iter()
        .filter(|c| !c.submitted)
        .map(|c| AgencyRef::from(&c.agency))
        .collect();
    if not_submitted.is_empty() {
        out.push(plain(format!(
            "应报送的{}家单位均已报送年度报告。",
            r.expected
        )));
    } else {
        out.push(plain(format!(
            "截至汇总时，{}共{}家单位尚未报送年度报告。",
            names(&not_submitted),
            not_submitted.len()
        )));
    }
    let late: Vec<AgencyRef> = summary
        .coverage
        .iter()
        .filter(|c| c.on_time == Some(false))
        .map(|c| AgencyRef::from(&c.agency))
        .collect();
    if !late.is_empty() {
        out.push(plain(format!(
            "{}共{}家单位未在3月1日前报送。",
            names(&late),
            late.len()
        )));
    }

    // 附表
    out.push(heading(2, "附表1：各单位报送情况"));
    let mut header = vec!["单位".to_owned(), "已报送".to_owned(), "按时".to_owned()];
    header.extend(
        Part::ALL
            .iter()
            .map(|p| p.title_zh().chars().take(8).collect::<String>()),
    );
    header.push("数据".to_owned());
    let rows = summary
        .coverage
        .iter()
        .map(|c| {
            let mut row = vec![
                c.agency.name.clone(),
                if c.submitted { "是" } else { "否" }.to_owned(),
                match c.on_time {
                    Some(true) => "是",
                    Some(false) => "否",
                    None => "—",
                }
                .to_owned(),
            ];
            row.extend(
                Part::ALL
                    .iter()
                    .map(|p| if c.parts.contains(p) { "有" } else { "缺" }.to_owned()),
            );
            row.push(c.quantities.to_string());
            row
        })
        .collect();
    out.push(Block::Table { header, rows });
    if !summary.theme_matrix.rows.is_empty() {
        out.push(heading(2, "附表2：各单位主要举措分布（按纲要章节，项）"));
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
                let mut row = vec![r.agency.name.clone()];
                row.extend(r.counts.iter().map(|n| n.to_string()));
                row
            })
            .collect();
        out.push(Block::Table { header, rows });
    }
    (out, cites.list)
}

fn count_agencies(groups: &[ItemGroup]) -> usize {
    let mut all: Vec<&AgencyRef> = Vec::new();
    for a in groups.iter().flat_map(|g| g.agencies.iter()) {
        if !all.contains(&a) {
            all.push(a);
        }
    }
    all.len()
}

/// Escape what Markdown would read as markup in running text.
fn md_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

fn md_cell(s: &str) -> String {
    md_text(s).replace('|', "｜").replace('\n', " ")
}

/// The draft as Markdown: `#` title, `##` parts, `###` chapters; footnotes.
pub fn render_markdown(blocks: &[Block], citations: &[Citation]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title { text } => out.push_str(&format!("# {}\n\n", md_text(text))),
            Block::Heading { level, text } => out.push_str(&format!(
                "{} {}\n\n",
                "#".repeat(usize::from(*level).clamp(1, 5) + 1),
                md_text(text)
            )),
            Block::Paragraph { inlines } => {
                for i in inlines {
                    match i {
                        Inline::Text { text } => out.push_str(&md_text(text)),
                        Inline::Cite { id } => out.push_str(&format!("[^{id}]")),
                    }
                }
                out.push_str("\n\n");
            }
            Block::Table { header, rows } => {
                out.push_str(&format!(
                    "| {} |\n",
                    header
                        .iter()
                        .map(|h| md_cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for row in rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        row.iter()
                            .map(|c| md_cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                }
                out.push('\n');
            }
        }
    }
    for c in citations {
        out.push_str(&format!("[^{}]: {}", c.id, md_text(&citation_note(c))));
        out.push('\n');
    }
    out
}

/// `西营门街（提交 s1），第121–135字：“…”`: positions 1-based, inclusive.
pub fn citation_note(c: &Citation) -> String {
    format!(
        "{}（报送编号{}），第{}–{}字：“{}”",
        c.agency.name,
        c.submission_id,
        c.start.saturating_add(1),
        c.end,
        c.text.replace('\n', " ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_clerk_writes_them() {
        assert_eq!(fmt_num(54.0), "54");
        assert_eq!(fmt_num(1_700_000.0), "170万");
        assert_eq!(fmt_num(85.714), "85.71");
        assert_eq!(fmt_num(85.7), "85.7");
        assert_eq!(fmt_num(f64::NAN), "—");
        assert_eq!(fmt_qualified(54.0, Qualifier::AtLeast, "场"), "不少于54场");
        assert_eq!(cn_num(11), "十一");
        assert_eq!(cn_num(20), "二十");
        assert_eq!(cn_num(10), "十");
    }
}
