//! Developer aid: files whose items the eval does not fully match.
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_default();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for f in files {
        let g: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&f).expect("r")).expect("j");
        let t = std::path::Path::new(&dir).join(g["file"].as_str().unwrap_or(""));
        let (_, r) = fazhi_core::parse_bytes(&std::fs::read(&t).expect("t"), &Default::default())
            .expect("p");
        let s = fazhi_core::eval::score(&[(g.clone(), r.clone())]);
        if s.items.fn_ > 0 || s.items.fp > 0 {
            println!("{}: {:?}", t.display(), s.items);
            for sec in &r.sections {
                println!(
                    "  {:?}: {:?}",
                    sec.part,
                    sec.items
                        .iter()
                        .map(|i| i.title.clone())
                        .collect::<Vec<_>>()
                );
            }
            for gs in g["sections"].as_array().into_iter().flatten() {
                println!("  gold {}: {}", gs["part"], gs["items"]);
            }
        }
    }
}
