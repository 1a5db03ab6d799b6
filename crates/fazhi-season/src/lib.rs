//! fazhi-season: the rules of a district's reporting season, as pure
//! functions over plain data (the store gathers the facts, these decide).
//!
//! - [`deadline`]: per district and year a submission deadline (default
//!   1 March of the next year) and a publication deadline (default 1 April),
//!   Beijing time, and whether a date meets one;
//! - [`review`]: the states a submitted version goes through and the one
//!   transition function (an illegal step is an [`review::IllegalTransition`]
//!   with a Chinese message);
//! - [`counting`]: which of an agency's versions counts;
//! - [`rates`]: expected, actual, on time, late, missing (named), exempt,
//!   published, published on time, and the rates with numerator and
//!   denominator (DHIS2's names);
//! - [`todo`]: what needs the office's attention today;
//! - [`escalation`]: the rungs of the escalation ladder;
//! - [`resubmission`]: units returned and resubmitted (for the draft).

pub mod counting;
pub mod deadline;
pub mod escalation;
pub mod rates;
pub mod resubmission;
pub mod review;
pub mod todo;

pub use counting::{Pin, Version, counting_version};
pub use deadline::{Deadlines, Timeliness, beijing_date, beijing_midnight_ms};
pub use escalation::Step;
pub use rates::{Named, Publication, Rate, SeasonStatus, UnitFacts, season_status};
pub use resubmission::returned_and_resubmitted;
pub use review::{IllegalTransition, ReviewAction, VersionState, transition};
pub use todo::{TodoItem, TodoKind, todo};
