//! One integration binary: fixtures made from the seed reports
//! (`tests/fixtures/make_fixtures.py`) read back through the public API.

mod bad_files;
mod common;
mod docx;
mod html;
mod never_panics;
mod pdf_ofd;
mod same_parse;
