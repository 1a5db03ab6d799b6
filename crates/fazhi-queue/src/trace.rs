//! W3C trace context (`traceparent`) so one submission is one trace: the
//! caller's RPC → the message header → the worker → its database write.
//! Spans carry OpenTelemetry contexts (`tracing-opentelemetry`); this turns
//! them into the header and back.

use opentelemetry::trace::{SpanContext, SpanId, TraceContextExt, TraceFlags, TraceId, TraceState};
use tracing_opentelemetry::OpenTelemetrySpanExt;

/// A fresh `traceparent`: version 00, random trace and span ids, sampled.
pub fn new_traceparent() -> String {
    let trace = uuid::Uuid::new_v4().simple().to_string();
    let span = &uuid::Uuid::new_v4().simple().to_string()[..16];
    format!("00-{trace}-{span}-01")
}

/// The trace id of a `traceparent`, if it is well formed.
pub fn trace_id(traceparent: &str) -> Option<&str> {
    let mut parts = traceparent.split('-');
    let (_version, trace) = (parts.next()?, parts.next()?);
    (trace.len() == 32 && trace.bytes().all(|b| b.is_ascii_hexdigit())).then_some(trace)
}

/// The remote parent a `traceparent` names (a caller's RPC, a message
/// header); `None` when malformed or all zeros, as W3C says to ignore it.
pub fn parent_context(traceparent: &str) -> Option<opentelemetry::Context> {
    let mut parts = traceparent.trim().split('-');
    let (version, trace, span, flags) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if version.len() != 2
        || version == "ff"
        || trace.len() != 32
        || span.len() != 16
        || flags.len() != 2
    {
        return None;
    }
    let context = SpanContext::new(
        TraceId::from_hex(trace).ok()?,
        SpanId::from_hex(span).ok()?,
        TraceFlags::new(u8::from_str_radix(flags, 16).ok()?),
        true,
        TraceState::default(),
    );
    context
        .is_valid()
        .then(|| opentelemetry::Context::new().with_remote_span_context(context))
}

/// Make `span` a child of the `traceparent` if there is a well-formed one
/// (no effect without an OpenTelemetry layer).
pub fn adopt(span: &tracing::Span, traceparent: Option<&str>) {
    if let Some(parent) = traceparent.and_then(parent_context) {
        let _ = span.set_parent(parent);
    }
}

/// The `traceparent` naming `span`, for a message header: its OpenTelemetry
/// context when there is one, else a fresh trace (no layer installed).
pub fn traceparent_of(span: &tracing::Span) -> String {
    let context = span.context();
    let otel = context.span();
    let sc = otel.span_context();
    if sc.is_valid() {
        format!(
            "00-{}-{}-{:02x}",
            sc.trace_id(),
            sc.span_id(),
            sc.trace_flags().to_u8()
        )
    } else {
        new_traceparent()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparent_round_trips_its_trace_id() {
        let tp = new_traceparent();
        assert_eq!(tp.len(), 55);
        assert_eq!(trace_id(&tp).unwrap(), &tp[3..35]);
        assert_eq!(trace_id("garbage"), None);
    }

    #[test]
    fn a_well_formed_traceparent_is_a_remote_parent_and_garbage_is_ignored() {
        let tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        let cx = parent_context(tp).unwrap();
        let span = cx.span();
        let sc = span.span_context();
        assert_eq!(
            sc.trace_id().to_string(),
            "4bf92f3577b34da6a3ce929d0e0e4736"
        );
        assert_eq!(sc.span_id().to_string(), "00f067aa0ba902b7");
        assert!(sc.is_remote() && sc.is_sampled());
        for bad in [
            "",
            "garbage",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e47zz-00f067aa0ba902b7-01",
        ] {
            assert!(parent_context(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn without_a_layer_a_message_still_gets_a_well_formed_traceparent() {
        let tp = traceparent_of(&tracing::Span::none());
        assert!(parent_context(&tp).is_some(), "{tp}");
    }
}
