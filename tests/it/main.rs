//! End-to-end tests: real gRPC server on an ephemeral port, real SQLite /
//! PostgreSQL, real RabbitMQ or the embedded queue. One binary, built once.

mod analysis;
mod api;
mod authz;
mod bad_input;
mod checks;
mod cli;
mod contributions;
mod counting;
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
mod reprocess;
mod roster;
mod season;
mod season_scenario;
mod secrets;
mod summary_export;
mod tls;
mod tracing;
mod validation;
