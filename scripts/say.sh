#!/usr/bin/env bash
# npm run say -- <platform> "text" [--file <url>] [--chat <id>] [--user <id>] [--workspace <id>] [--route <node name>]
# Makes a simulated platform of the running playground send a message into n8n (see npm start).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .runtime/tools/scripts/say.js ]; then
  echo "The playground is not built yet: run npm start first (it prints these commands when ready)." >&2
  exit 1
fi
exec node .runtime/tools/scripts/say.js "$@"
