//! tonic refuses a request over the message limit itself, before any
//! handler runs, with an English `OUT_OF_RANGE`. This layer rewrites that one
//! answer into the refusal a clerk understands (`INVALID_ARGUMENT`, in
//! Chinese, naming the limit), so every refusal speaks the same language.

use std::task::{Context, Poll};

use http::HeaderValue;
use tonic::{Code, Status};

#[derive(Clone)]
pub struct OversizeLayer {
    max_document_bytes: usize,
}

impl OversizeLayer {
    pub fn new(max_document_bytes: usize) -> Self {
        OversizeLayer { max_document_bytes }
    }
}

impl<S> tower::Layer<S> for OversizeLayer {
    type Service = Oversize<S>;
    fn layer(&self, inner: S) -> Self::Service {
        Oversize {
            inner,
            max_document_bytes: self.max_document_bytes,
        }
    }
}

#[derive(Clone)]
pub struct Oversize<S> {
    inner: S,
    max_document_bytes: usize,
}

fn is_oversize(headers: &http::HeaderMap) -> bool {
    Status::from_header_map(headers).is_some_and(|s| {
        s.code() == Code::OutOfRange && s.message().contains("message length too large")
    })
}

impl<S, B, ReqB> tower::Service<http::Request<ReqB>> for Oversize<S>
where
    S: tower::Service<http::Request<ReqB>, Response = http::Response<B>>,
    S::Future: Send + 'static,
{
    type Response = http::Response<B>;
    type Error = S::Error;
    type Future = futures::future::BoxFuture<'static, Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqB>) -> Self::Future {
        let limit = self.max_document_bytes;
        let future = self.inner.call(request);
        Box::pin(async move {
            let mut response = future.await?;
            if is_oversize(response.headers()) {
                let status = Status::invalid_argument(format!(
                    "报告文件过大，超过上限 {}；请删去图片等内容或压缩后重新提交",
                    crate::submission::human_bytes(limit)
                ));
                let headers = response.headers_mut();
                headers.remove("grpc-message");
                headers.insert(
                    "grpc-status",
                    HeaderValue::from(Code::InvalidArgument as i32),
                );
                let _ = status.add_header(headers);
            }
            Ok(response)
        })
    }
}
