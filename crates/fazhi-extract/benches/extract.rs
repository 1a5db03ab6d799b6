//! Extraction speed per format on the committed fixtures, and the peak
//! memory of extracting a 30 MB DOCX full of images (generated here).
//!
//! `cargo bench -p fazhi-extract --bench extract` (FAZHI_BENCH_ITERS=N to
//! change the iteration count, default 200). Prints Markdown tables; the
//! method is in docs/benchmarks.md.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fazhi_extract::{Format, Limits};

const FIXTURES: [(&str, Format); 7] = [
    ("word_001.expected.txt", Format::Text),
    ("word_001.docx", Format::Docx),
    ("wps_002.docx", Format::Docx),
    ("tracked_003.docx", Format::Docx),
    ("gov_004.html", Format::Html),
    ("word_001.pdf", Format::Pdf),
    ("seed_000.ofd", Format::Ofd),
];

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn fixture(name: &str) -> Result<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    Ok(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?)
}

fn main() -> Result<()> {
    let iters: u32 = std::env::var("FAZHI_BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let limits = Limits::default();
    println!("| fixture | format | bytes | chars out | detect µs | extract µs | MB/s |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for (name, format) in FIXTURES {
        let bytes = fixture(name)?;
        let chars = fazhi_extract::extract(&bytes, format, &limits)
            .map(|x| x.text.chars().count())
            .map_err(|e| format!("{name}: {e}"))?;
        let detect = time(iters, || {
            let _ = fazhi_extract::detect(&bytes, None, Some(name));
        });
        let extract = time(iters, || {
            let _ = fazhi_extract::extract(&bytes, format, &limits);
        });
        let mbps = bytes.len() as f64 / extract.as_secs_f64() / 1e6;
        println!(
            "| `{name}` | {} | {} | {chars} | {:.0} | {:.0} | {mbps:.1} |",
            format.code(),
            bytes.len(),
            detect.as_secs_f64() * 1e6,
            extract.as_secs_f64() * 1e6,
        );
    }
    big_docx(&limits)
}

/// Mean time of one call over `iters` calls (after one warm-up call).
fn time(iters: u32, mut f: impl FnMut()) -> Duration {
    f();
    let started = Instant::now();
    for _ in 0..iters {
        f();
    }
    started.elapsed() / iters.max(1)
}

/// The Word fixture plus 30 stored (incompressible) 1 MiB images, as Word
/// stores photos: what an agency with a photo-illustrated report sends.
fn build_big_docx() -> Result<Vec<u8>> {
    let base = fixture("word_001.docx")?;
    let mut src = zip::ZipArchive::new(Cursor::new(base.as_slice()))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default();
    let stored = deflated.compression_method(zip::CompressionMethod::Stored);
    for i in 0..src.len() {
        let mut entry = src.by_index(i)?;
        let name = entry.name()?.into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        out.start_file(name, deflated)?;
        out.write_all(&data)?;
    }
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for n in 0..30 {
        let mut img = b"\x89PNG\r\n\x1a\n".to_vec();
        img.resize(1 << 20, 0);
        for b in img.iter_mut().skip(8) {
            // xorshift: incompressible bytes, like a photo.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *b = state as u8;
        }
        out.start_file(format!("word/media/image{n}.png"), stored)?;
        out.write_all(&img)?;
    }
    Ok(out.finish()?.into_inner())
}

/// `VmHWM`/`VmRSS` in KiB from /proc (Linux); `None` elsewhere.
fn proc_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn big_docx(limits: &Limits) -> Result<()> {
    let bytes = build_big_docx()?;
    // Reset the high-water mark so it measures extraction only.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = proc_kib("VmRSS:");
    let started = Instant::now();
    let detected = fazhi_extract::detect(&bytes, None, Some("big.docx"));
    let result = fazhi_extract::extract(&bytes, Format::Docx, limits);
    let elapsed = started.elapsed();
    let peak = proc_kib("VmHWM:");
    let chars = result.map(|x| x.text.len())?;
    println!();
    println!("| 30 MB DOCX with images | value |");
    println!("|---|---:|");
    println!("| file size | {:.1} MiB |", bytes.len() as f64 / 1048576.0);
    println!("| detected as | {:?} |", detected.map(|f| f.code()));
    println!(
        "| detect + extract time | {:.1} ms |",
        elapsed.as_secs_f64() * 1e3
    );
    println!("| extracted text | {:.1} KiB |", chars as f64 / 1024.0);
    match (reset, before, peak) {
        (true, Some(b), Some(p)) => {
            println!(
                "| RSS before (holds the file) | {:.1} MiB |",
                b as f64 / 1024.0
            );
            println!(
                "| peak RSS during extraction | {:.1} MiB |",
                p as f64 / 1024.0
            );
            println!(
                "| peak increase | {:.1} MiB |",
                p.saturating_sub(b) as f64 / 1024.0
            );
        }
        _ => println!("| peak memory | not measurable here (needs Linux /proc) |"),
    }
    Ok(())
}
