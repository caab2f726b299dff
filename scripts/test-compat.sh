#!/usr/bin/env bash
# npm run test:compat: the supported n8n range. Installs the oldest and the newest supported n8n into the per-user
# cache (like the pinned one) and runs the package registration test and one end-to-end suite per platform
# against each, in single-process mode. On demand only (each install is about 5 minutes and 3 GB the first time).
# Usage: test-compat.sh [version...]   (default: the oldest and the newest supported)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/runtime-env.sh
OLDEST_N8N=1.123.81
NEWEST_N8N=2.41.1
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=("$OLDEST_N8N" "$NEWEST_N8N")
suites=(
  test/e2e/package-registration.test.ts
  test/e2e/bonychat
  test/e2e/brix
  test/e2e/retailcrm
  test/e2e/selarti
  test/e2e/uchat
)

bash scripts/ensure-deps.sh
export PATH="$PWD/node_modules/.bin:$PATH"
npm run build:dist --silent
results=()
for version in "${versions[@]}"; do
  dir="$(bash scripts/ensure-n8n.sh "$version")"
  echo "== n8n $version ($dir), Node $(node --version): ${suites[*]}"
  started=$SECONDS
  if CHAT_BRIDGE_N8N_DIR="$dir" CHAT_BRIDGE_SKIP_BUILD=true jest --selectProjects e2e --runInBand "${suites[@]}"; then
    results+=("n8n $version: passed ($((SECONDS - started)) s)")
  else
    results+=("n8n $version: FAILED")
  fi
done
printf '== %s\n' "${results[@]}"
! printf '%s\n' "${results[@]}" | grep -q FAILED
