//! The `fazhi.v1` API: code generated from `proto/fazhi/v1/*.proto`.
//!
//! This crate is the only place code generation happens.

pub mod v1 {
    tonic::include_proto!("fazhi.v1");
}

/// Encoded file descriptor set, for the gRPC reflection service.
pub const FILE_DESCRIPTOR_SET: &[u8] = tonic::include_file_descriptor_set!("fazhi_descriptor");
