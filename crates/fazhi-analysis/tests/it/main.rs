//! fazhi-analysis over a synthetic district of two consecutive years (the
//! fixtures in `tests/fixtures/season/`, parsed by the real parser). The
//! expectations are counted by hand from the fixture texts; each test says
//! how.

mod copying;
mod draft;
mod plans;
mod quality;
mod recurring;
mod robust;
mod rollup;
mod season;
mod yoy;
