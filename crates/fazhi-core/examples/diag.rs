//! Developer diagnosis: gold vs parsed agency for a folder of gold files.
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
        let ga = g["agency"].as_str().map(str::to_string);
        if ga != r.agency {
            println!(
                "{}: gold {:?} got {:?} title {:?}",
                t.display(),
                ga,
                r.agency,
                r.title
            );
        }
    }
}
