#!/usr/bin/env bash
# npm start: the playground. A real n8n with this package installed, on http://127.0.0.1:5678.
set -euo pipefail
. "$(dirname "$0")/prepare.sh"
npm run build:dist --silent
tsc -p tsconfig.tools.json
exec node .runtime/tools/scripts/playground.js "$@"
