#!/usr/bin/env bash
# Installs what the tests need (npm packages, the pinned Temporal binaries, Chromium) and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bin/setup.sh
# The console's browser tests drive Debian's Chromium: installed here when missing (as root), else CHROMIUM_PATH.
bash bin/install-chromium.sh
exec node --import tsx bin/test.ts "$@"
