//! One trace from the caller to the database: a `traceparent` sent with
//! SubmitReport is the parent of the RPC's span, travels in the message
//! header, and the worker's span and its database write carry the same
//! trace id. Spans are captured in-process with OpenTelemetry's in-memory
//! exporter, installed as the process's global subscriber (a scoped one
//! misses callsites other tests' threads registered first); this test
//! looks only at its own trace id.

use std::time::Duration;

use fazhi_proto::v1 as pb;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::SubscriberExt;

use crate::helpers::*;

/// The process-wide exporter, installed once.
fn exporter() -> InMemorySpanExporter {
    static EXPORTER: std::sync::OnceLock<InMemorySpanExporter> = std::sync::OnceLock::new();
    EXPORTER
        .get_or_init(|| {
            let exporter = InMemorySpanExporter::default();
            let provider = SdkTracerProvider::builder()
                .with_simple_exporter(exporter.clone())
                .build();
            let subscriber = tracing_subscriber::registry().with(
                tracing_opentelemetry::layer()
                    .with_tracer(provider.tracer("test"))
                    .with_filter(tracing_subscriber::filter::filter_fn(|m| {
                        m.target().starts_with("fazhi")
                    })),
            );
            tracing::subscriber::set_global_default(subscriber)
                .expect("no other test sets a global subscriber");
            exporter
        })
        .clone()
}

fn has_attribute(span: &SpanData, key: &str) -> bool {
    span.attributes.iter().any(|kv| kv.key.as_str() == key)
}

#[tokio::test]
async fn a_callers_trace_id_is_seen_on_the_workers_database_write() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let exporter = exporter();
    let app = spawn_app(&settings, true).await;
    let trace_id = uuid::Uuid::new_v4().simple().to_string();
    let caller_span = "00f067aa0ba902b7";
    let (agency, year, file) = SAMPLES[4];
    let mut request = tonic::Request::new(pb::SubmitReportRequest {
        agency_code: agency.into(),
        reporting_year: year,
        document: Some(pb::Document {
            content: sample(file),
            media_type: "text/plain".into(),
            file_name: file.into(),
        }),
        idempotency_key: None,
    });
    request.metadata_mut().insert(
        "traceparent",
        format!("00-{trace_id}-{caller_span}-01").parse().unwrap(),
    );
    let id = app
        .ingest()
        .await
        .submit_report(request)
        .await
        .expect("accepted")
        .into_inner()
        .submission_id;
    app.wait_done(&id).await;

    // The write span ends inside the transaction call, before the ack that
    // ends the worker's span: poll until both are exported.
    let in_trace = |name: &str| {
        exporter
            .get_finished_spans()
            .unwrap()
            .iter()
            .filter(|s| s.name == name && s.span_context.trace_id().to_string() == trace_id)
            .count()
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while in_trace("db.write") == 0 || in_trace("submission") < 2 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the caller's trace has no database write: {:#?}",
            exporter
                .get_finished_spans()
                .unwrap()
                .iter()
                .map(|s| format!("{} {}", s.name, s.span_context.trace_id()))
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let spans = exporter.get_finished_spans().unwrap();
    let of_trace: Vec<&SpanData> = spans
        .iter()
        .filter(|s| s.span_context.trace_id().to_string() == trace_id)
        .collect();
    let named = |name: &str, with: &str| {
        of_trace
            .iter()
            .copied()
            .find(|s| s.name == name && has_attribute(s, with))
            .unwrap_or_else(|| {
                panic!("no {name} span with {with} in the caller's trace: {of_trace:#?}")
            })
    };
    let rpc = of_trace
        .iter()
        .copied()
        .find(|s| {
            s.name == "rpc"
                && s.attributes
                    .iter()
                    .any(|kv| kv.value.as_str().ends_with("/SubmitReport"))
        })
        .expect("the SubmitReport RPC span is in the caller's trace");
    assert_eq!(
        rpc.parent_span_id.to_string(),
        caller_span,
        "a child of the caller"
    );
    let accepted = named("submission", "rpc");
    assert_eq!(accepted.parent_span_id, rpc.span_context.span_id());
    let worker = named("submission", "attempt");
    assert_eq!(
        worker.parent_span_id,
        accepted.span_context.span_id(),
        "the worker's span is a child of the span that published the message"
    );
    let write = named("db.write", "submission_id");
    assert_eq!(write.parent_span_id, worker.span_context.span_id());
    assert_eq!(write.span_context.trace_id().to_string(), trace_id);
    app.stop().await;
}
