#!/usr/bin/env bash
# The second test suite: the production-like cluster (tests/cluster/*.test.ts: the cluster itself, the chaos run).
# Not in the lanes of bin/test.ts, which run on the Temporal dev server: these need the Temporal server build and
# the compiled code (dist/), which this script installs and builds first (reused when up to date).
set -euo pipefail
cd "$(dirname "$0")/.."
bash bin/setup.sh
bash bin/install-temporal-server.sh
bash bin/ensure-build.sh
if [ $# -eq 0 ]; then set -- tests/cluster/*.test.ts; fi
exec node --import tsx --test --test-force-exit --test-reporter=spec "$@"
