//! `fazhi`: one binary for the service, the worker, and the clerk's tools.

mod app;
mod cli;
mod client;
mod dead_letters;
mod demo;
mod parse;
mod samples;
mod telemetry;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fazhi: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fazhi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
