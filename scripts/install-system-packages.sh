#!/usr/bin/env bash
# Debian packages some tests need (Redis for the queue-mode suite, PostgreSQL for the BRIX suite in queue mode).
# Skipped when already present.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "[system] missing ${missing[*]}: install with apt-get (tests that need them will be skipped)" >&2
  fi
fi
