//! gRPC client plumbing (credential, TLS, server address) and `summary`.

use std::time::Duration;

use anyhow::{Context, bail};
use fazhi_config::Settings;
use fazhi_proto::v1 as pb;
use fazhi_proto::v1::district_summary_service_client::DistrictSummaryServiceClient;
use fazhi_proto::v1::report_ingest_service_client::ReportIngestServiceClient;
use tonic::transport::Channel;

use crate::cli::{SummaryArgs, SummaryFormat};

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
        .context("访问令牌含有不能放进请求头的字符：请检查 client.token（FAZHI_CLIENT__TOKEN）")
}

pub fn server_url(settings: &Settings, explicit: Option<&str>) -> String {
    let Some(addr) = explicit else {
        // A server listening on every interface is reached on loopback.
        let mut listen = settings.grpc.listen;
        if listen.ip().is_unspecified() {
            listen.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        return format!("http://{listen}");
    };
    if addr.starts_with("http://") || addr.starts_with("https://") {
        addr.to_owned()
    } else {
        format!("http://{}", addr.replace("0.0.0.0", "127.0.0.1"))
    }
}

pub async fn channel_with(url: &str, ca_cert: Option<&std::path::Path>) -> anyhow::Result<Channel> {
    let mut endpoint = Channel::from_shared(url.to_owned())
        .with_context(|| format!("服务器地址 {url} 格式不正确"))?
        .connect_timeout(Duration::from_secs(5));
    if url.starts_with("https://") {
        let mut tls = tonic::transport::ClientTlsConfig::new();
        if let Some(ca) = ca_cert {
            let pem =
                std::fs::read(ca).with_context(|| format!("无法读取 CA 证书 {}", ca.display()))?;
            tls = tls.ca_certificate(tonic::transport::Certificate::from_pem(pem));
        }
        endpoint = endpoint.tls_config(tls).context("TLS 设置有误")?;
    }
    // Only the root cause (the operating system's words): the layers
    // above it ("transport error") are the library's, not the clerk's.
    endpoint.connect().await.map_err(|e| {
        let mut cause: &dyn std::error::Error = &e;
        while let Some(next) = cause.source() {
            cause = next;
        }
        anyhow::anyhow!(
            "无法连接服务器 {url}（{cause}）：服务器是否已用 `fazhi serve` 或 `fazhi up` 启动？"
        )
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
            bail!(
                "报送 {id} 在 {} 秒内未处理完（处理进程 `fazhi worker` 是否在运行？）",
                deadline.as_secs()
            );
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
    response.into_inner().summary.context("服务器没有返回汇总")
}

pub async fn summary(settings: &Settings, args: SummaryArgs) -> anyhow::Result<()> {
    let url = server_url(settings, args.server.as_deref());
    let mut client = DistrictSummaryServiceClient::new(authed(settings, &url).await?)
        .max_decoding_message_size(256 << 20);
    let output: Vec<u8> = if args.json {
        // --json is the structured summary; a draft format with it is a mistake.
        // (clap refuses --json with --format before we get here.)
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
            .context("服务器没有返回汇总")?;
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
            std::fs::write(&path, output)
                .with_context(|| format!("无法写入 {}", path.display()))?;
            eprintln!("已写入 {}", path.display());
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&output)?;
        }
    }
    Ok(())
}
