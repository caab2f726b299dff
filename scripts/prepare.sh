#!/usr/bin/env bash
# Sourced by start, bench and screenshots: Node 24, dev dependencies, the pinned n8n, and the project's tools on PATH.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
. "$here/runtime-env.sh"
# Node 24 is in place (above); n8n and the dev dependencies install side by side.
bash "$here/ensure-n8n.sh" >/dev/null &
n8n_install=$!
bash "$here/ensure-deps.sh"
wait "$n8n_install"
export PATH="$PWD/node_modules/.bin:$PATH"
