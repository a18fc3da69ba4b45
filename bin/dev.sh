#!/usr/bin/env bash
# Installs what is missing, then starts everything: Temporal dev server, PostgreSQL, migrations, worker, API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bin/setup.sh
exec node --import tsx bin/start.ts
