#!/usr/bin/env bash
# Sourced by test, start and bench: Node 24, dev dependencies, the pinned n8n, and the project's tools on PATH.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
. "$here/runtime-env.sh"
bash "$here/ensure-deps.sh"
bash "$here/ensure-n8n.sh" >/dev/null
export PATH="$PWD/node_modules/.bin:$PATH"
