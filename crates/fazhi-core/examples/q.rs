//! Developer aid: the quantities the scanner reads on each argument line.
fn main() {
    for a in std::env::args().skip(1) {
        let doc = fazhi_core::normalize::Doc::new(&a);
        let mut out = Vec::new();
        for l in &doc.lines {
            fazhi_core::quantities::scan_line(&doc.chars[l.start..l.end], l.start, &mut out);
        }
        for q in out {
            let t: String = doc.chars[q.start..q.end].iter().collect();
            println!(
                "{t} | {} {} {:?} {:?} what={}",
                q.value, q.unit, q.qualifier, q.kind, q.what
            );
        }
        println!("--");
    }
}
