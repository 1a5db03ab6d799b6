# syntax=docker/dockerfile:1.7
# The fazhi image: one binary (`fazhi serve`, `fazhi worker`, the admin
# commands) on a distroless base, running as a non-root user.
#
#   docker build -t fazhi:local .
#   docker run --rm fazhi:local --help
#
# Build stage: the workspace's Rust (rust-version 1.94 or later) with gcc for
# ring and the bundled SQLite; protoc is vendored by the proto crate, so no
# other tool is needed.
ARG RUST_VERSION=1.95
ARG DEBIAN_RELEASE=bookworm

FROM rust:${RUST_VERSION}-slim-${DEBIAN_RELEASE} AS build
WORKDIR /src
COPY . .
# Cache mounts keep the registry and the target folder between builds;
# the binary is copied out because the target folder is not in the layer.
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,target=/src/target,sharing=locked \
    cargo build --release --locked --bin fazhi \
    && install -D -m 0755 target/release/fazhi /out/usr/local/bin/fazhi \
    && install -d -m 0750 /out/var/lib/fazhi

# The gRPC health client for `docker compose` health checks (Kubernetes
# probes gRPC natively and does not need it).
FROM debian:${DEBIAN_RELEASE}-slim AS probe
ARG GRPC_HEALTH_PROBE_VERSION=v0.4.42
# Set by BuildKit to the platform being built (amd64, arm64).
ARG TARGETARCH
ADD --chmod=0755 \
    https://github.com/grpc-ecosystem/grpc-health-probe/releases/download/${GRPC_HEALTH_PROBE_VERSION}/grpc_health_probe-linux-${TARGETARCH} \
    /out/usr/local/bin/grpc_health_probe

# Runtime: glibc, libgcc, CA certificates (amqps, sslmode=verify-full) and
# nothing else: no shell, no package manager. 65532 is distroless' nonroot.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/usr/local/bin/fazhi /usr/local/bin/fazhi
COPY --from=build --chown=65532:65532 /out/var/lib/fazhi /var/lib/fazhi
COPY --from=probe /out/usr/local/bin/grpc_health_probe /usr/local/bin/grpc_health_probe
# The embedded defaults keep their SQLite file and local credentials in the
# data directory: a folder the user owns.
WORKDIR /var/lib/fazhi
USER 65532:65532
ENV FAZHI_GRPC__LISTEN=0.0.0.0:50051 \
    FAZHI_DATA_DIR=/var/lib/fazhi \
    FAZHI_LOG__FORMAT=json
EXPOSE 50051
ENTRYPOINT ["/usr/local/bin/fazhi"]
CMD ["serve"]
