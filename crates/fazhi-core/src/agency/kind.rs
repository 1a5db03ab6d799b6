//! The kind of unit (department, street, town, district government): from
//! its name, or from how the text speaks of itself (我局, 我街, 我镇).

use crate::model::AgencyKind;

/// Kind of unit from its name.
pub fn kind_from_name(name: &str) -> AgencyKind {
    let ends = |w: &str| name.ends_with(w);
    if ends("街道办事处") || ends("街道") || ends("街") || ends("街道办") {
        AgencyKind::Street
    } else if ends("镇人民政府")
        || ends("乡人民政府")
        || ends("镇政府")
        || ends("乡政府")
        || ends("镇")
        || ends("乡")
    {
        AgencyKind::Town
    } else if ends("人民政府")
        || ends("区政府")
        || ends("县政府")
        || ends("市政府")
        || ["区", "县", "市", "省", "州", "旗"].iter().any(|w| ends(w))
    {
        AgencyKind::DistrictGovernment
    } else {
        AgencyKind::Department
    }
}

/// Kind of unit from how the text refers to itself (我局, 我街, 我镇, 我区).
pub fn kind_from_self_reference(chars: &[char]) -> Option<AgencyKind> {
    let (mut dept, mut street, mut town, mut district) = (0usize, 0usize, 0usize, 0usize);
    for i in 0..chars.len() {
        if chars[i] != '我' {
            continue;
        }
        match chars.get(i + 1) {
            Some('局' | '委' | '办' | '厅' | '院' | '所' | '队' | '站' | '馆' | '署') => {
                dept += 1
            }
            Some('中') if chars.get(i + 2) == Some(&'心') => dept += 1,
            Some('街') => street += 1,
            Some('镇' | '乡') => town += 1,
            Some('区' | '县') => district += 1,
            _ => {}
        }
    }
    // 我区 is also how departments speak of their district: it decides
    // only when nothing else does.
    let best = [
        (dept, AgencyKind::Department),
        (street, AgencyKind::Street),
        (town, AgencyKind::Town),
    ]
    .into_iter()
    .max_by_key(|(n, _)| *n)?;
    if best.0 > 0 {
        Some(best.1)
    } else if district > 0 {
        Some(AgencyKind::DistrictGovernment)
    } else {
        None
    }
}
