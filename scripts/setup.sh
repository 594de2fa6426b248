#!/usr/bin/env bash
# One-time set-up for a fresh Debian machine: system packages when missing, then npm packages.
# Usage: scripts/setup.sh          (to run the app: bubblewrap confines the local runtime)
#        scripts/setup.sh --test   (also Chromium, for the end-to-end tests)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
if [ "${1:-}" = "--test" ] && [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  need+=(chromium)
fi
# The sandbox-escape suite probes the network from inside the sandbox with curl.
if [ "${1:-}" = "--test" ] && ! command -v curl >/dev/null 2>&1; then
  need+=(curl)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Please install: ${need[*]} (no apt-get here)." >&2
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
