#!/usr/bin/env bash
# n8n-node lint (strict, cloud preset) over exactly what n8n's community-package scanner lints: package.json,
# nodes/ and credentials/. Tests, simulators and scripts run on the developer's machine, never inside n8n,
# so they are not held to the cloud rules (they need fs, net and timers).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$here/runtime-env.sh"
stage="$root/.runtime/lint"
rm -rf "$stage" && mkdir -p "$stage"
cp "$root/package.json" "$root/eslint.config.mjs" "$root/tsconfig.json" "$stage/"
cp -r "$root/nodes" "$root/credentials" "$stage/"
ln -s "$root/node_modules" "$stage/node_modules"
cd "$stage"
exec "$root/node_modules/.bin/n8n-node" lint "$@"
