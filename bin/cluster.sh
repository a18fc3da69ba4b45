#!/usr/bin/env bash
# The production-like cluster from one command (README "Production-like cluster"): installs what is missing (npm
# packages, the Temporal CLI, the pinned Temporal server build), compiles the code when the source is newer than
# dist/, then runs the launcher with node directly (bin/cluster.ts; no npm or tsx wrapper in the process tree).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ]; then bash bin/setup.sh; else bash bin/install-temporal.sh >/dev/null; fi # the CLI: health checks
bash bin/install-temporal-server.sh
bash bin/ensure-build.sh
exec node dist/bin/cluster.js "$@"
