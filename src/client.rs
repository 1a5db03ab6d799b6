//! gRPC client commands: submit and summary.

use std::time::Duration;

use anyhow::{Context, bail};
use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_client::DistrictSummaryServiceClient;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use tonic::transport::Channel;

use crate::cli::{SubmitArgs, SummaryArgs, SummaryFormat};

pub use fazhi_services::bearer::Authed;

/// Connect with the configured (or local) credential; TLS for `https://`.
pub async fn authed(settings: &Settings, url: &str) -> anyhow::Result<Authed> {
    let token = crate::credentials::client_token(settings);
    if token.is_none() {
        eprintln!(
            "提示：没有访问凭证（设置 FAZHI_CLIENT__TOKEN，或在服务器本机用 `fazhi credentials issue` 发放），服务器将拒绝请求"
        );
    }
    let channel = channel_with(url, settings.client.ca_cert.as_deref()).await?;
    fazhi_services::bearer::authed(channel, token.as_deref())
        .context("the access token contains characters a header cannot carry")
}

pub fn server_url(settings: &Settings, explicit: Option<&str>) -> String {
    let addr = explicit.unwrap_or(&settings.grpc.listen);
    if addr.starts_with("http://") || addr.starts_with("https://") {
        addr.to_owned()
    } else {
        format!("http://{}", addr.replace("0.0.0.0", "127.0.0.1"))
    }
}

pub async fn channel_with(url: &str, ca_cert: Option<&std::path::Path>) -> anyhow::Result<Channel> {
    let mut endpoint = Channel::from_shared(url.to_owned())
        .with_context(|| format!("bad server address {url}"))?
        .connect_timeout(Duration::from_secs(5));
    if url.starts_with("https://") {
        let mut tls = tonic::transport::ClientTlsConfig::new();
        if let Some(ca) = ca_cert {
            let pem = std::fs::read(ca).with_context(|| format!("reading {}", ca.display()))?;
            tls = tls.ca_certificate(tonic::transport::Certificate::from_pem(pem));
        }
        endpoint = endpoint.tls_config(tls).context("TLS configuration")?;
    }
    endpoint.connect().await.with_context(|| {
        format!("cannot reach the fazhi server at {url} (is `fazhi serve` or `fazhi up` running?)")
    })
}

pub fn status_name(status: i32) -> &'static str {
    match pb::SubmissionStatus::try_from(status) {
        Ok(pb::SubmissionStatus::Queued) => "QUEUED",
        Ok(pb::SubmissionStatus::Processed) => "PROCESSED",
        Ok(pb::SubmissionStatus::Rejected) => "REJECTED",
        Ok(pb::SubmissionStatus::Withdrawn) => "WITHDRAWN",
        Ok(pb::SubmissionStatus::Failed) => "FAILED",
        _ => "UNSPECIFIED",
    }
}

/// Poll until the submission leaves QUEUED or the deadline passes.
pub async fn wait_processed(
    client: &mut ReportIngestServiceClient<Authed>,
    id: &str,
    deadline: Duration,
) -> anyhow::Result<pb::Submission> {
    let until = tokio::time::Instant::now() + deadline;
    loop {
        let submission = client
            .get_submission(pb::GetSubmissionRequest {
                submission_id: id.to_owned(),
            })
            .await
            .map(|r| r.into_inner().submission)
            .ok()
            .flatten();
        if let Some(s) = submission.filter(|s| s.status != pb::SubmissionStatus::Queued as i32) {
            return Ok(s);
        }
        if tokio::time::Instant::now() > until {
            bail!("submission {id} was not processed within {deadline:?} (is a worker running?)");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub fn media_type_for(path: &std::path::Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("pdf") => "application/pdf",
        Some("html" | "htm" | "shtml") => "text/html",
        Some("ofd") => "application/ofd",
        Some("doc" | "wps") => "application/msword",
        _ => "text/plain",
    }
}

pub async fn submit(settings: &Settings, args: SubmitArgs) -> anyhow::Result<()> {
    let url = server_url(settings, args.server.as_deref());
    let mut client = ReportIngestServiceClient::new(authed(settings, &url).await?)
        .max_encoding_message_size(settings.grpc.max_message_bytes());
    let several = args.files.len() > 1;
    let mut failed = false;
    for file in &args.files {
        let content = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        let file_name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = args.key.as_ref().map(|k| {
            if several {
                format!("{k}/{file_name}")
            } else {
                k.clone()
            }
        });
        let request = pb::SubmitReportRequest {
            agency_code: args.agency.clone(),
            reporting_year: args.year,
            document: Some(pb::Document {
                content,
                media_type: media_type_for(file).to_owned(),
                file_name: file_name.clone(),
            }),
            idempotency_key: key,
        };
        match client.submit_report(request).await {
            Ok(response) => {
                let r = response.into_inner();
                if args.wait {
                    let s = wait_processed(&mut client, &r.submission_id, Duration::from_secs(120))
                        .await?;
                    println!(
                        "{}\t{}\t{}\t{}",
                        file.display(),
                        s.submission_id,
                        status_name(s.status),
                        s.reject_reason
                    );
                } else {
                    println!(
                        "{}\t{}\t{}",
                        file.display(),
                        r.submission_id,
                        status_name(r.status)
                    );
                }
            }
            Err(status) => {
                failed = true;
                eprintln!(
                    "{}\t{:?}\t{}",
                    file.display(),
                    status.code(),
                    status.message()
                );
            }
        }
    }
    if failed {
        bail!("some files were not accepted");
    }
    Ok(())
}

pub async fn fetch_summary(
    settings: &Settings,
    url: &str,
    district: &str,
    year: i32,
) -> anyhow::Result<pb::DistrictSummary> {
    let mut client = DistrictSummaryServiceClient::new(authed(settings, url).await?)
        .max_decoding_message_size(256 << 20);
    let response = client
        .get_district_summary(pb::GetDistrictSummaryRequest {
            district: district.to_owned(),
            year,
            ..Default::default()
        })
        .await
        .map_err(|s| anyhow::anyhow!("{}", s.message()))?;
    response
        .into_inner()
        .summary
        .context("the server sent no summary")
}

pub async fn summary(settings: &Settings, args: SummaryArgs) -> anyhow::Result<()> {
    let url = server_url(settings, args.server.as_deref());
    let mut client = DistrictSummaryServiceClient::new(authed(settings, &url).await?)
        .max_decoding_message_size(256 << 20);
    let output: Vec<u8> = if args.json {
        // --json is the structured summary; a draft format with it is a mistake.
        if args.format.is_some() {
            bail!("--json 与 --format 不能同时使用：--json 输出结构化汇总，--format 导出汇总稿");
        }
        let summary = client
            .get_district_summary(pb::GetDistrictSummaryRequest {
                district: args.district.clone(),
                year: args.year,
                view: pb::SummaryView::Json as i32,
            })
            .await
            .map_err(|s| anyhow::anyhow!("{}", s.message()))?
            .into_inner()
            .summary
            .context("the server sent no summary")?;
        let mut s = summary.summary_json;
        s.push('\n');
        s.into_bytes()
    } else {
        let format = match args.format.unwrap_or(SummaryFormat::Markdown) {
            SummaryFormat::Markdown => pb::DraftFormat::Markdown,
            SummaryFormat::Docx => {
                if args.output.is_none() {
                    bail!("--format docx 会写入文件：请用 --output 文件名.docx 指定");
                }
                pb::DraftFormat::Docx
            }
        };
        let draft = client
            .export_draft(pb::ExportDraftRequest {
                district: args.district.clone(),
                year: args.year,
                format: format as i32,
            })
            .await
            .map_err(|s| anyhow::anyhow!("{}", s.message()))?
            .into_inner();
        if let Some(v) = draft.verification.as_ref().filter(|v| !v.passed) {
            eprintln!(
                "注意：汇总稿中有 {} 个数字未能由其来源推出（见 --json 的 verification）",
                v.failures.len()
            );
        }
        draft.content
    };
    match args.output {
        Some(path) => {
            std::fs::write(&path, output).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&output)?;
        }
    }
    Ok(())
}
