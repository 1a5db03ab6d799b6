//! Citizens' names in petition and complaint passages (a surname, one or
//! two more characters or masks, at a petition boundary).

use super::*;

/// The common surnames (the names a petition passage uses). Kept to the
/// frequent ones so a word that begins with a rarer surname character is
/// not read as a name.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏韦邹孟熊秦邱尹薛闫阎段雷侯龙陶黎贺顾毛郝龚邵钱严覃戴莫孔汤殷谷葛庞武赖乔俞柴闵";

fn is_surname(c: char) -> bool {
    // Cheap range test first: most characters of a text are not surnames.
    is_han(c) && SURNAMES.contains(c)
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A mask letter of a pseudonymized name.
fn is_mask(c: char) -> bool {
    matches!(c, '某' | 'X' | 'x' | '×' | '*' | '＊' | 'Ｘ')
}

/// Words right after a citizen's name in a petition passage.
const AFTER_NAME: &[&str] = &[
    "反映", "来信", "来访", "上访", "信访", "投诉", "举报", "诉", "不服", "申请", "提出", "等人",
    "夫妇", "一家",
];

/// Words right before a citizen's name.
const BEFORE_NAME: &[&str] = &[
    "信访人",
    "上访人",
    "来访人",
    "投诉人",
    "举报人",
    "申请人",
    "被申请人",
    "当事人",
    "原告",
    "申诉人",
    "复议申请人",
    "群众",
    "村民",
    "居民",
    "市民",
    "业主",
    "职工",
    "其中",
    "涉及",
];

fn starts_with(chars: &[char], i: usize, w: &str) -> bool {
    (i..).zip(w.chars()).all(|(k, c)| at(chars, k) == c)
}

fn ends_with(chars: &[char], end: usize, w: &str) -> bool {
    let len = w.chars().count();
    end >= len && starts_with(chars, end - len, w)
}

/// Whether a name may start at `i`: after punctuation or the start, after
/// a word that introduces a citizen, or after `、`/`和`/`与` within a list.
fn name_boundary_before(chars: &[char], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = at(chars, i - 1);
    !is_han(p) && !is_alnum(p)
        || matches!(p, '和' | '与' | '及')
        || BEFORE_NAME.iter().any(|w| ends_with(chars, i, w))
}

/// Length of a name at `i` (surname + 1–2 characters or masks), if the
/// text after it is a petition word or the next name of a list; `need_after`
/// false when a word before it already said it is a citizen.
fn name_at(chars: &[char], i: usize, need_after: bool) -> Option<(usize, bool)> {
    if !is_surname(at(chars, i)) {
        return None;
    }
    for given in [2usize, 1] {
        let end = i + 1 + given;
        let body = chars.get(i + 1..end)?;
        let masked = body.iter().all(|&c| is_mask(c));
        let plain = body.iter().all(|&c| is_han(c) && !is_mask(c));
        if !masked && !plain {
            continue;
        }
        // A mask of 某 then a real character (`王某强`) is not a form used.
        if masked && given == 1 && is_mask(at(chars, end)) {
            continue;
        }
        let after_word = AFTER_NAME.iter().any(|w| starts_with(chars, end, w));
        let list = matches!(at(chars, end), '、' | '和' | '与') && is_surname(at(chars, end + 1));
        let stop = !is_han(at(chars, end)) && !is_alnum(at(chars, end));
        if after_word || list || masked || (!need_after && stop) {
            return Some((given + 1, masked));
        }
    }
    None
}

/// Names in petition passages. Each position is tried once with bounded
/// look-around: linear.
pub(super) fn names(chars: &[char], out: &mut Vec<PrivacyFlag>) {
    let n = chars.len();
    let mut i = 0;
    // A list of names (`马秀荣、马秀枝反映`) is confirmed by its last name's
    // petition word: names of a list are held until then.
    let mut pending: Vec<(usize, usize, bool)> = Vec::new();
    while i < n {
        if pending.is_empty() && !is_surname(at(chars, i)) {
            i += 1;
            continue;
        }
        let introduced = i > 0 && BEFORE_NAME[..11].iter().any(|w| ends_with(chars, i, w));
        let in_list = !pending.is_empty();
        if is_surname(at(chars, i))
            && (in_list || name_boundary_before(chars, i))
            && let Some((len, masked)) = name_at(chars, i, !introduced)
        {
            let end = i + len;
            let continues = matches!(at(chars, end), '、' | '和' | '与')
                && AFTER_NAME.iter().all(|w| !starts_with(chars, end, w));
            pending.push((i, end, masked));
            if continues {
                // The next name starts after the separator.
                i = end + 1;
                continue;
            }
            for (s, e, m) in pending.drain(..) {
                out.push(flag(PrivacyKind::PersonName, s, e, m));
            }
            i = end;
            continue;
        }
        // A list whose next item is not a name: not a petition list.
        pending.clear();
        i += 1;
    }
}
