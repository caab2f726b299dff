#!/usr/bin/env bash
# npm run screenshots: docs/images/<example>.png of every example workflow in the n8n editor.
# Needs Debian's chromium (apt-get install -y chromium) or CHROMIUM_PATH. Not part of CI.
set -euo pipefail
. "$(dirname "$0")/prepare.sh"
npm run build:dist --silent
tsc -p tsconfig.tools.json
exec node .runtime/tools/scripts/screenshots.js "$@"
