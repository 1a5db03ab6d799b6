//! The five seed reports, parsed by the real parser (`fazhi_core::parse_text`),
//! with every indicator total hand-computed from their text.

use std::path::{Path, PathBuf};

use fazhi_core::{ParseOptions, ParsedReport, Part, Qualifier, parse_text};
use fazhi_summary::{Agency, DistrictSummary, Role, consolidate};
use serde_json::Value;

use crate::build::{agency, input};
use crate::synthetic::indicator;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

pub struct Seed {
    pub agency: Agency,
    pub submission_id: String,
    pub text: String,
    pub parsed: ParsedReport,
}

/// The seeds, parsed by the real parser, or `None` (with a message) when
/// shared/ is absent outside CI. Names come from the gold files (seed `000`
/// never names itself: its text speaks of greening in 西城区).
pub fn seeds() -> Option<Vec<Seed>> {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "gold corpus missing at {CORPUS}"
        );
        eprintln!("skipping: gold corpus not found at {CORPUS}");
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&f).expect("read gold"))
            .expect("gold json");
        let text_path = dir.join(gold["file"].as_str().expect("file"));
        let text = std::fs::read_to_string(&text_path).expect("read seed");
        let stem = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("x")
            .to_owned();
        let code = stem[..3.min(stem.len())].to_owned();
        let name = gold["agency"]
            .as_str()
            .map_or_else(|| "北京市西城区园林绿化局".to_owned(), str::to_owned);
        let parsed = parse_text(&text, &ParseOptions::default());
        out.push(Seed {
            agency: agency(&code, &name),
            submission_id: format!("sub-{stem}"),
            parsed,
            text,
        });
    }
    Some(out)
}

pub fn seed_summary(seeds: &[Seed]) -> (Vec<Agency>, DistrictSummary) {
    let mut roster: Vec<Agency> = seeds.iter().map(|s| s.agency.clone()).collect();
    roster.push(agency("999", "未报送单位"));
    let inputs: Vec<_> = seeds
        .iter()
        .map(|s| input(&s.agency, &s.submission_id, &s.text, &s.parsed))
        .collect();
    let summary = consolidate("示例区", 2023, &roster, &inputs);
    (roster, summary)
}

/// `(value, qualifier, number of sources)` of an indicator in a unit.
fn total(s: &DistrictSummary, code: &str, unit: &str) -> (Option<f64>, Option<Qualifier>, usize) {
    let t = indicator(s, code, unit);
    (t.value, t.qualifier, t.sources.len())
}

#[test]
fn seed_totals_match_hand_computed_values() {
    let Some(seeds) = seeds() else { return };
    let (_, s) = seed_summary(&seeds);
    assert_eq!((s.reporting.expected, s.reporting.actual), (6, 5));
    use Qualifier::*;
    // Each line: the sources, as read in the seed texts.
    for (code, unit, want) in [
        // 002 20余场 + 003 70余场 + 003 250余场 + 004 22场.
        ("publicity_events", "场", (Some(362.0), Some(AtLeast), 4)),
        // 002 6000余份 + 004 10万余份.
        (
            "publicity_materials",
            "份",
            (Some(106_000.0), Some(AtLeast), 2),
        ),
        ("publicity_posts", "篇", (Some(800.0), Some(AtLeast), 1)),
        ("publicity_audience", "人", (Some(8000.0), Some(AtLeast), 1)),
        (
            "publicity_audience",
            "次",
            (Some(1_700_000.0), Some(MoreThan), 1),
        ),
        // 004 律师讲座34场 + 法治培训11场; 2次讲座 + 1次旁听; 003 16批次; 001 15期.
        ("legal_training", "场", (Some(45.0), Some(Exact), 2)),
        ("legal_training", "次", (Some(3.0), Some(Exact), 2)),
        ("legal_training", "批次", (Some(16.0), Some(Exact), 1)),
        ("legal_training", "期", (Some(15.0), Some(Exact), 1)),
        ("leader_study", "次", (Some(4.0), Some(Exact), 1)),
        // 002 网上信访共接收247件 only: 000's 年均300余件 is an average and
        // the handed-down cases (交办, in parentheses) are no intake.
        ("petitions_received", "件", (Some(247.0), Some(Exact), 1)),
        ("petitions_received", "批次", (Some(107.0), Some(Exact), 1)),
        ("petitions_received", "人次", (Some(537.0), Some(Exact), 1)),
        // 002 解决信访事项13件 + 办结242件.
        ("petitions_resolved", "件", (Some(255.0), Some(Exact), 2)),
        // 002 42起; its breakdown (24+6+4+3) is not added.
        ("mediation_cases", "起", (Some(42.0), Some(Exact), 1)),
        ("mediation_success", "起", (Some(36.0), Some(Exact), 1)),
        // 36/42 recomputed; the stated 85.7% agrees.
        ("mediation_success_rate", "%", (Some(85.7), Some(Exact), 1)),
        // 003 共办理行政复议、应诉案件530件: the combined indicator.
        (
            "reconsideration_and_litigation",
            "件",
            (Some(530.0), Some(Exact), 1),
        ),
        (
            "leader_court_appearances",
            "次",
            (Some(2.0), Some(Exact), 1),
        ),
        ("court_appearance_rate", "%", (Some(100.0), Some(Exact), 1)),
        ("normative_documents", "件", (Some(111.0), Some(Exact), 1)),
        ("proposals", "件", (Some(366.0), Some(Exact), 1)),
        // 开展审计32项; the 1个 that won a prize is no audit count.
        ("audits", "项", (Some(32.0), Some(Exact), 1)),
        ("disclosure_active", "条", (Some(6422.0), Some(Exact), 1)),
        ("disclosure_requests", "件", (Some(325.0), Some(Exact), 1)),
        (
            "legal_consultation",
            "人次",
            (Some(38253.0), Some(Exact), 1),
        ),
        ("enforcement_exam", "人次", (Some(173.0), Some(Exact), 1)),
    ] {
        assert_eq!(total(&s, code, unit), want, "{code} in {unit}");
    }
    // Exactly these indicator totals, nothing else attached to an indicator.
    assert_eq!(
        s.indicators.len(),
        27,
        "{:#?}",
        s.indicators
            .iter()
            .map(|t| (&t.code, &t.unit))
            .collect::<Vec<_>>()
    );
    // What is kept apart, and why.
    let apart = |code: &str, unit: &str| -> Vec<(f64, Role)> {
        indicator(&s, code, unit)
            .apart
            .iter()
            .map(|x| (x.value, x.role))
            .collect()
    };
    assert_eq!(
        apart("petitions_received", "件"),
        vec![(300.0, Role::Average)]
    );
    assert_eq!(
        apart("mediation_cases", "起"),
        vec![
            (24.0, Role::Breakdown),
            (6.0, Role::Breakdown),
            (4.0, Role::Breakdown),
            (3.0, Role::Breakdown)
        ]
    );
    // Never the separate indicators for the combined 复议、应诉 figure.
    assert!(!s.indicators.iter().any(|t| matches!(
        t.code.as_deref(),
        Some("admin_litigation" | "admin_reconsideration")
    )));
    // Changes are never levels: no value, and they stay out of indicators.
    for pct in [20.76, 8.88] {
        let o = s
            .other_quantities
            .iter()
            .find(|o| o.apart.iter().any(|x| x.value == pct))
            .unwrap_or_else(|| panic!("change {pct} missing"));
        assert_eq!((o.value, o.apart[0].role), (None, Role::Change));
    }
    // Nothing is dropped: every quantity is in a total, apart, or unmapped.
    let in_totals: usize = s
        .indicators
        .iter()
        .chain(&s.other_quantities)
        .map(|t| t.sources.len() + t.apart.len())
        .sum();
    let all: usize = seeds.iter().map(|x| x.parsed.quantities.len()).sum();
    assert_eq!(in_totals, all);
}

#[test]
fn the_seed_draft_says_no_wrong_number() {
    let Some(seeds) = seeds() else { return };
    let (_, s) = seed_summary(&seeds);
    let d = &s.draft_markdown;
    assert!(s.verification.passed, "{:#?}", s.verification.failures);
    assert!(s.verification.checked >= 60, "{}", s.verification.checked);
    for good in [
        "全区共开展普法及法治宣传活动不少于362场，其中西营门街道20余场，区政府70余场、250余场，旧宫镇22场",
        "全区共发放宣传资料不少于10.6万份",
        "区政府办理行政复议和行政应诉案件530件",
        "园林绿化局年均处理群众信访事项300余件（为年均数，未计入当年合计）",
        "按西营门街道报告的人民调解（调解成功）36起、人民调解（调解纠纷）42起计算，人民调解成功率为85.7%",
        "行政处罚案卷评查优秀率较去年提升8.88%（为较上年变化幅度）",
        "全区应报送年度报告的单位6家，已报送5家，报送率83.3%",
        "未报送单位共1家单位截至汇总时尚未报送",
    ] {
        assert!(d.contains(good), "draft lacks `{good}`:\n{d}");
    }
    for bad in [
        "553",
        "行政应诉530件",
        "开展审计项目33项",
        "优秀率8.88%",
        "单位报告了该方面的举措",
        "…汇报我局",
    ] {
        assert!(!d.contains(bad), "draft says `{bad}`");
    }
    // Short names, not official ones, in the running text.
    let body = d.split("## 附表").next().unwrap_or_default();
    let prose: String = body.lines().filter(|l| !l.starts_with("[^")).collect();
    assert!(!prose.contains("北京市石景山区人民政府"));
    assert!(!prose.contains("北京市大兴区旧宫镇人民政府"));
}

#[test]
fn seed_items_are_classified_and_grouped() {
    let Some(seeds) = seeds() else { return };
    let (_, s) = seed_summary(&seeds);
    let theme = |code: &str| s.themes.iter().find(|t| t.code == code).expect("theme");
    assert!(
        theme("publicity").agencies.len() >= 3,
        "{:#?}",
        theme("publicity").agencies
    );
    assert!(
        theme("disputes")
            .agencies
            .iter()
            .any(|a| a.name == "西营门街")
    );
    assert!(
        theme("emergency")
            .agencies
            .iter()
            .any(|a| a.name == "北京市石景山区人民政府")
    );
    let measures: usize = seeds
        .iter()
        .flat_map(|x| &x.parsed.sections)
        .filter(|sec| sec.part == Part::Measures)
        .map(|sec| sec.items.len())
        .sum();
    let listed: usize = s
        .themes
        .iter()
        .flat_map(|t| &t.items)
        .filter(|i| i.part == Part::Measures && i.primary)
        .count();
    assert_eq!(
        listed, measures,
        "every measures item has exactly one primary chapter"
    );
    assert!(!s.shortcomings.is_empty());
    assert!(!s.plans.is_empty());
    let grouped: usize = s.shortcomings.iter().map(|g| g.items.len()).sum();
    assert_eq!(grouped, 13, "2+2+3+3+3 shortcomings, none lost");
    assert_eq!(s.leader_duty.len(), 5);
    assert!(s.other_matters.is_empty(), "seed `other` parts say 无");
}
