//! `fazhi submit FILE|DIR …`: every file (a folder's files, in name order)
//! with a progress bar, a summary at the end, a non-zero exit if any was
//! refused. A re-run sends only what the server does not have yet: each
//! file's submission id is computed here the way the server computes it
//! (from the key, which comes from the file's content), and asked for first.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use fazhi_services::submission::NewSubmission;
use sha2::Digest;

use crate::cli::SubmitArgs;
use crate::client::{Authed, authed, media_type_for, server_url, status_name, wait_processed};

/// The files named, with each folder replaced by its files (not hidden,
/// not in subfolders), sorted by name so a re-run goes in the same order.
pub fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("无法读取文件夹 {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| !n.starts_with('.'))
                })
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        bail!("没有要报送的文件：文件夹是空的");
    }
    Ok(files)
}

/// The idempotency key of one file: the caller's key with the file name
/// (several files), else the file's SHA-256, so the same file gives the same
/// submission however often it is sent.
fn key_for(explicit: Option<&str>, several: bool, file_name: &str, content: &[u8]) -> String {
    match explicit {
        Some(k) if several => format!("{k}/{file_name}"),
        Some(k) => k.to_owned(),
        None => format!("sha256:{}", hex::encode(sha2::Sha256::digest(content))),
    }
}

enum Outcome {
    Sent(pb::SubmitReportResponse),
    AlreadyThere(Box<pb::Submission>),
    Refused(String),
}

pub async fn submit(settings: &Settings, args: SubmitArgs) -> anyhow::Result<()> {
    let files = expand(&args.files)?;
    let url = server_url(settings, args.server.as_deref());
    let mut client = ReportIngestServiceClient::new(authed(settings, &url).await?)
        .max_encoding_message_size(settings.grpc.max_message_bytes());
    let several = files.len() > 1;
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let (mut sent, mut skipped, mut refused) = (0usize, 0usize, 0usize);
    for file in &files {
        bar.set_message(file.display().to_string());
        let outcome = submit_one(settings, &mut client, &args, file, several).await?;
        let line = match &outcome {
            Outcome::Sent(r) => {
                sent += 1;
                if args.wait {
                    let s = wait_processed(&mut client, &r.submission_id, Duration::from_secs(120))
                        .await?;
                    format!(
                        "{}\t{}\t{}\t{}",
                        file.display(),
                        s.submission_id,
                        status_name(s.status),
                        s.reject_reason
                    )
                } else {
                    format!(
                        "{}\t{}\t{}",
                        file.display(),
                        r.submission_id,
                        status_name(r.status)
                    )
                }
            }
            Outcome::AlreadyThere(s) => {
                skipped += 1;
                format!(
                    "{}\t{}\t{}\t此前已报送，本次未重复提交",
                    file.display(),
                    s.submission_id,
                    status_name(s.status)
                )
            }
            Outcome::Refused(reason) => {
                refused += 1;
                bar.suspend(|| eprintln!("{}\t未被接收：{reason}", file.display()));
                bar.inc(1);
                continue;
            }
        };
        bar.suspend(|| println!("{line}"));
        bar.inc(1);
    }
    bar.finish_and_clear();
    eprintln!(
        "共 {} 个文件：本次报送 {sent} 个，此前已报送 {skipped} 个，未被接收 {refused} 个",
        files.len()
    );
    if refused > 0 {
        bail!(
            "有 {refused} 个文件未被接收（原因见上）；改正后重新运行同一命令，只会报送尚未报送的文件"
        );
    }
    Ok(())
}

async fn submit_one(
    settings: &Settings,
    client: &mut ReportIngestServiceClient<Authed>,
    args: &SubmitArgs,
    file: &Path,
    several: bool,
) -> anyhow::Result<Outcome> {
    let content = match std::fs::read(file) {
        Ok(c) => c,
        Err(e) => return Ok(Outcome::Refused(format!("无法读取文件：{e}"))),
    };
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let request = pb::SubmitReportRequest {
        agency_code: args.agency.clone(),
        reporting_year: args.year,
        document: Some(pb::Document {
            media_type: media_type_for(file).to_owned(),
            file_name: file_name.clone(),
            content: Vec::new(),
        }),
        idempotency_key: Some(key_for(args.key.as_deref(), several, &file_name, &content)),
    };
    // The id the server will give this file; if it already has it, there
    // is nothing to send (a file it refused has no id and goes again).
    let mut probe = request.clone();
    if let Some(d) = probe.document.as_mut() {
        d.content = content.clone();
    }
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    if let Ok(parsed) = NewSubmission::parse(probe, this_year, settings.grpc.max_document_bytes) {
        let asked = client
            .get_submission(pb::GetSubmissionRequest {
                submission_id: parsed.submission_id(),
            })
            .await;
        if let Ok(found) = asked
            && let Some(s) = found.into_inner().submission
        {
            return Ok(Outcome::AlreadyThere(Box::new(s)));
        }
    }
    let mut request = request;
    if let Some(d) = request.document.as_mut() {
        d.content = content;
    }
    Ok(match client.submit_report(request).await {
        Ok(r) => Outcome::Sent(r.into_inner()),
        Err(status) => Outcome::Refused(status.message().to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_file_always_gets_the_same_key_and_another_file_another() {
        let a = key_for(None, true, "a.txt", "报告甲".as_bytes());
        assert_eq!(a, key_for(None, true, "a-renamed.txt", "报告甲".as_bytes()));
        assert_ne!(a, key_for(None, true, "a.txt", "报告乙".as_bytes()));
        assert_eq!(key_for(Some("k"), true, "a.txt", b"x"), "k/a.txt");
        assert_eq!(key_for(Some("k"), false, "a.txt", b"x"), "k");
        assert!(a.chars().count() <= 128, "within the server's key limit");
    }

    #[test]
    fn a_folder_expands_to_its_visible_files_in_name_order() {
        let dir = std::env::temp_dir().join(format!("fazhi-folder-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for f in ["b.txt", "a.txt", ".hidden"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let files = expand(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(files, vec![dir.join("a.txt"), dir.join("b.txt")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
