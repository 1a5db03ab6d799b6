//! fazhi-core's integration tests, one binary: the gold corpus, the unseen
//! fixtures, the wild (held) scoring, findings, privacy and properties.

mod common;
mod corpus;
mod findings;
mod privacy;
mod props;
mod unseen;
mod wild;
