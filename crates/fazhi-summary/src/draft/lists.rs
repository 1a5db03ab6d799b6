//! Parts two and four: shortcomings and plans merged across units as
//! `一是…二是…`, each with the units that report it and, for shortcomings,
//! the causes they give.

use super::prose::{Cites, Para, as_clause, cn_num, short_names};
use crate::model::{Block, ItemGroup, Passage};

/// One paragraph per group: `一是{问题}。{单位}等N家单位反映；原因：“…”。`
pub(crate) fn groups(
    groups: &[ItemGroup],
    verb: &str,
    causes: bool,
    cites: &mut Cites,
    out: &mut Vec<Block>,
) {
    let mut n = 0;
    for g in groups {
        let Some(label) =
            as_clause(&g.label).or_else(|| g.items.iter().find_map(|i| as_clause(&i.label)))
        else {
            continue;
        };
        n += 1;
        let ids: Vec<usize> = g
            .items
            .iter()
            .map(|i| {
                cites.passage(
                    &i.agency,
                    &i.submission_id,
                    &Passage {
                        text: i.text.clone(),
                        start: i.start,
                        end: i.end,
                    },
                )
            })
            .collect();
        // The representative wording is quoted from its own item.
        let rep = g
            .items
            .iter()
            .position(|i| as_clause(&i.label).as_deref() == Some(label.as_str()))
            .unwrap_or(0);
        let mut p = Para::default();
        p.text(format!("{}是", cn_num(n)));
        p.quoted(&label, ids.get(rep).copied().unwrap_or(0))
            .text("。");
        let names = short_names(g.items.iter().map(|i| &i.agency));
        if g.agencies_count > 1 {
            p.text(format!("{names}等"));
            p.units(cites, &ids);
            p.text(format!("单位{verb}"));
        } else {
            p.text(format!("{names}{verb}"));
        }
        // Other wordings of the same point, when the group has several.
        let mut others: Vec<(String, usize)> = Vec::new();
        for (i, id) in g.items.iter().zip(&ids) {
            if let Some(l) = as_clause(&i.label)
                && l != label
                && !others.iter().any(|(o, _)| *o == l)
                && others.len() < 4
            {
                others.push((l, *id));
            }
        }
        for (k, (l, id)) in others.iter().enumerate() {
            p.text(if k > 0 {
                "；"
            } else if causes {
                "，具体表现为"
            } else {
                "，具体包括"
            });
            p.quoted(l, *id);
        }
        p.cites(&ids).text("。");
        if causes {
            let found: Vec<(&crate::model::GroupedItem, &Passage)> = g
                .items
                .iter()
                .filter_map(|i| i.cause.as_ref().map(|c| (i, c)))
                .collect();
            if !found.is_empty() {
                p.text("究其原因，");
                for (k, (item, c)) in found.iter().enumerate() {
                    if k > 0 {
                        p.text("；");
                    }
                    let Some(clause) = as_clause(&c.text) else {
                        continue;
                    };
                    let id = cites.passage(&item.agency, &item.submission_id, c);
                    p.text(format!(
                        "{}认为{clause}",
                        crate::names::short_name(&item.agency.name)
                    ))
                    .cite(id);
                }
                p.text("。");
            }
        }
        out.push(p.block());
    }
}
