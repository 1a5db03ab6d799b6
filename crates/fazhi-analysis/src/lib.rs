//! fazhi-analysis: what no reporting system does, across units and years.
//!
//! Pure: no async, no I/O, no panics. Inputs are what the store already
//! holds: parsed reports with their text, the summary's per-report
//! `ReportContribution`s and per-year `DistrictSummary`s. Every output is
//! serde-serializable, to be stored as JSON like the summary.
//!
//! - [`yoy`]: indicator totals against last year's, unit and district;
//! - [`plans`]: last year's plans against this year's measures;
//! - [`recurring`]: shortcomings tracked across years (问题池), stable keys;
//! - [`copying`]: near-duplicate sentences (雷同), MinHash + LSH;
//! - [`quality`] and [`ranking`]: a score per report with its reasons;
//! - [`rollup`]: a city (or any level) over its districts, incrementally;
//! - [`district`]: all of them for one district and year, as the store keeps them;
//! - [`draft`]: plans and recurring shortcomings as draft blocks (paragraph + annex).
//!
//! Cost and thresholds are documented in `docs/analysis.md`.

mod cite;
pub mod copying;
pub mod district;
pub mod draft;
pub mod plans;
pub mod quality;
pub mod ranking;
pub mod recurring;
pub mod rollup;
pub mod text;
mod words;
pub mod yoy;

pub use cite::ItemRef;
