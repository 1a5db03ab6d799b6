//! Hostile input shapes, shared by the linearity test, the benchmark and the
//! fuzz corpus: each is one short unit repeated to any size, aimed at a
//! place where a careless scan goes quadratic (a paragraph that never stops,
//! one giant line, a heading on every line, endless digits or brackets).

/// Name and repeated unit of every hostile shape.
pub const SHAPES: &[(&str, &str)] = &[
    // Wrapped paragraph lines with no sentence stop: every line joins the
    // pending one (the old rescan for `。` was quadratic here).
    (
        "no_stop_wrapped",
        "我局持续推进依法行政工作,\n加强执法队伍建设和制度建设\n",
    ),
    (
        "one_giant_line",
        "我局开展法治宣传活动22场,发放资料6000余份,",
    ),
    ("every_line_top", "一、\n"),
    ("every_line_heading", "一、存在的问题和不足\n"),
    ("all_digits", "1234567890"),
    ("all_brackets", "(《“【[〔"),
    ("all_paren_han", "(一)"),
    (
        "paren_han_lines",
        "(一)加强执法队伍培训。(二)推进执法信息化建设。\n",
    ),
    ("han_numerals", "一二三四五六七八九十百千万"),
    ("numbers_with_units", "超170万余次,"),
    ("shi_enumeration", "一是"),
    ("blank_lines", "\n\n\r\n"),
    ("agency_words", "区司法局街道办事处镇人民政府关于"),
];

/// `unit` repeated and cut (at a character boundary) to about `size` bytes.
pub fn repeat_to(unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + unit.len());
    if unit.is_empty() {
        return s;
    }
    while s.len() < size {
        s.push_str(unit);
    }
    let mut cut = size.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}
