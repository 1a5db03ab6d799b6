//! One trace from the caller to the database: a `traceparent` sent with
//! SubmitReport is the parent of the RPC's span, travels in the message
//! header, and the worker's span and its database write carry the same
//! trace id. Spans are captured in-process with OpenTelemetry's in-memory
//! exporter (the test's runtime is single-threaded, so the scoped
//! subscriber sees the server and the worker too).

use std::time::Duration;

use fazhi_proto::v1 as pb;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use tracing_subscriber::layer::SubscriberExt;

use crate::helpers::*;

fn has_attribute(span: &SpanData, key: &str) -> bool {
    span.attributes.iter().any(|kv| kv.key.as_str() == key)
}

#[tokio::test]
async fn a_callers_trace_id_is_seen_on_the_workers_database_write() {
    let Some(settings) = settings(Db::Sqlite, Broker::Embedded).await else {
        return;
    };
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_simple_exporter(exporter.clone())
        .build();
    let subscriber = tracing_subscriber::registry()
        .with(tracing_opentelemetry::layer().with_tracer(provider.tracer("test")));
    let _scope = tracing::subscriber::set_default(subscriber);

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

    let finished = |name: &'static str| {
        let exporter = exporter.clone();
        move || {
            let exporter = exporter.clone();
            async move {
                exporter
                    .get_finished_spans()
                    .unwrap()
                    .iter()
                    .any(|s| s.name == name)
            }
        }
    };
    eventually(
        "the database write span ended",
        Duration::from_secs(10),
        finished("db.write"),
    )
    .await;
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
