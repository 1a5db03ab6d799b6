//! The words around a number that qualify it (`超170万次`, `300件左右`,
//! `不少于3名`): the one list of them, read where the number is found.

use crate::markers::{ends_with, starts_with};
use crate::model::Qualifier;
use crate::normalize::is_han;

/// Before the number, longest first within each sense.
const LEADING: &[(&str, Qualifier)] = &[
    ("不少于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("至少", Qualifier::AtLeast),
    ("不超过", Qualifier::UpTo),
    ("最多", Qualifier::UpTo),
    ("超过", Qualifier::MoreThan),
    ("突破", Qualifier::MoreThan),
    ("超出", Qualifier::MoreThan),
    ("大约", Qualifier::Approx),
    ("将近", Qualifier::Approx),
    ("接近", Qualifier::Approx),
    ("超", Qualifier::MoreThan),
    ("逾", Qualifier::MoreThan),
    ("约", Qualifier::Approx),
    ("近", Qualifier::Approx),
];

/// The qualifier `before` ends with and its length in chars.
pub(super) fn leading(before: &[char]) -> Option<(Qualifier, usize)> {
    LEADING.iter().find_map(|&(word, q)| {
        // 最近 / 附近 / 临近 are not qualifiers.
        let not_one = word == "近"
            && (ends_with(before, "最近")
                || ends_with(before, "附近")
                || ends_with(before, "临近"));
        (ends_with(before, word) && !not_one).then(|| (q, word.chars().count()))
    })
}

/// The qualifier `after` (the text right after the unit) opens with and its
/// length in chars.
pub(super) fn trailing(after: &[char]) -> Option<(Qualifier, usize)> {
    if starts_with(after, "以上") {
        Some((Qualifier::AtLeast, 2))
    } else if starts_with(after, "左右") {
        Some((Qualifier::Approx, 2))
    } else if starts_with(after, "以内")
        || (starts_with(after, "以下") && !after.get(2).is_some_and(|&c| is_han(c)))
    {
        Some((Qualifier::UpTo, 2))
    } else {
        None
    }
}
