#!/usr/bin/env bash
# Installs the project's dev dependencies with Node 24 when they are missing or older than the lockfile.
# Install scripts are skipped: a linter plugin's preinstall demands pnpm and fails without a TTY.
# `npm ci` only: the lockfile is the single source of truth, so no command ever rewrites it.
set -euo pipefail
. "$(dirname "$0")/runtime-env.sh"
cd "$(dirname "$0")/.."
stamp=node_modules/.deps-stamp
want="$(node -e 'const c=require("crypto");const fs=require("fs");console.log(c.createHash("sha256").update(fs.readFileSync("package-lock.json")).update(process.version).digest("hex"))')"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "[deps] installing dev dependencies" >&2
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  echo "$want" > "$stamp"
fi
