//! fazhi-web's integration tests: one binary, real servers on port 0.
mod attention;
mod browser;
mod helpers;
mod http;
mod review;
mod workbench;
