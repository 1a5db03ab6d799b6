//! Developer aid: title, agency, kind, year and published date of each argument text.
fn main() {
    for a in std::env::args().skip(1) {
        let body = "\n一、主要举措和成效\n我局坚持依法行政,推进法治政府建设,开展普法活动20场,严格执法,法治宣传教育深入人心,依法行政水平不断提升。\n二、存在的不足和原因\n执法队伍专业化水平有待提高。\n三、下一年度推进法治政府建设的主要安排\n持续推进依法行政。";
        let text = if a.contains("一、") {
            a.clone()
        } else {
            format!("{a}{body}")
        };
        let r = fazhi_core::parse_text(&text, &Default::default());
        println!(
            "{:?} | {:?} | {:?} | {:?} | {:?}",
            r.title, r.agency, r.agency_kind, r.year, r.published
        );
    }
}
