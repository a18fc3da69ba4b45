#!/usr/bin/env bash
# Installs what the tests need (npm packages, the pinned Temporal binaries, Chromium) and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bin/setup.sh
# The console's browser tests drive Debian's Chromium: installed here when missing (as root), else CHROMIUM_PATH.
bash bin/install-chromium.sh
# The whole suite includes the lint (ESLint type-aware, 0 warnings; Prettier); a run of chosen files does not. It runs
# beside the tests (the suite leaves about a quarter of the CPUs idle; in line it added 1.5 minutes), its output is
# printed after theirs, and a lint failure fails the command.
lint=0
lint_log=""
if [ "$#" -eq 0 ]; then
  lint_log="$(mktemp)"
  npm run --silent lint >"$lint_log" 2>&1 &
  lint_pid=$!
fi
tests=0
node --import tsx bin/test.ts "$@" || tests=$?
if [ -n "$lint_log" ]; then
  wait "$lint_pid" || lint=$?
  echo "# lint (npm run lint): $([ "$lint" -eq 0 ] && echo lulus || echo "gagal, kode $lint")"
  cat "$lint_log"
  rm -f "$lint_log"
fi
if [ "$tests" -ne 0 ]; then exit "$tests"; fi
if [ "$lint" -ne 0 ]; then echo "lint gagal (npm run lint): lihat keluaran di atas" >&2; exit "$lint"; fi
