//! Cost of the 雷同 detector from 100 to 10 000 synthetic reports.
//!
//! `cargo bench -p fazhi-analysis --bench copying` prints a Markdown table
//! (reports, sentences, seconds, µs per sentence, candidate pairs, copies
//! found). Each synthetic report has 40 sentences of random wording from a
//! 240-character pool, three boilerplate sentences every unit writes, and
//! every 20th report copies 10 sentences of another unit's report of the same year with one character
//! changed in each; half the units also have last year's report. The parse
//! is built directly (one measures section over the text): the parser is
//! not what is measured.

use std::time::Instant;

use fazhi_analysis::copying::{CopyConfig, CopyInput, detect};
use fazhi_core::{ParsedReport, Part, Section};
use fazhi_summary::model::AgencyRef;

const POOL: &str = "法治政府建设推进依法行政执法监督审核备案决策程序公开透明服务群众矛盾纠纷调解化解普法宣传教育培训干部学习制度规范管理改革创新平台数据信息系统安全应急预案演练风险防控队伍素质能力水平责任考核评估检查整改落实机制完善健全优化营商环境市场主体许可审批办理时限压缩事项清单权力运行制约社会治理基层社区街道乡镇居民企业单位部门协调联动合作共享资源保障经费人员编制场所设施项目工程质量标准效率成效显著提升巩固深化拓展延伸覆盖全面重点领域专项行动集中整治排查隐患问题线索案件处罚裁量基准文书档案卷宗评查";

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Rng, pool: &[char]) -> String {
    let len = 18 + rng.below(30);
    let mut s: String = (0..len).map(|_| pool[rng.below(pool.len())]).collect();
    s.push_str(&format!("{}件。", rng.below(500)));
    s
}

fn reports(n: usize) -> Vec<(AgencyRef, i32, String)> {
    let pool: Vec<char> = POOL.chars().collect();
    let mut rng = Rng(n as u64);
    let boiler = [
        "深入学习贯彻习近平法治思想，全面落实法治政府建设实施纲要各项任务。",
        "坚持把法治政府建设摆在全局工作的重要位置，统筹谋划、一体推进。",
        "现将本年度法治政府建设工作情况报告如下。",
    ];
    let mut out: Vec<(AgencyRef, i32, String)> = Vec::with_capacity(n);
    for i in 0..n {
        // Half the reports are last year's of the other half's units.
        let (unit, year) = if i % 2 == 1 { (i - 1, 2023) } else { (i, 2024) };
        let mut body: Vec<String> = boiler.iter().map(|s| (*s).to_owned()).collect();
        body.extend((0..40).map(|_| sentence(&mut rng, &pool)));
        // Every 20th unit copies from the unit 11 before it (same year).
        if i % 20 == 0 && i >= 40 {
            let from = &out[i - 22].2;
            let copied: Vec<String> = from
                .split_inclusive('。')
                .skip(5)
                .take(10)
                .map(|s| {
                    let mut c: Vec<char> = s.chars().collect();
                    if let Some(x) = c.get_mut(3) {
                        *x = '新';
                    }
                    c.into_iter().collect()
                })
                .collect();
            body.splice(10..20, copied);
        }
        let agency = AgencyRef {
            code: format!("u{unit}"),
            name: format!("单位{unit}"),
        };
        out.push((agency, year, body.concat()));
    }
    out
}

fn main() {
    println!(
        "| reports | sentences | seconds | µs per sentence | candidate pairs | copied sentences |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in [100usize, 300, 1_000, 3_000, 10_000] {
        let data = reports(n);
        let parsed: Vec<ParsedReport> = data
            .iter()
            .map(|(_, _, t)| ParsedReport {
                sections: vec![Section {
                    part: Part::Measures,
                    heading: String::new(),
                    start: 0,
                    end: t.chars().count(),
                    items: Vec::new(),
                }],
                ..ParsedReport::default()
            })
            .collect();
        let inputs: Vec<CopyInput<'_>> = data
            .iter()
            .zip(&parsed)
            .map(|((a, y, t), p)| CopyInput {
                agency: a.clone(),
                submission_id: format!("{}-{y}", a.code),
                year: *y,
                text: t,
                parsed: p,
            })
            .collect();
        let sentences: usize = data.iter().map(|(_, _, t)| t.matches('。').count()).sum();
        let t0 = Instant::now();
        let r = detect(2024, &inputs, &CopyConfig::default());
        let secs = t0.elapsed().as_secs_f64();
        let copied: usize = r.reports.iter().map(|x| x.copied_sentences).sum();
        println!(
            "| {n} | {sentences} | {secs:.3} | {:.2} | {} | {copied} |",
            secs * 1e6 / sentences as f64,
            r.candidates
        );
    }
}
