//! The client's side of `auth.rs`: a channel that sends a bearer token with
//! every request (the CLI and the tests use this one interceptor).

use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::interceptor::InterceptedService;
use tonic::transport::Channel;

/// Adds the caller's token, if any, to every request.
#[derive(Clone, Debug)]
pub struct Bearer(Option<MetadataValue<Ascii>>);

/// A token with characters an HTTP header cannot carry.
#[derive(Debug, thiserror::Error)]
#[error("访问令牌含有请求头无法携带的字符")]
pub struct UnsendableToken;

impl Bearer {
    pub fn new(token: Option<&str>) -> Result<Bearer, UnsendableToken> {
        token
            .map(|t| MetadataValue::try_from(format!("Bearer {t}")).map_err(|_| UnsendableToken))
            .transpose()
            .map(Bearer)
    }
}

impl tonic::service::Interceptor for Bearer {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        if let Some(v) = &self.0 {
            request.metadata_mut().insert("authorization", v.clone());
        }
        Ok(request)
    }
}

/// A channel to the server that carries the caller's credential.
pub type Authed = InterceptedService<Channel, Bearer>;

pub fn authed(channel: Channel, token: Option<&str>) -> Result<Authed, UnsendableToken> {
    Ok(InterceptedService::new(channel, Bearer::new(token)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic::service::Interceptor;

    #[test]
    fn the_token_goes_in_the_authorization_header() {
        let mut with = Bearer::new(Some("fz_abc")).unwrap();
        let r = with.call(tonic::Request::new(())).unwrap();
        assert_eq!(r.metadata().get("authorization").unwrap(), "Bearer fz_abc");
        let mut without = Bearer::new(None).unwrap();
        let r = without.call(tonic::Request::new(())).unwrap();
        assert!(r.metadata().get("authorization").is_none());
        assert!(Bearer::new(Some("bad\ntoken")).is_err());
    }
}
