//! End-to-end tests: real gRPC server on an ephemeral port, real SQLite /
//! PostgreSQL, real RabbitMQ or the embedded queue. One binary, built once.

mod api;
mod authz;
mod bad_input;
mod cli;
mod contributions;
mod crash;
mod faults;
mod formats;
mod helpers;
mod idempotency;
mod load;
mod metrics;
mod outage;
mod pipeline;
mod queue_contract;
mod roster;
mod secrets;
mod summary_export;
mod tls;
mod tracing;
mod validation;
