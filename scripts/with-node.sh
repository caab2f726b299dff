#!/usr/bin/env bash
# Runs a command with Node >= 24 first on PATH and the project's dev tools reachable.
set -euo pipefail
. "$(dirname "$0")/runtime-env.sh"
export PATH="$(cd "$(dirname "$0")/.." && pwd)/node_modules/.bin:$PATH"
exec "$@"
