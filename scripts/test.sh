#!/usr/bin/env bash
# npm test: everything. Lint (strict), then unit, engine and end-to-end tests against a real n8n.
set -euo pipefail
. "$(dirname "$0")/prepare.sh"

echo "== build"
npm run build:dist --silent
echo "== lint (n8n-node lint, strict)"
bash scripts/lint.sh
echo "== unit + engine tests"
jest --selectProjects unit engine
echo "== end-to-end tests (real n8n $N8N_VERSION)"
CHAT_BRIDGE_SKIP_BUILD=true jest --selectProjects e2e --runInBand "$@"
