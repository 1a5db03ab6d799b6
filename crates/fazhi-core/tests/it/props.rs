//! Property tests: the parser never panics, and everything it reports points
//! into the text it was given.

use fazhi_core::{ParseOptions, ParsedReport, parse_bytes, parse_text};
use proptest::prelude::*;

const SEED: &str = include_str!("../../../../samples/reports/003_cb32341b71933a80.txt");
const SEED_B: &str = include_str!("../../../../samples/reports/002_8688029d397398e8.txt");

/// Spans lie inside the text, start <= end, and quantity text is the text
/// at its span.
fn check(text: &str, r: &ParsedReport) {
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(r.chars, chars.len());
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    for s in &r.sections {
        assert!(s.start <= s.end && s.end <= r.chars, "section {s:?}");
        for it in &s.items {
            assert!(it.start <= it.end && it.end <= r.chars, "item {it:?}");
            assert_eq!(it.text, slice(it.start, it.end));
        }
    }
    for q in &r.quantities {
        assert!(q.start <= q.end && q.end <= r.chars, "quantity {q:?}");
        assert_eq!(q.text, slice(q.start, q.end));
        assert!(q.value.is_finite());
        assert!(
            q.sentence_start <= q.start && q.end <= q.sentence_end && q.sentence_end <= r.chars,
            "sentence of {q:?}"
        );
    }
    for f in &r.duty_facts {
        assert!(f.start <= f.end && f.end <= r.chars, "duty fact {f:?}");
        assert_eq!(f.text, slice(f.start, f.end));
    }
    for f in &r.findings {
        if let (Some(s), Some(e)) = (f.start, f.end) {
            assert!(s <= e && e <= r.chars, "finding {f:?}");
        }
    }
}

/// Characters the parser cares about, so random strings hit its paths.
fn report_like() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "一、",
        "（一）",
        "(二)",
        "1.",
        "一是",
        "二是",
        "主要举措和成效",
        "存在的问题和不足",
        "第一责任人",
        "工作安排",
        "其他需要报告的情况",
        "2023年",
        "2021-2025年",
        "余",
        "多",
        "超",
        "约",
        "近",
        "左右",
        "以上",
        "场",
        "件",
        "人次",
        "%",
        "万",
        "十一",
        "两千",
        "第三批",
        "会前学法",
        "专题研究法治",
        "述法",
        "局长",
        "[ 发布机构 ]",
        "| 标 题: |",
        "首页 > ",
        "青禾区司法局",
        "街道",
        "关于",
        "百分之百",
        "万余元",
        "、",
        "。",
        "“1+7”",
        "《",
        "》",
        "“",
        "”",
        "\n",
        "\r\n",
        "　",
        "：",
        "，",
        "。",
        "；",
        "６",
        "0",
        "9",
        ".",
        ",",
        "[bookmark: _GoBack]",
        "来源:某 日期:2023-03-24 打印 【字体:",
        "我局",
        "区委、区政府：",
        "报告",
        "法治",
        "百分之",
        "较去年提升",
        "\u{FEFF}",
        "\u{FFFD}",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let r = parse_text(&s, &ParseOptions::default());
        check(&s, &r);
    }

    #[test]
    fn report_like_strings_never_panic(s in report_like()) {
        let r = parse_text(&s, &ParseOptions { expected_year: Some(2023), expected_agency: Some("青禾区民政局".into()) });
        check(&s, &r);
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok((text, r)) = parse_bytes(&b, &ParseOptions::default()) {
            check(&text, &r);
        }
    }

    #[test]
    fn mutated_seeds_never_panic(
        cut in 0usize..4000,
        len in 0usize..400,
        insert in report_like(),
        which in any::<bool>(),
    ) {
        let seed: Vec<char> = if which { SEED.chars().collect() } else { SEED_B.chars().collect() };
        let cut = cut.min(seed.len());
        let end = (cut + len).min(seed.len());
        let mut s: String = seed[..cut].iter().collect();
        s.push_str(&insert);
        s.extend(&seed[end..]);
        let r = parse_text(&s, &ParseOptions::default());
        check(&s, &r);
    }

    #[test]
    fn gb18030_seed_prefixes_decode_and_parse(cut in 0usize..4000) {
        let seed: Vec<char> = SEED.chars().collect();
        let text: String = seed[..cut.min(seed.len())].iter().collect();
        let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
        if let Ok((decoded, r)) = parse_bytes(&bytes, &ParseOptions::default()) {
            prop_assert_eq!(&decoded, &text);
            check(&decoded, &r);
        }
    }
}

/// The fuzz corpus's hand-made inputs (hostile shapes, HTML references)
/// keep the invariants the fuzz target checks, without nightly.
#[test]
fn fuzz_corpus_inputs_keep_the_invariants() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/parse_bytes");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipping: {dir} not found");
        return;
    };
    let mut seen = 0;
    for e in entries.flatten() {
        let bytes = std::fs::read(e.path()).expect("read corpus input");
        let options = ParseOptions {
            expected_year: Some(2023),
            expected_agency: Some("青禾区民政局".into()),
        };
        if let Ok((text, r)) = parse_bytes(&bytes, &options) {
            check(&text, &r);
        }
        seen += 1;
    }
    assert!(seen > 0, "empty corpus at {dir}");
}
