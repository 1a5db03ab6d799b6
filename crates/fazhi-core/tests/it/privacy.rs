//! The privacy detector on sentences written the way real 法治政府建设年度报告
//! write about 信访, 投诉, 热线 and 复议: what must be flagged (with its exact
//! text) and the near misses that must not be.

use fazhi_core::privacy::{PrivacyKind, scan};
use proptest::prelude::*;

use PrivacyKind::{Landline, Mobile, PersonName, ResidentId};

/// (sentence, expected flags as (kind, exact text)).
fn cases() -> Vec<(&'static str, Vec<(PrivacyKind, &'static str)>)> {
    vec![
        // --- names in petition contexts
        (
            "接待群众107批次，共计537人次，解决信访事项13件。其中马秀荣、马秀枝反映的原密云县土地问题已办结。",
            vec![(PersonName, "马秀荣"), (PersonName, "马秀枝")],
        ),
        (
            "张某某、李某反映的拆迁补偿问题，已依法答复。",
            vec![(PersonName, "张某某"), (PersonName, "李某")],
        ),
        (
            "群众王某来信反映小区噪音扰民，我局当日转办。",
            vec![(PersonName, "王某")],
        ),
        (
            "信访人赵XX多次到区政府上访，经复查维持原处理意见。",
            vec![(PersonName, "赵XX")],
        ),
        (
            "申请人刘某某诉区人力社保局工伤认定一案，法院判决驳回。",
            vec![(PersonName, "刘某某")],
        ),
        (
            "信访人陈建国，反映宅基地确权问题，已按程序办理。",
            vec![(PersonName, "陈建国")],
        ),
        (
            "村民周立新投诉施工扬尘，执法队现场处置。",
            vec![(PersonName, "周立新")],
        ),
        (
            "复议申请人孙某不服区市场监管局行政处罚决定。",
            vec![(PersonName, "孙某")],
        ),
        ("王刚反映的供暖问题已协调解决。", vec![(PersonName, "王刚")]),
        (
            "居民黄某某举报违法建设，执法人员3日内完成拆除。",
            vec![(PersonName, "黄某某")],
        ),
        (
            "投诉人吴某和郑某反映物业收费问题。",
            vec![(PersonName, "吴某"), (PersonName, "郑某")],
        ),
        // --- officials and ordinary words: no names
        (
            "区长王建华主持召开区政府常务会议，专题研究法治政府建设工作。",
            vec![],
        ),
        ("局长李明作为第一责任人，带头学法4次。", vec![]),
        ("全年共受理群众反映问题1256件，办结率98.5%。", vec![]),
        ("企业反映的营商环境问题均已建立台账。", vec![]),
        ("高度重视人民群众来信来访，畅通信访渠道。", vec![]),
        ("各部门反映的执法难点纳入下一年度培训计划。", vec![]),
        ("区委书记张某某听取法治建设工作汇报。", vec![]),
        // --- resident ID numbers
        (
            "当事人身份证号11010519491231002X，已核实身份。",
            vec![(ResidentId, "11010519491231002X")],
        ),
        (
            "公民身份号码为 110101199003074477 的申请人已补正材料。",
            vec![(ResidentId, "110101199003074477")],
        ),
        ("身份证号110101199003074478（校验位错误）。", vec![]),
        ("号码110101199013074475的月份不成立。", vec![]),
        ("统一社会信用代码91110105MA01234567，为本区企业。", vec![]),
        (
            "旧证号码110105491231002办理。",
            vec![(ResidentId, "110105491231002")],
        ),
        ("编号1101051949123100201234不是身份证。", vec![]),
        // --- mobile numbers
        (
            "联系人手机13812345678，请及时回复。",
            vec![(Mobile, "13812345678")],
        ),
        (
            "来电人留下电话138-1234-5678。",
            vec![(Mobile, "138-1234-5678")],
        ),
        (
            "号码 139 1234 5678 已回访。",
            vec![(Mobile, "139 1234 5678")],
        ),
        (
            "境外来电+8615912345678已转办。",
            vec![(Mobile, "+8615912345678")],
        ),
        ("订单号213812345678901不是手机号。", vec![]),
        ("京政发〔2024〕13812345678号文件（虚构编号）。", vec![]),
        ("12345市民服务热线全年受理诉求8.6万件。", vec![]),
        ("12348公共法律服务热线接听咨询3200余次。", vec![]),
        ("号码12812345678不是手机号段。", vec![]),
        // --- landlines
        (
            "来访群众留下电话010-62345678，已回访。",
            vec![(Landline, "010-62345678")],
        ),
        (
            "当事人住宅电话0755 28761234。",
            vec![(Landline, "0755 28761234")],
        ),
        ("区司法局监督电话：010-69512345。", vec![]),
        ("政务服务热线010-12345678全天开通。", vec![]),
        ("投诉电话（022）27761234向社会公布。", vec![]),
        ("企业服务专线400-810-1234为公开号码。", vec![]),
        ("免费专线800-820-1234已开通。", vec![]),
        (
            "分机号码021-62345678-806为其住宅。",
            vec![(Landline, "021-62345678-806")],
        ),
        // --- mixtures
        (
            "信访人钱某某（身份证号11010519491231002X，手机13912345678）反映的问题已办结。",
            vec![
                (PersonName, "钱某某"),
                (ResidentId, "11010519491231002X"),
                (Mobile, "13912345678"),
            ],
        ),
        (
            "全年办理行政复议案件56件，纠错率12.5%，2024年度报告已公开。",
            vec![],
        ),
        ("共出动执法人员1380人次，立案查处违法案件231件。", vec![]),
    ]
}

#[test]
fn report_sentences_get_exactly_the_expected_flags() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (text, expected) in &cases {
        let got: Vec<(PrivacyKind, String)> =
            scan(text).into_iter().map(|f| (f.kind, f.text)).collect();
        let want: Vec<(PrivacyKind, String)> = expected
            .iter()
            .map(|(k, t)| (*k, (*t).to_string()))
            .collect();
        if got != want {
            failures.push(format!("{text}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn spans_are_character_offsets_into_the_text() {
    let text = "一、主要举措\n信访人马秀荣（身份证号11010519491231002X）反映的问题。";
    let chars: Vec<char> = text.chars().collect();
    let flags = scan(text);
    assert_eq!(flags.len(), 2, "{flags:?}");
    for f in &flags {
        let at: String = chars[f.start..f.end].iter().collect();
        assert_eq!(at, f.text);
    }
    assert_eq!(flags[0].start, 10);
    assert_eq!(flags[0].text, "马秀荣");
    assert!(!flags[0].masked);
}

#[test]
fn masked_names_are_marked_masked() {
    let flags = scan("张某某、李四反映的问题。");
    assert_eq!(flags.len(), 2, "{flags:?}");
    assert!(flags[0].masked);
    assert!(!flags[1].masked);
}

#[test]
fn full_width_digits_are_read() {
    let flags = scan("手机１３８１２３４５６７８。");
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].kind, Mobile);
    assert_eq!(flags[0].text, "１３８１２３４５６７８");
}

#[test]
fn ten_megabytes_of_adversarial_input_is_scanned_quickly() {
    // Long digit runs, endless name lists and separators: every rule's
    // worst case, repeated.
    let pieces = [
        "1381234567813812345678-",
        "张某、李某、王某、赵某、",
        "0101-0101-0101 ",
        "信访人信访人信访人",
        "110105194912310021X",
        "+86+86+86 86-86-",
        "信访人王某，",
    ];
    let mut text = String::new();
    let mut k = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(pieces[k % pieces.len()]);
        k += 1;
    }
    let started = std::time::Instant::now();
    let flags = scan(&text);
    let took = started.elapsed();
    assert!(
        flags
            .iter()
            .any(|f| f.kind == PersonName && f.text == "王某")
    );
    // Linear: a debug build scans 10 MB in well under this.
    assert!(took.as_secs() < 60, "took {took:?}");
}

proptest! {
    #[test]
    fn never_panics_and_spans_match(s in "\\PC{0,200}") {
        let chars: Vec<char> = s.chars().collect();
        for f in scan(&s) {
            prop_assert!(f.start < f.end && f.end <= chars.len());
            let at: String = chars[f.start..f.end].iter().collect();
            prop_assert_eq!(at, f.text);
        }
    }

    #[test]
    fn never_panics_on_digit_and_name_soup(s in "[0-9+\\- 、某XＸ张王李信访人反映号〕（）()]{0,300}") {
        let chars: Vec<char> = s.chars().collect();
        for f in scan(&s) {
            prop_assert!(f.end <= chars.len());
        }
    }
}
