//! Print what the parser would read from a file:
//! `cargo run -p fazhi-extract --example extract -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let limits = fazhi_extract::Limits::default();
    match fazhi_extract::extract_any(&bytes, None, Some(&path), &limits) {
        Ok(x) => {
            println!(
                "format: {:?}\nmeta: {:?}\nheadings: {}\nnotes: {:?}\n---",
                x.format,
                x.meta,
                x.headings.len(),
                x.notes
            );
            println!("{}", x.text);
        }
        Err(e) => {
            eprintln!("refused [{}]: {e}", e.code());
            std::process::exit(1);
        }
    }
}
