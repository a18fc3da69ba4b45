#!/usr/bin/env bash
# Runs `npm run build` (bin/build.ts: dist/ and the workflow bundle) when dist/ is missing or older than any source
# file it is built from; a no-op otherwise. Shared by bin/cluster.sh and bin/test-cluster.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=dist/.build-stamp
if [ ! -f "$stamp" ] || [ -n "$(find bin activities api db domain runtime workflows package-lock.json tsconfig.json tsconfig.build.json \
      -newer "$stamp" -type f -print -quit)" ]; then
  node --import tsx bin/build.ts
fi
