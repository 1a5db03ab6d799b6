//! The fazhi application as a library: [`app::Application`] starts the
//! system (binary, demo, integration tests and benches alike).

pub mod app;
pub mod metrics;
