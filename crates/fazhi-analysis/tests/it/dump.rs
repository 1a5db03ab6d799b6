use crate::season::Season;
use fazhi_analysis::*;

#[test]
fn dump() {
    let a = Season::load(2023);
    let b = Season::load(2024);
    for r in a.reports.iter().chain(&b.reports) {
        println!("{} {} parts={:?} q={} duty={}", r.agency.code, r.year, r.parsed.parts_present(), r.parsed.quantities.len(), r.parsed.duty_facts.len());
    }
    let (ca, cb) = (a.contributions(), b.contributions());
    let pr = plans::review(2023, &ca, 2024, &cb);
    for u in &pr.units {
        for c in &u.checks {
            println!("PLAN {} {:?} {:.2} {} => {:?}", u.agency.code, c.status, c.similarity, c.plan.label, c.measure.as_ref().map(|m| &m.label));
        }
    }
    let tr = recurring::track(&[(2023, &ca), (2024, &cb)]);
    for t in &tr { println!("SC {} {} {:?} {} n={}", t.key, t.recurring, t.concept, t.label, t.occurrences.len()); }
    let mut ci = a.copy_inputs(); ci.extend(b.copy_inputs());
    let cp = copying::detect(2024, &ci, &copying::CopyConfig::default());
    for r in &cp.reports {
        println!("COPY {} judged={} bp={} copied={} share={} other={} own={}", r.agency.code, r.sentences, r.boilerplate_sentences, r.copied_sentences, r.copied_share, r.from_other_units, r.from_own_last_year);
        for p in &r.passages { println!("   {:?} {} <= {} {} | {}", p.source, p.sentences, p.other_agency.code, p.similarity, p.text); }
    }
    for bp in &cp.boilerplate { println!("BP {} {}", bp.units, bp.text); }
    for (r, c) in b.reports.iter().zip(&cb) {
        let s = quality::score(&quality::QualityInput { parsed: &r.parsed, contribution: c, published: None, copied_share: cp.reports.iter().find(|x| x.agency.code == r.agency.code).map(|x| x.copied_share) }, quality::config());
        println!("Q {} {}", r.agency.code, s.score);
        for re in &s.reasons { println!("   {} {} {} {}", re.dimension, re.score, re.points, re.detail); }
    }
    let (sa, sb) = (a.summary("示例区"), b.summary("示例区"));
    for c in yoy::district_changes(&sa, &sb) { println!("YOY {} {} {:?} {:?} {:?}", c.code, c.unit, c.previous.as_ref().and_then(|p| p.value), c.current.as_ref().and_then(|p| p.value), c.change); }
}
