//! The gRPC server (listen address, TLS, message size) and its clients.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct GrpcSettings {
    /// Address the gRPC server listens on (port 0: any free port).
    pub listen: SocketAddr,
    /// Largest document accepted. The one size limit: the gRPC message
    /// limit is derived from it ([`GrpcSettings::max_message_bytes`]). Queue
    /// messages never carry the document (only its hash), so the broker's
    /// message limit does not bound it.
    pub max_document_bytes: usize,
    /// TLS for the gRPC server (rustls). Unset: plaintext, for loopback only.
    pub tls: Option<TlsSettings>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TlsSettings {
    /// PEM certificate chain.
    pub cert_path: std::path::PathBuf,
    /// PEM private key.
    pub key_path: std::path::PathBuf,
}

/// How the CLI's client commands reach a server.
#[derive(Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(default)]
pub struct ClientSettings {
    /// API token (`fz_…`). Unset: the local credentials file of the embedded
    /// defaults (`credentials.toml` in the data directory), if there is one.
    pub token: Option<String>,
    /// PEM CA certificate to trust for an `https://` server.
    pub ca_cert: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for ClientSettings {
    // The token is a secret: never printed, not even in a debug dump.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSettings")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("ca_cert", &self.ca_cert)
            .finish()
    }
}

/// Room in a request for everything but the document (names, key, framing).
const REQUEST_OVERHEAD_BYTES: usize = 64 * 1024;

impl GrpcSettings {
    /// The gRPC decoding limit matching the document limit.
    pub fn max_message_bytes(&self) -> usize {
        self.max_document_bytes
            .saturating_add(REQUEST_OVERHEAD_BYTES)
    }
}

impl Default for GrpcSettings {
    fn default() -> Self {
        GrpcSettings {
            listen: SocketAddr::from(([127, 0, 0, 1], 50051)),
            // 40 MiB: a Word file full of photos is often 20-30 MB. The file
            // is kept in the database, never in a queue message (those carry
            // its hash), so the broker's message limit does not bound it;
            // extraction bounds what the parser reads (4 M characters).
            max_document_bytes: 40 * 1024 * 1024,
            tls: None,
        }
    }
}
