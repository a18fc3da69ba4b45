#!/usr/bin/env bash
# Builds the full Temporal server (`server`) and its schema tool (`sql`) for the production-like cluster
# (bin/cluster.sh), pinned, into .tools/temporal-server/bin, and copies the PostgreSQL schema files beside them so the
# cluster does not depend on Go's module cache at run time. Reused when the version stamp matches the pin.
#
# Why a source build: the Go module proxy is reachable here, GitHub release downloads are not. The server module
# needs Go >= 1.26.10; GOTOOLCHAIN makes the installed go command fetch that toolchain from the proxy (~76 MB).
# The first build takes about 4-7 minutes on 2 cores; a rebuild with warm module and build caches, seconds.
set -euo pipefail

TEMPORAL_SERVER_VERSION="v1.32.2"
GO_TOOLCHAIN="go1.27.3"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/.tools/temporal-server"
STAMP="$DEST/version"
WANT="server=$TEMPORAL_SERVER_VERSION toolchain=$GO_TOOLCHAIN"

if [[ -x "$DEST/bin/server" && -x "$DEST/bin/sql" && -d "$DEST/schema/postgresql/v12" && -f "$STAMP" \
      && "$(cat "$STAMP")" == "$WANT" ]]; then
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "install-temporal-server: the go command is needed to build the Temporal server (apt-get install golang-go," >&2
  echo "  or https://go.dev/dl); it then fetches $GO_TOOLCHAIN itself." >&2
  exit 1
fi

echo "Membangun Temporal server $TEMPORAL_SERVER_VERSION (sekali saja; beberapa menit)…"
started=$(date +%s)
mkdir -p "$DEST/bin"
export GOTOOLCHAIN="$GO_TOOLCHAIN"
GOBIN="$DEST/bin" go install "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION"
GOBIN="$DEST/bin" go install "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"

# The schema files (create, setup, versioned updates) of exactly this server version.
module="$(go env GOMODCACHE)/go.temporal.io/server@$TEMPORAL_SERVER_VERSION"
rm -rf "$DEST/schema"
mkdir -p "$DEST/schema/postgresql"
cp -R "$module/schema/postgresql/v12" "$DEST/schema/postgresql/v12"
chmod -R u+w "$DEST/schema" # the module cache is read-only; a later rm -rf must work

echo "$WANT" >"$STAMP"
echo "Temporal server siap dalam $(($(date +%s) - started)) detik: $DEST/bin/{server,sql}"
