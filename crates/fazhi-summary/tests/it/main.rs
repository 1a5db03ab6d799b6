//! Integration tests of fazhi-summary: one binary (see house style).

mod aggregate;
mod build;
mod citations;
mod districts;
mod docx;
mod grouping;
mod incremental;
mod robustness;
mod roles;
mod seeds;
mod synthetic;
mod themes;
mod verification;
