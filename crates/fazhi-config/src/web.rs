//! The browser workbench.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

/// The browser workbench (fazhi-web), served beside the gRPC API.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct WebSettings {
    /// Address the workbench listens on (port 0: any free port).
    pub listen: SocketAddr,
    /// Mark session cookies `Secure`: set when a TLS proxy fronts the
    /// workbench (browsers then never send them over plain HTTP).
    pub secure_cookies: bool,
}

impl Default for WebSettings {
    fn default() -> Self {
        WebSettings {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
        }
    }
}
