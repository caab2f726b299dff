#!/usr/bin/env bash
# Installs the pinned n8n into the per-user cache (reused when intact) and prints its folder.
set -euo pipefail
. "$(dirname "$0")/runtime-env.sh"

n8n_is_intact() {
  [ -f "$N8N_DIR/.installed" ] || return 1
  (cd "$N8N_DIR" &&
    node -e "
      const v = require('./node_modules/n8n/package.json').version;
      if (v !== process.argv[1]) process.exit(1);
      new (require('sqlite3').Database)(':memory:').close();
      require('isolated-vm');
    " "$N8N_VERSION") >/dev/null 2>&1
}

if ! n8n_is_intact; then
  echo "[n8n] installing n8n $N8N_VERSION into $N8N_DIR (takes about 5 minutes the first time)" >&2
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  cd "$N8N_DIR"
  cat > package.json <<JSON
{ "name": "n8n-runtime", "private": true, "overrides": { "linkedom": "0.18.14" } }
JSON
  npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  npm_config_nodedir="$NODE24_HOME" npm_config_build_from_source=true JOBS=max npm rebuild sqlite3 --loglevel=error >&2
  touch .installed
  n8n_is_intact || { echo "[n8n] install in $N8N_DIR is not usable" >&2; exit 1; }
fi
echo "$N8N_DIR"
