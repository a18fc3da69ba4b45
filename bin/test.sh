#!/usr/bin/env bash
# Installs what the tests need (npm packages, the pinned Temporal binaries) and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bin/setup.sh
exec node --import tsx bin/test.ts "$@"
