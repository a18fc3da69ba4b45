#!/usr/bin/env bash
# Installs what the tests need (npm packages, the pinned Temporal binaries, Chromium) and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bin/setup.sh
# The console's browser tests drive Debian's Chromium: installed here when missing (as root), else CHROMIUM_PATH.
bash bin/install-chromium.sh
# The whole suite starts with the lint (ESLint type-aware, 0 warnings; Prettier); a run of chosen files does not. A lint
# failure fails the command, after the tests have run, so one run shows both.
lint=0
if [ "$#" -eq 0 ]; then npm run --silent lint || lint=$?; fi
node --import tsx bin/test.ts "$@"
if [ "$lint" -ne 0 ]; then echo "lint gagal (npm run lint): lihat keluaran di awal" >&2; exit "$lint"; fi
