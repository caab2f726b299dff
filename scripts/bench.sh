#!/usr/bin/env bash
# npm run bench [-- --quick|--profile|--help]: executions/s and acknowledged requests/s of the package's triggers next to
# n8n's Webhook node and a Webhook + Code + IF peer, a SIGKILL test, CPU profiles, memory; same run, both engines.
set -euo pipefail
. "$(dirname "$0")/prepare.sh"
npm run build:dist --silent
tsc -p tsconfig.tools.json
node -e 'require("./.runtime/tools/test/e2e/harness/pack").packPackage()'
exec node --expose-gc .runtime/tools/bench/run.js "$@"
