//! fazhi-analysis over a synthetic district of two consecutive years.

mod season;
mod dump;
