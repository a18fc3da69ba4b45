#!/usr/bin/env bash
# Ensures a Chromium for the console's browser tests (playwright-core drives it; it ships no browser of its own).
# Resolution order (must match runtime/chromium.ts):
#   1. $CHROMIUM_PATH (an executable file; a wrong value is an error)
#   2. /usr/bin/chromium, then `chromium` / `chromium-browser` on PATH
#   3. as root with apt-get: install Debian's `chromium` package
# Otherwise it stops with what to do. A machine that has a Chromium pays only the checks above.
set -euo pipefail

help() {
  cat >&2 <<HELP
install-chromium: no Chromium for the browser tests. Either
  - run this script as root on Debian/Ubuntu (it runs: apt-get update && apt-get install -y chromium), or
  - install Chromium/Chrome yourself and set CHROMIUM_PATH=/path/to/chromium
HELP
}

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  if [[ -f "$CHROMIUM_PATH" && -x "$CHROMIUM_PATH" ]]; then
    echo "chromium: $CHROMIUM_PATH"
    exit 0
  fi
  echo "install-chromium: CHROMIUM_PATH is set to '$CHROMIUM_PATH' but that is not an executable file" >&2
  help
  exit 1
fi

for candidate in /usr/bin/chromium "$(command -v chromium 2>/dev/null || true)" "$(command -v chromium-browser 2>/dev/null || true)"; do
  if [[ -n "$candidate" && -f "$candidate" && -x "$candidate" ]]; then
    echo "chromium: $candidate"
    exit 0
  fi
done

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium (apt-get)…"
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } >"$log" 2>&1; then
    echo "install-chromium: apt-get install chromium failed:" >&2
    tail -n 30 "$log" | sed 's/^/  /' >&2
    help
    exit 1
  fi
  if [[ -x /usr/bin/chromium ]]; then
    echo "chromium: /usr/bin/chromium"
    exit 0
  fi
  echo "install-chromium: apt-get succeeded but /usr/bin/chromium is missing" >&2
fi
help
exit 1
