#!/usr/bin/env bash
# Debian packages some tests need (Redis for the queue-mode suites, PostgreSQL for the BRIX suite in queue mode:
# n8n's SQLite shared by a main process and a worker refuses concurrent writes), installed with apt-get when
# running as root. Never fails: without them, the tests that need them are skipped with one line saying so.
set -uo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "[system] ${missing[*]} missing and cannot be installed here (apt-get, as root): the tests that need it will be skipped" >&2
  exit 0
fi
echo "[system] installing ${missing[*]} with apt-get" >&2
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null 2>&1; then
  echo "[system] apt-get could not install ${missing[*]}: the tests that need it will be skipped" >&2
elif ! command -v redis-server >/dev/null 2>&1; then
  echo "[system] redis-server is installed but not on PATH: the tests that need it will be skipped" >&2
fi
exit 0
