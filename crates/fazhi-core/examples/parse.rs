//! Print the parse of a file as JSON: `cargo run -p fazhi-core --example parse -- FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read file");
        match fazhi_core::parse_bytes(&bytes, &fazhi_core::ParseOptions::default()) {
            Ok((_, report)) => println!(
                "{}",
                serde_json::to_string_pretty(&report).expect("serialize")
            ),
            Err(e) => println!("{path}: {e}"),
        }
    }
}
