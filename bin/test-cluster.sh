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
# Each file runs as its own process, one after the other (not under `--test`, whose forced exit can drop the tail
# of a child's results: see bin/test-file-command.ts); the suite fails if any file does.
status=0
for file in "$@"; do
  echo "# ── $file ──"
  node --import tsx --test-force-exit --test-reporter=spec "$file" || status=1
done
exit $status
