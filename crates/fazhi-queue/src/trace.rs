//! W3C trace context (`traceparent`) so one submission can be followed from
//! the RPC through the queue into the worker's logs.

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
}
