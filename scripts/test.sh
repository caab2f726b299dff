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
started=$SECONDS
CHAT_BRIDGE_SKIP_BUILD=true jest --selectProjects e2e --runInBand "$@"
echo "== end-to-end tests took $((SECONDS - started)) s"

# The same suites against n8n in queue mode (Redis + main + worker): every suite folder except the harness and
# the hostile-input corpus, which runs against queue mode with a separate webhook process below.
# Skipped when jest got arguments (a focused run) or Redis is missing (scripts/install-system-packages.sh).
if [ $# -eq 0 ]; then
  if command -v redis-server >/dev/null 2>&1; then
    suites=()
    for dir in test/e2e/*/; do
      case "$dir" in test/e2e/harness/ | test/e2e/hostile/) ;; *) suites+=("${dir%/}") ;; esac
    done
    echo "== end-to-end tests in queue mode: ${suites[*]}"
    started=$SECONDS
    CHAT_BRIDGE_N8N_MODE=queue CHAT_BRIDGE_SKIP_BUILD=true jest --selectProjects e2e --runInBand "${suites[@]}"
    echo "== queue-mode end-to-end tests took $((SECONDS - started)) s"
    echo "== hostile input in queue mode with a separate n8n webhook process (main serves no production webhooks)"
    started=$SECONDS
    CHAT_BRIDGE_N8N_MODE=webhook CHAT_BRIDGE_SKIP_BUILD=true jest --selectProjects e2e --runInBand test/e2e/hostile
    echo "== webhook-process end-to-end tests took $((SECONDS - started)) s"
  else
    echo "== queue-mode end-to-end tests skipped: redis-server is not installed (scripts/install-system-packages.sh)"
  fi
fi
