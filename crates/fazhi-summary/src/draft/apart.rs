//! Part one's numbers kept out of a total (a breakdown, a yearly average, a
//! cumulative or planned figure), each told in its own words with why.

use super::prose::{Cites, Para, apart_note};
use crate::model::Source;
use crate::names::short_name;

/// A number kept out of a total, told in its own words: `园林绿化局年均处理
/// 群众信访事项300余件（为年均数，未计入当年合计）`; other digits of its
/// clause (`自2018年以来`) are quoted from the same source. `false` when the
/// clause cannot be located in the source.
fn apart_sentence(s: &Source, cites: &mut Cites, p: &mut Para) -> bool {
    let clause: Vec<char> = s.clause.chars().collect();
    let (a, b) = (
        s.start.saturating_sub(s.clause_start).min(clause.len()),
        s.end.saturating_sub(s.clause_start).min(clause.len()),
    );
    if s.clause.is_empty() || s.start < s.clause_start || a >= b {
        return false;
    }
    let before: String = clause[..a].iter().collect();
    let after: String = clause[b..].iter().collect();
    let mut before = before
        .trim_start_matches(['其', '中', '包', '括', '（', '(', '含'])
        .to_owned();
    // The unit speaks of itself as 我街/我局…: the draft names it instead.
    for own in [
        "我街",
        "我局",
        "我镇",
        "我区",
        "我中心",
        "我委",
        "我办",
        "我单位",
    ] {
        if let Some(rest) = before.strip_prefix(own) {
            before = rest.to_owned();
        }
    }
    // A connective that tied the clause to the one before reads wrong once
    // the clause stands alone (`是…`, `并…`).
    for connective in ["并且", "同时", "是", "并", "还"] {
        if let Some(rest) = before.strip_prefix(connective) {
            before = rest.to_owned();
            break;
        }
    }
    let after = after.trim_end_matches(['）', ')']).to_owned();
    // A quantity's text may hold words before its number (`邻里纠纷24起`).
    if let Some(at) = s.text.find(s.number.as_str()) {
        before.push_str(&s.text[..at]);
    }
    let id = cites.source(s);
    p.text(short_name(&s.agency.name));
    p.quoted(&before, id);
    p.sum(cites, &[id], s.value, s.qualifier, &s.unit);
    p.quoted(&after, id);
    let note = apart_note(s.role);
    if !note.is_empty() {
        p.text(format!("（{note}）"));
    }
    p.cite(id);
    true
}

pub(crate) fn apart_paragraph(label: &str, sources: &[&Source], cites: &mut Cites) -> Option<Para> {
    let mut p = Para::default();
    p.text(label);
    let mut any = false;
    for s in sources {
        let mut one = Para::default();
        if apart_sentence(s, cites, &mut one) {
            if any {
                p.text("；");
            }
            p.0.extend(one.0);
            any = true;
        }
    }
    any.then(|| {
        p.text("。");
        p
    })
}
