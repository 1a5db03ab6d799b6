//! Generates the fazhi.v1 code with a vendored protoc, so a fresh machine needs none.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let mut config = prost_build::Config::new();
    config.protoc_executable(protoc_bin_vendored::protoc_bin_path()?);
    tonic_prost_build::configure()
        .file_descriptor_set_path(out.join("fazhi_descriptor.bin"))
        .compile_with_config(
            config,
            &[
                "fazhi/v1/types.proto",
                "fazhi/v1/ingest.proto",
                "fazhi/v1/summary.proto",
                "fazhi/v1/season.proto",
                "fazhi/v1/checks.proto",
                "fazhi/v1/analysis.proto",
            ],
            &["."],
        )?;
    Ok(())
}
