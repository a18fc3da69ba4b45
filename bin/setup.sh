#!/usr/bin/env bash
# Installs dependencies once: npm packages (when package-lock.json changed) and the pinned Temporal binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "installing npm packages…"
  npm ci --no-audit --no-fund --loglevel=error
fi
bash bin/install-temporal.sh
# The console: rebuilt only when web/ (or the lockfile) changed since the last build.
node --import tsx bin/build-web.ts
