#!/usr/bin/env bash
# npm start: the playground. A real n8n with this package installed, on http://127.0.0.1:5678.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
. "$here/runtime-env.sh"
bash "$here/ensure-deps.sh"
bash "$here/ensure-n8n.sh" >/dev/null
export PATH="$PWD/node_modules/.bin:$PATH"
npm run build:dist --silent
tsc -p tsconfig.tools.json
exec node .runtime/tools/scripts/playground.js "$@"
