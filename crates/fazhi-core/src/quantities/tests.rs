//! Quantity reading, on invented sentences in the style of real reports.

use super::*;

fn q(s: &str) -> Vec<(f64, String, Qualifier, QuantityKind)> {
    let v: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    scan_line(&v, 0, &mut out);
    out.into_iter()
        .map(|q| (q.value, q.unit, q.qualifier, q.kind))
        .collect()
}

fn one(s: &str) -> (f64, String, Qualifier, QuantityKind) {
    let v = q(s);
    assert_eq!(v.len(), 1, "{s}: {v:?}");
    v.into_iter()
        .next()
        .unwrap_or((0.0, String::new(), Qualifier::Exact, QuantityKind::Count))
}

use Qualifier::*;
use QuantityKind::*;

#[test]
fn qualifiers() {
    assert_eq!(
        one("开展法治宣传活动22场"),
        (22.0, "场".into(), Exact, Count)
    );
    assert_eq!(
        one("发放宣传资料6000余份"),
        (6000.0, "份".into(), AtLeast, Count)
    );
    assert_eq!(one("开展20多场"), (20.0, "场".into(), AtLeast, Count));
    assert_eq!(
        one("点击阅读超170万次"),
        (1_700_000.0, "次".into(), MoreThan, Count)
    );
    assert_eq!(one("超过300件"), (300.0, "件".into(), MoreThan, Count));
    assert_eq!(one("逾300件"), (300.0, "件".into(), MoreThan, Count));
    assert_eq!(
        one("市场主体总量突破30万户"),
        (300_000.0, "户".into(), MoreThan, Count)
    );
    assert_eq!(one("近300件"), (300.0, "件".into(), Approx, Count));
    assert_eq!(one("约300件"), (300.0, "件".into(), Approx, Count));
    assert_eq!(one("300件左右"), (300.0, "件".into(), Approx, Count));
    assert_eq!(one("培训100人以上"), (100.0, "人".into(), AtLeast, Count));
    assert_eq!(one("不超过100人"), (100.0, "人".into(), UpTo, Count));
    assert_eq!(one("控制在50人以内"), (50.0, "人".into(), UpTo, Count));
    assert_eq!(one("10万余份"), (100_000.0, "份".into(), AtLeast, Count));
    assert_eq!(
        one("受众人群达8000余人。"),
        (8000.0, "人".into(), AtLeast, Count)
    );
}

#[test]
fn money_and_counts_written_with_one() {
    assert_eq!(
        one("法律顾问费用逾15万元"),
        (15.0, "万元".into(), MoreThan, Count)
    );
    assert_eq!(one("资金80万余元"), (80.0, "万元".into(), AtLeast, Count));
    assert_eq!(one("带头旁听庭审一次。"), (1.0, "次".into(), Exact, Count));
    assert_eq!(
        one("聘请一名常年法律顾问"),
        (1.0, "名".into(), Exact, Count)
    );
    assert_eq!(one("按期办结率百分之百"), (100.0, "%".into(), Exact, Rate));
    assert_eq!(one("开展专项行动四轮,"), (4.0, "轮".into(), Exact, Count));
    assert_eq!(
        one("其中经法律顾问审查的四十一项。"),
        (41.0, "项".into(), Exact, Count)
    );
}

#[test]
fn rates_and_changes() {
    assert_eq!(one("出庭应诉率100%"), (100.0, "%".into(), Exact, Rate));
    assert_eq!(one("成功率达到了85.7%"), (85.7, "%".into(), Exact, Rate));
    assert_eq!(one("较去年提升8.88%"), (8.88, "%".into(), Exact, Change));
    assert_eq!(one("提高到95%"), (95.0, "%".into(), Exact, Rate));
    assert_eq!(one("同比增加15件"), (15.0, "件".into(), Exact, Change));
    assert_eq!(
        one("提高3个百分点"),
        (3.0, "个百分点".into(), Exact, Change)
    );
    assert_eq!(one("覆盖率达百分之九十"), (90.0, "%".into(), Exact, Rate));
}

#[test]
fn chinese_numerals_and_full_width_digits() {
    assert_eq!(one("完成十一项"), (11.0, "项".into(), Exact, Count));
    assert_eq!(
        one("培训两千余人次"),
        (2000.0, "人次".into(), AtLeast, Count)
    );
    assert_eq!(one("办理1.2万件"), (12000.0, "件".into(), Exact, Count));
    assert_eq!(one("处罚5万元"), (5.0, "万元".into(), Exact, Count));
}

#[test]
fn not_quantities() {
    for s in [
        "2022年8月区信访办",
        "《西城区法治建设规划(2021-2025年)》",
        "第三批信访案件",
        "排名第5",
        "“1+7”数字化平台",
        "牵手12345、12348等平台",
        "增强“四个意识”,坚定四个自信,做到两个维护",
        "行政执法三项制度",
        "城区范围内的三项绿化法规",
        "主要反映在以下两个方面",
        "安排时长为半个小时的会前学法",
        "为期一月的培训,一月试用期",
        "一名基层人民调解员",
        "浏览量:1",
        "2.0改革",
        "“八五”普法",
        "每名员工",
        "连续两年位居第一",
        "市区两级人大建议",
        "三大调解联动",
        "1.以组织党政主要负责人述法为发力点",
        "前3名",
        "3-5人",
        "“2023全国城乡社区高质量发展典型案例”",
        "办理时限压缩至5个工作日",
        "局机关三个科室分别牵头",
        "以2个部门为主线",
        "坚持以十九届五中全会精神为指导,召开第二次会议",
        "三届区委以来,开展三轮巡察",
        "每村不少于3名",
    ] {
        assert_eq!(q(s), vec![], "{s}");
    }
}

#[test]
fn what_was_counted() {
    let w = |s: &str| {
        let v: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        scan_line(&v, 0, &mut out);
        out.into_iter().map(|q| q.what).collect::<Vec<_>>()
    };
    assert_eq!(
        w("2022年,我街开展各类法治宣传活动20余场,发放宣传资料6000余份"),
        vec!["法治宣传活动", "宣传资料"]
    );
    assert_eq!(
        w("全年共组织4次会前学法活动、2次法治专题讲座"),
        vec!["会前学法活动", "法治专题讲座"]
    );
    assert_eq!(
        w("组织173人次参加行政执法资格考试"),
        vec!["行政执法资格考试"]
    );
    assert_eq!(
        w("开展审计32项, 1个审计项目在市级优秀项目评选中获奖"),
        vec!["审计", "审计项目"]
    );
    assert_eq!(
        w("受理行政复议、应诉案件530件,开展审计32项、培训10场"),
        vec!["受理行政复议、应诉案件", "审计", "培训"]
    );
}

#[test]
fn each_quantity_carries_its_whole_sentence() {
    let line = "全年开展审计32项。其中1个审计项目在评选中获奖,交办问题5件!年均培训3场";
    let v: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    scan_line(&v, 100, &mut out);
    let sentence = |q: &RawQuantity| -> String {
        v[q.sentence_start - 100..q.sentence_end - 100]
            .iter()
            .collect()
    };
    let got: Vec<String> = out.iter().map(sentence).collect();
    assert_eq!(
        got,
        vec![
            "全年开展审计32项。",
            "其中1个审计项目在评选中获奖,交办问题5件!",
            "其中1个审计项目在评选中获奖,交办问题5件!",
            "年均培训3场",
        ]
    );
    assert!(
        out.iter()
            .all(|q| q.sentence_start <= q.start && q.end <= q.sentence_end)
    );
}

#[test]
fn spans_cover_qualifier_number_and_unit() {
    let v: Vec<char> = "点击阅读超170万次,".chars().collect();
    let mut out = Vec::new();
    scan_line(&v, 10, &mut out);
    assert_eq!((out[0].start, out[0].end), (14, 20));
}
