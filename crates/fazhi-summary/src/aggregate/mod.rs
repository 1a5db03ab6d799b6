//! A district's consolidation kept up to date one report at a time.
//!
//! [`DistrictAggregate::apply`] takes one report's contribution in or out at
//! a cost that depends on that report, not on the district: the
//! contribution is filed under its agency, and its shortcomings and plans
//! items enter the grouping's class graph ([`classes`]), which compares a new
//! wording only with the wordings that share a rare word with it.
//! [`DistrictAggregate::summary`] then renders the summary in time linear in
//! what it returns (no pair comparisons, no word segmentation), and it is
//! equal to [`crate::assemble`] over the same contributions ordered by
//! agency code (what the store's full rebuild passes): a property test
//! compares their JSON byte for byte on random add/replace/withdraw runs.
//!
//! Serialized, the aggregate is the roster and the contributions with their
//! items' class keys and the catalog version they follow; the class graph
//! is rebuilt on load (and the keys too, when the catalog has changed).

mod classes;

use std::collections::{BTreeMap, HashSet};

use fazhi_core::Part;
use serde::{Deserialize, Serialize};

use crate::grouping::{self, GroupInput};
use crate::model::{
    Agency, ClassifiedItem, DistrictSummary, PlanDelivery, ReportContribution, SeasonFigures,
};
use classes::{ClassGraph, ClassKey};

/// One report in or out.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Add the agency's report, or replace the one it had (boxed: a
    /// contribution is large beside an agency code).
    Upsert(Box<ReportContribution>),
    /// Withdraw the agency's report (by agency code); nothing if it had none.
    Remove(String),
}

/// The grouping parts: the items that enter a class graph.
const GROUPED: [Part; 2] = [Part::Shortcomings, Part::NextYear];

/// One report as the aggregate files it: its contribution and the class
/// keys of its grouped items. Stored on its own (one row per agency), a
/// district's aggregate is rebuilt from these without word segmentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filed {
    contribution: ReportContribution,
    /// Per item of `contribution.items`: its class key when it is grouped.
    keys: Vec<Option<ClassKey>>,
    /// [`crate::catalog::data_version`] the keys were computed with (0 in
    /// aggregates stored whole, whose version is kept beside them).
    #[serde(default)]
    data_version: u32,
}

impl Filed {
    /// File a contribution: cost of that report's grouped items.
    pub fn new(contribution: ReportContribution) -> Self {
        let keys = contribution
            .items
            .iter()
            .map(|i| GROUPED.contains(&i.part).then(|| key_of(i)))
            .collect();
        Filed {
            contribution,
            keys,
            data_version: crate::catalog::data_version(),
        }
    }

    pub fn contribution(&self) -> &ReportContribution {
        &self.contribution
    }

    /// Whether the keys follow the current catalog (else they are redone).
    fn current(&self) -> bool {
        self.data_version == crate::catalog::data_version()
            && self.keys.len() == self.contribution.items.len()
    }
}

/// What is stored: enough to rebuild everything else without the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Stored {
    /// [`crate::catalog::data_version`] the class keys were computed with:
    /// concepts and word sets follow the catalog, so other keys are redone.
    #[serde(default)]
    data_version: u32,
    district: String,
    year: i32,
    roster: Vec<Agency>,
    reports: Vec<Filed>,
}

/// See the module documentation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "Stored", into = "Stored")]
pub struct DistrictAggregate {
    district: String,
    year: i32,
    roster: Vec<Agency>,
    on_roster: HashSet<String>,
    /// By agency code: the order of agencies off the roster.
    reports: BTreeMap<String, Filed>,
    shortcomings: ClassGraph,
    plans: ClassGraph,
    /// The season's figures the draft prints (given by the store).
    season: Option<SeasonFigures>,
    /// Last year's plans against this year's measures (given by the store).
    plan_delivery: Option<PlanDelivery>,
}

fn key_of(item: &ClassifiedItem) -> ClassKey {
    match grouping::concept_of(&item.label) {
        Some(c) => ClassKey::Concept(c.to_owned()),
        None => ClassKey::Free {
            primary: crate::themes::primary(item).to_owned(),
            words: grouping::words(item),
        },
    }
}

impl DistrictAggregate {
    /// An empty district: every roster agency still to report.
    pub fn new(district: &str, year: i32, roster: &[Agency]) -> Self {
        DistrictAggregate {
            district: district.to_owned(),
            year,
            roster: roster.to_vec(),
            on_roster: roster.iter().map(|a| a.code.clone()).collect(),
            reports: BTreeMap::new(),
            shortcomings: ClassGraph::default(),
            plans: ClassGraph::default(),
            season: None,
            plan_delivery: None,
        }
    }

    /// The same state as applying every contribution in turn (a later one of
    /// an agency replaces its earlier one).
    pub fn from_contributions(
        district: &str,
        year: i32,
        roster: &[Agency],
        contributions: &[ReportContribution],
    ) -> Self {
        let mut a = Self::new(district, year, roster);
        for c in contributions {
            a.apply(Change::Upsert(Box::new(c.clone())));
        }
        a
    }

    /// Take one report in or out. Cost: that report's items (word
    /// segmentation of its shortcomings and plans, and the classes that
    /// share a word with a new wording), independent of the district's size.
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Upsert(c) => self.put(Filed::new(*c)),
            Change::Remove(code) => self.withdraw(&code),
        }
    }

    /// Add or replace a report already filed (keys redone if the catalog
    /// changed since): what a store that keeps [`Filed`] rows loads.
    pub fn put(&mut self, filed: Filed) {
        let filed = if filed.current() {
            filed
        } else {
            Filed::new(filed.contribution)
        };
        let code = filed.contribution.agency.code.clone();
        self.withdraw(&code);
        self.file(code, filed);
    }

    /// The aggregate of these filed reports (a later one of an agency
    /// replaces its earlier one).
    pub fn from_filed(
        district: &str,
        year: i32,
        roster: &[Agency],
        filed: impl IntoIterator<Item = Filed>,
    ) -> Self {
        let mut a = Self::new(district, year, roster);
        for f in filed {
            a.put(f);
        }
        a
    }

    fn graph(&mut self, part: Part) -> &mut ClassGraph {
        if part == Part::Shortcomings {
            &mut self.shortcomings
        } else {
            &mut self.plans
        }
    }

    fn file(&mut self, code: String, filed: Filed) {
        for (item, key) in filed.contribution.items.iter().zip(&filed.keys) {
            if let Some(key) = key {
                self.graph(item.part).add(key);
            }
        }
        self.reports.insert(code, filed);
    }

    fn withdraw(&mut self, code: &str) {
        let Some(old) = self.reports.remove(code) else {
            return;
        };
        for (item, key) in old.contribution.items.iter().zip(&old.keys) {
            if let Some(key) = key {
                self.graph(item.part).remove(key);
            }
        }
    }

    /// Replace the roster (agencies added to or dropped from the district).
    pub fn set_roster(&mut self, roster: &[Agency]) {
        self.roster = roster.to_vec();
        self.on_roster = roster.iter().map(|a| a.code.clone()).collect();
    }

    /// The season's figures for the draft's coverage paragraph and part
    /// five (computed by the store with `fazhi-season`).
    pub fn set_season(&mut self, season: Option<SeasonFigures>) {
        self.season = season;
    }

    /// Last year's plans against this year's measures for part four and its
    /// annex (computed by the store with `fazhi-analysis`).
    pub fn set_plan_delivery(&mut self, plans: Option<PlanDelivery>) {
        self.plan_delivery = plans;
    }

    /// Number of agencies with a report.
    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// The current contributions, by agency code: what [`crate::assemble`]
    /// takes to rebuild the same summary from scratch.
    pub fn contributions(&self) -> impl Iterator<Item = &ReportContribution> {
        self.reports.values().map(|f| &f.contribution)
    }

    /// The summary, rendered from the aggregate (linear in its size).
    pub fn summary(&self) -> DistrictSummary {
        let outside: Vec<&ReportContribution> = self
            .reports
            .iter()
            .filter(|(code, _)| !self.on_roster.contains(code.as_str()))
            .map(|(_, f)| &f.contribution)
            .collect();
        let ordered = crate::order(
            &self.roster,
            |code| self.reports.get(code).map(|f| &f.contribution),
            outside,
        );
        crate::render(
            &self.district,
            self.year,
            ordered,
            self.season.clone(),
            self.plan_delivery.clone(),
            |part, reports, inputs| self.groups(part, reports, inputs),
        )
    }

    fn groups(
        &self,
        part: Part,
        reports: &[&ReportContribution],
        inputs: &[GroupInput<'_>],
    ) -> Vec<crate::model::ItemGroup> {
        let graph = if part == Part::Shortcomings {
            &self.shortcomings
        } else {
            &self.plans
        };
        // The keys in the order `render` lists the part's items.
        let mut keys: Vec<&ClassKey> = Vec::with_capacity(inputs.len());
        for c in reports {
            let Some(filed) = self.reports.get(&c.agency.code) else {
                continue;
            };
            for (item, key) in filed.contribution.items.iter().zip(&filed.keys) {
                if item.part == part
                    && let Some(key) = key
                {
                    keys.push(key);
                }
            }
        }
        if keys.len() != inputs.len() {
            // Cannot happen (both lists come from the same reports); the
            // full grouping is the safe answer.
            return grouping::group_items(
                crate::catalog::themes(),
                inputs,
                grouping::kind_of(part),
            );
        }
        let concepts: Vec<Option<&str>> = keys.iter().map(|k| k.concept()).collect();
        let (sim, members) = graph.components(&keys);
        grouping::build_groups(
            crate::catalog::themes(),
            inputs,
            &concepts,
            &sim,
            members,
            grouping::kind_of(part),
        )
    }
}

impl From<Stored> for DistrictAggregate {
    fn from(s: Stored) -> Self {
        let mut a = DistrictAggregate::new(&s.district, s.year, &s.roster);
        let current = crate::catalog::data_version();
        for mut f in s.reports {
            // A whole aggregate of another catalog is redone throughout.
            if f.data_version == 0 || s.data_version != current {
                f.data_version = s.data_version;
            }
            a.put(f);
        }
        a
    }
}

impl From<DistrictAggregate> for Stored {
    fn from(a: DistrictAggregate) -> Self {
        Stored {
            data_version: crate::catalog::data_version(),
            district: a.district,
            year: a.year,
            roster: a.roster,
            reports: a.reports.into_values().collect(),
        }
    }
}
