//! Developer aid: the cleaned lines of a file, numbered.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read file");
        let text = fazhi_core::decode(&bytes).expect("decode");
        let doc = fazhi_core::normalize::Doc::new(&text);
        for i in 0..doc.lines.len().min(40) {
            let l: String = doc.line(i).iter().take(60).collect();
            println!("{i}: {l}");
        }
    }
}
