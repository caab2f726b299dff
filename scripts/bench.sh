#!/usr/bin/env bash
# npm run bench: throughput, latency and memory of the package's triggers against n8n's own nodes, same run.
set -euo pipefail
. "$(dirname "$0")/prepare.sh"
npm run build:dist --silent
tsc -p tsconfig.tools.json
node -e 'require("./.runtime/tools/test/e2e/harness/pack").packPackage()'
exec node --expose-gc .runtime/tools/bench/run.js "$@"
