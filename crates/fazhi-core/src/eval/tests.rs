use super::*;

#[test]
fn multiset_matching_counts_duplicates_once_each() {
    let g = vec![
        "2 件 exact".to_string(),
        "2 件 exact".to_string(),
        "3 件 exact".to_string(),
    ];
    let p = vec!["2 件 exact".to_string(), "4 件 exact".to_string()];
    let (prf, missed, extra) = match_keys(&g, &p);
    assert_eq!(
        prf,
        Prf {
            tp: 1,
            fp: 1,
            fn_: 2
        }
    );
    assert_eq!(missed.len(), 2);
    assert_eq!(extra, vec!["4 件 exact"]);
    assert!((prf.f1() - 0.4).abs() < 1e-9);
}
