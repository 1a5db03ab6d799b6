//! End-to-end tests: real gRPC server on an ephemeral port, real SQLite /
//! PostgreSQL, real RabbitMQ or the embedded queue. One binary, built once.

mod cli;
mod contributions;
mod crash;
mod faults;
mod helpers;
mod idempotency;
mod outage;
mod pipeline;
mod queue_contract;
mod summary_export;
mod validation;
