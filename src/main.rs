//! `fazhi`: one binary for the service, the worker, and the clerk's tools.

mod analysis;
mod checks;
mod cli;
mod client;
mod credentials;
mod dead_letters;
mod demo;
mod display;
mod districts;
mod folder;
mod parse;
mod read_args;
mod reprocess;
mod roster;
mod samples;
mod season;
mod submissions;
mod telemetry;

/// The application builder lives in the library (tests and benches use
/// it); `crate::app` keeps naming it here.
pub(crate) use fazhi::app;

/// `fazhi parse --json … | head` closes the pipe early: end quietly, as
/// Unix tools do, instead of a panic with a backtrace. (`println!` panics on
/// a closed stdout; restoring SIGPIPE would need `unsafe`.)
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn main() -> std::process::ExitCode {
    quiet_on_closed_pipe();
    let cli = cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fazhi: 无法启动运行时：{e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(cli::run(cli));
    telemetry::shutdown();
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fazhi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
