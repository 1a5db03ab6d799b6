//! Short unit names as a district report writes them: the place prefix
//! dropped (`北京市西城区城市管理指挥中心` → `城市管理指挥中心`), governments by
//! their place (`北京市大兴区旧宫镇人民政府` → `旧宫镇`, a district's own
//! government → `区政府`), street offices as `…街道`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

pub const SHORT_NAMES_TOML: &str = include_str!("../catalog/short_names.toml");

#[derive(Debug, Default, Deserialize)]
struct ShortNames {
    #[serde(default)]
    abbreviations: BTreeMap<String, String>,
}

fn abbreviations() -> &'static BTreeMap<String, String> {
    static NAMES: OnceLock<ShortNames> = OnceLock::new();
    &NAMES
        .get_or_init(|| toml::from_str(SHORT_NAMES_TOML).unwrap_or_default())
        .abbreviations
}

/// Place suffixes of a prefix that may be dropped.
const PLACE_ENDS: [char; 4] = ['省', '市', '区', '县'];

/// The short name of a unit.
pub fn short_name(full: &str) -> String {
    let mut s: &str = full.trim();
    // Drop leading place names of 3–5 characters (北京市, 西城区, 石景山区);
    // a shorter token (城市管理…) or one that starts with a place word
    // (区城市管理委员会) is part of the unit's own name.
    loop {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let cut = (2..chars.len().min(5)).find(|&k| {
            PLACE_ENDS.contains(&chars[k].1)
                && !PLACE_ENDS.contains(&chars[0].1)
                && chars.len() > k + 2
        });
        match cut {
            Some(k) => s = &s[chars[k].0 + chars[k].1.len_utf8()..],
            None => break,
        }
    }
    let s = s.trim();
    if s.is_empty() || s == "人民政府" || s == "区人民政府" || s == "政府" {
        return "区政府".to_owned();
    }
    if let Some(place) = s.strip_suffix("人民政府") {
        return place.to_owned();
    }
    if let Some(street) = s.strip_suffix("街道办事处") {
        return format!("{street}街道");
    }
    if let Some(street) = s.strip_suffix("办事处") {
        return street.to_owned();
    }
    if s.ends_with('街') && s.chars().count() >= 3 {
        return format!("{s}道");
    }
    abbreviations()
        .get(s)
        .cloned()
        .unwrap_or_else(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_shorten_as_reports_write_them() {
        assert_eq!(
            short_name("北京市西城区城市管理指挥中心"),
            "城市管理指挥中心"
        );
        assert_eq!(short_name("北京市大兴区旧宫镇人民政府"), "旧宫镇");
        assert_eq!(short_name("北京市石景山区人民政府"), "区政府");
        assert_eq!(short_name("西营门街"), "西营门街道");
        assert_eq!(short_name("北京市西城区园林绿化局"), "园林绿化局");
        assert_eq!(short_name("广安门内街道办事处"), "广安门内街道");
        assert_eq!(short_name("区市场监督管理局"), "区市场监督管理局");
        assert_eq!(short_name("城市管理委员会"), "城管委");
        assert_eq!(short_name(""), "区政府");
        assert_eq!(short_name("海棠区卫生健康委员会"), "卫健委");
        assert_eq!(short_name("海棠区青石街道办事处"), "青石街道");
        assert!(!abbreviations().is_empty());
    }
}
