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
    if let Ok(path) = std::env::var(CHILD_ENV) {
        return measure_child(&path);
    }
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
    scaling(&limits)?;
    big_docx(&limits)
}

/// The Word fixture's body repeated k times: time per inflated MB must stay
/// flat as the document grows (single pass, no quadratic step).
fn scaling(limits: &Limits) -> Result<()> {
    let base = fixture("word_001.docx")?;
    let mut src = zip::ZipArchive::new(Cursor::new(base.as_slice()))?;
    let mut xml = String::new();
    src.by_name("word/document.xml")?.read_to_string(&mut xml)?;
    let start = xml.find("<w:body>").ok_or("no body")? + "<w:body>".len();
    let end = xml.find("<w:sectPr").ok_or("no sectPr")?;
    println!();
    println!("| DOCX body × k | document.xml | chars out | extract ms | inflated MB/s |");
    println!("|---:|---:|---:|---:|---:|");
    for k in [1usize, 10, 100, 1000] {
        let doc = format!(
            "{}{}{}",
            &xml[..start],
            xml[start..end].repeat(k),
            &xml[end..]
        );
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..src.len() {
            let mut entry = src.by_index(i)?;
            let name = entry.name()?.into_owned();
            let mut data = Vec::new();
            entry.read_to_end(&mut data)?;
            if name == "word/document.xml" {
                data = doc.clone().into_bytes();
            }
            // Stored: a body repeated 1000 times would compress past the
            // bomb ratio, which real documents never do.
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            out.start_file(name, stored)?;
            out.write_all(&data)?;
        }
        let bytes = out.finish()?.into_inner();
        let iters = (200 / k as u32).max(3);
        let mut chars = 0;
        let t = time(iters, || {
            chars = fazhi_extract::extract(&bytes, Format::Docx, limits)
                .map(|x| x.text.chars().count())
                .unwrap_or(0);
        });
        println!(
            "| {k} | {:.2} MB | {chars} | {:.2} | {:.1} |",
            doc.len() as f64 / 1e6,
            t.as_secs_f64() * 1e3,
            doc.len() as f64 / t.as_secs_f64() / 1e6
        );
    }
    Ok(())
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

/// Child mode: read the file, then measure only what extraction adds to the
/// resident set (a fresh process, so no freed-but-resident heap hides it).
const CHILD_ENV: &str = "FAZHI_BENCH_MEASURE_FILE";

fn measure_child(path: &str) -> Result<()> {
    let bytes = std::fs::read(path)?;
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = proc_kib("VmRSS:").ok_or("no /proc")?;
    let started = Instant::now();
    let format = fazhi_extract::detect(&bytes, None, Some("big.docx"))?;
    let x = fazhi_extract::extract(&bytes, format, &Limits::default())?;
    let ms = started.elapsed().as_secs_f64() * 1e3;
    let peak = proc_kib("VmHWM:").ok_or("no /proc")?;
    println!(
        "{reset} {before} {peak} {ms:.2} {} {}",
        x.text.len(),
        format.code()
    );
    Ok(())
}

fn big_docx(_limits: &Limits) -> Result<()> {
    let bytes = build_big_docx()?;
    let path = std::env::temp_dir().join(format!("fazhi-bench-{}.docx", std::process::id()));
    std::fs::write(&path, &bytes)?;
    let out = std::process::Command::new(std::env::current_exe()?)
        .env(CHILD_ENV, &path)
        .output();
    std::fs::remove_file(&path)?;
    let out = out?;
    let line = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap_or("")
        .to_owned();
    let f: Vec<&str> = line.split_whitespace().collect();
    println!();
    println!("| 30 MB DOCX with images | value |");
    println!("|---|---:|");
    println!("| file size | {:.1} MiB |", bytes.len() as f64 / 1048576.0);
    if let [reset, before, peak, ms, text, format] = f.as_slice() {
        let kib = |s: &str| s.parse::<u64>().unwrap_or(0);
        println!("| detected as | {format} |");
        println!("| detect + extract time | {ms} ms |");
        println!("| extracted text | {:.1} KiB |", kib(text) as f64 / 1024.0);
        println!(
            "| RSS of the process holding the file | {:.1} MiB |",
            kib(before) as f64 / 1024.0
        );
        if *reset == "true" {
            println!(
                "| peak RSS during detect + extract | {:.1} MiB |",
                kib(peak) as f64 / 1024.0
            );
            println!(
                "| peak added by extraction | {} KiB |",
                kib(peak).saturating_sub(kib(before))
            );
        }
    } else {
        println!(
            "| peak memory | not measurable here (needs Linux /proc): {} |",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}
