//! The indicator catalog and the theme terms: data files embedded at build
//! time (`catalog/indicators.toml`, `catalog/themes.toml`) and parsed once.
//!
//! Extending the catalog is editing those files; the matching rules are
//! documented at the top of `indicators.toml`. A broken embedded file cannot
//! make the crate panic: [`catalog`] and [`themes`] fall back to an empty
//! catalog (and the crate's tests fail on it, so it never ships broken).

use std::sync::OnceLock;

use fazhi_core::QuantityKind;
use serde::{Deserialize, Serialize};

use crate::charset::CharSet;

/// The embedded indicator catalog, as text.
pub const INDICATORS_TOML: &str = include_str!("../catalog/indicators.toml");
/// The embedded theme terms, as text.
pub const THEMES_TOML: &str = include_str!("../catalog/themes.toml");

/// Pseudo-chapter of items no theme term matched.
pub const UNCLASSIFIED: &str = "unclassified";
/// Its name in the draft.
pub const UNCLASSIFIED_NAME: &str = "其他工作";

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("catalog is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("catalog entry `{0}`: {1}")]
    Invalid(String, String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorDef {
    pub code: String,
    pub name: String,
    pub theme: String,
    /// `count` or `rate` (`change` quantities never map to an indicator).
    pub kind: QuantityKind,
    pub units: Vec<String>,
    pub synonyms: Vec<String>,
    #[serde(default)]
    pub requires: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    /// How the draft says it after `全区共` (`开展普法及法治宣传活动`);
    /// the name when absent.
    #[serde(default)]
    pub phrase: Option<String>,
    #[serde(default)]
    pub numerator: Option<String>,
    #[serde(default)]
    pub denominator: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub version: u32,
    #[serde(rename = "indicator", default)]
    pub indicators: Vec<IndicatorDef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeDef {
    pub code: String,
    pub name: String,
    /// A short name for table columns.
    #[serde(default)]
    pub short: Option<String>,
    /// The chapter's opening sentence in the draft, in the district's voice.
    #[serde(default)]
    pub lead: Option<String>,
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Themes {
    pub version: u32,
    #[serde(rename = "theme", default)]
    pub themes: Vec<ThemeDef>,
}

/// Where a quantity's indicator was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Clause,
    What,
}

/// What a quantity is about, as the catalog sees it.
pub struct QuantityContext<'a> {
    pub kind: QuantityKind,
    pub unit: &'a str,
    /// The counted phrase from the parser.
    pub what: &'a str,
    /// The clause of the report ending with the quantity.
    pub clause: &'a str,
    /// The sentence around the quantity.
    pub sentence: &'a str,
    /// The clause around the quantity, including the words after it that
    /// still belong to it (`1个审计项目在市级优秀项目评选中获奖`): where
    /// exclusions are looked for.
    pub around: &'a str,
}

impl Catalog {
    /// Parse and check a catalog (unique codes, rate parts that exist).
    pub fn parse(text: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = toml::from_str(text)?;
        for (i, d) in catalog.indicators.iter().enumerate() {
            if catalog.indicators[..i].iter().any(|o| o.code == d.code) {
                return Err(CatalogError::Invalid(
                    d.code.clone(),
                    "duplicate code".into(),
                ));
            }
            if d.synonyms.iter().any(|s| s.is_empty()) {
                return Err(CatalogError::Invalid(
                    d.code.clone(),
                    "empty synonym".into(),
                ));
            }
            for part in [&d.numerator, &d.denominator].into_iter().flatten() {
                if !catalog.indicators.iter().any(|o| &o.code == part) {
                    return Err(CatalogError::Invalid(
                        d.code.clone(),
                        format!("unknown rate part `{part}`"),
                    ));
                }
            }
        }
        Ok(catalog)
    }

    pub fn get(&self, code: &str) -> Option<&IndicatorDef> {
        self.indicators.iter().find(|d| d.code == code)
    }

    /// Position of an indicator in the catalog (its order in the draft).
    pub fn position(&self, code: &str) -> usize {
        self.indicators
            .iter()
            .position(|d| d.code == code)
            .unwrap_or(usize::MAX)
    }

    /// The indicator a quantity counts, with the synonym that decided it.
    ///
    /// A synonym found in `what` beats one found only in the clause; among
    /// equals the longest synonym wins, then the earlier entry.
    pub fn match_quantity(&self, q: &QuantityContext<'_>) -> Option<(&IndicatorDef, String)> {
        let mut best: Option<(Place, usize, usize, &IndicatorDef, &str)> = None;
        let (in_what, in_clause) = (CharSet::of(q.what), CharSet::of(q.clause));
        for (pos, d) in self.indicators.iter().enumerate() {
            if d.kind != q.kind || !d.units.iter().any(|u| u == q.unit) {
                continue;
            }
            if d.exclude
                .iter()
                .any(|x| q.what.contains(x.as_str()) || q.around.contains(x.as_str()))
            {
                continue;
            }
            if !d.requires.is_empty()
                && !d
                    .requires
                    .iter()
                    .any(|r| q.what.contains(r.as_str()) || q.sentence.contains(r.as_str()))
            {
                continue;
            }
            for syn in &d.synonyms {
                let place = if in_what.contains(q.what, syn) {
                    Place::What
                } else if in_clause.contains(q.clause, syn) {
                    Place::Clause
                } else {
                    continue;
                };
                let len = syn.chars().count();
                let better = match &best {
                    None => true,
                    Some((bp, bl, bpos, _, _)) => {
                        (place, len, std::cmp::Reverse(pos)) > (*bp, *bl, std::cmp::Reverse(*bpos))
                    }
                };
                if better {
                    best = Some((place, len, pos, d, syn.as_str()));
                }
            }
        }
        best.map(|(_, _, _, d, syn)| (d, syn.to_owned()))
    }
}

impl Themes {
    pub fn parse(text: &str) -> Result<Themes, CatalogError> {
        let themes: Themes = toml::from_str(text)?;
        for (i, t) in themes.themes.iter().enumerate() {
            if themes.themes[..i].iter().any(|o| o.code == t.code) || t.code == UNCLASSIFIED {
                return Err(CatalogError::Invalid(
                    t.code.clone(),
                    "duplicate or reserved code".into(),
                ));
            }
            if t.terms.iter().any(|s| s.is_empty()) {
                return Err(CatalogError::Invalid(t.code.clone(), "empty term".into()));
            }
        }
        Ok(themes)
    }

    /// Chapter name of a code (`unclassified` included).
    pub fn name(&self, code: &str) -> String {
        self.themes
            .iter()
            .find(|t| t.code == code)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| {
                if code == UNCLASSIFIED {
                    UNCLASSIFIED_NAME.to_owned()
                } else {
                    code.to_owned()
                }
            })
    }

    /// Short name of a code (for table columns).
    pub fn short(&self, code: &str) -> String {
        self.themes
            .iter()
            .find(|t| t.code == code)
            .and_then(|t| t.short.clone())
            .unwrap_or_else(|| self.name(code))
    }

    /// Position in the draft; `unclassified` and unknown codes last.
    pub fn position(&self, code: &str) -> usize {
        self.themes
            .iter()
            .position(|t| t.code == code)
            .unwrap_or(self.themes.len())
    }
}

/// The embedded indicator catalog.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::parse(INDICATORS_TOML).unwrap_or(Catalog {
            version: 0,
            indicators: Vec::new(),
        })
    })
}

/// The embedded theme terms.
pub fn themes() -> &'static Themes {
    static THEMES: OnceLock<Themes> = OnceLock::new();
    THEMES.get_or_init(|| {
        Themes::parse(THEMES_TOML).unwrap_or(Themes {
            version: 0,
            themes: Vec::new(),
        })
    })
}

/// Version of the embedded data (indicators × 1000 + themes): stored with each
/// contribution so a worker can tell which ones predate a catalog change.
pub fn data_version() -> u32 {
    catalog()
        .version
        .saturating_mul(1000)
        .saturating_add(themes().version)
}

#[cfg(test)]
mod tests;
