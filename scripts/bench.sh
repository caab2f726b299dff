#!/usr/bin/env bash
# npm run bench: throughput, latency and memory of the package's triggers against n8n's own nodes, same run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
. "$here/runtime-env.sh"
bash "$here/ensure-deps.sh"
bash "$here/ensure-n8n.sh" >/dev/null
export PATH="$PWD/node_modules/.bin:$PATH"
npm run build:dist --silent
tsc -p tsconfig.tools.json
node -e 'require("./.runtime/tools/test/e2e/harness/pack").packPackage()'
exec node .runtime/tools/bench/run.js "$@"
