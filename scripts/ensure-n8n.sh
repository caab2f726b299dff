#!/usr/bin/env bash
# Installs n8n into the per-user cache (reused when intact) and prints its folder.
# Usage: ensure-n8n.sh [version]   (default: the pinned version in runtime-env.sh)
set -euo pipefail
. "$(dirname "$0")/runtime-env.sh"
version="${1:-$N8N_VERSION}"
dir="$CACHE_ROOT/n8n-$version"

n8n_is_intact() {
  [ -f "$dir/.installed" ] || return 1
  (cd "$dir" &&
    node -e "
      const v = require('./node_modules/n8n/package.json').version;
      if (v !== process.argv[1]) process.exit(1);
      new (require('sqlite3').Database)(':memory:').close();
      if (require('fs').existsSync('node_modules/isolated-vm')) require('isolated-vm');
    " "$version") >/dev/null 2>&1
}

# Versions before 2.41.1 depend on xlsx from a CDN that is not reachable; the registry's 0.18.5 replaces it
# (only n8n's spreadsheet nodes use it).
overrides='"linkedom": "0.18.14"'
if [ "$version" != 2.41.1 ] && [ "$(printf '%s\n' "$version" 2.41.1 | sort -V | head -1)" = "$version" ]; then
  overrides="$overrides, \"xlsx\": \"0.18.5\""
fi

# sqlite3 has no prebuilt binary this machine can download (they are on GitHub), so it is compiled (about 90 s on
# one core). It compiles in a folder of its own while n8n downloads, and its build is moved into n8n's tree after.
build_sqlite3_aside() {
  local range=$1 aside=$2
  rm -rf "$aside" && mkdir -p "$aside" && cd "$aside" &&
    echo '{ "name": "sqlite3-build", "private": true }' > package.json &&
    npm install "sqlite3@$range" --ignore-scripts --no-audit --no-fund --loglevel=error >&2 &&
    npm_config_nodedir="$NODE24_HOME" npm_config_build_from_source=true JOBS=max npm rebuild sqlite3 --loglevel=error >&2
}

sqlite3_version() { node -p "require('$1/node_modules/sqlite3/package.json').version" 2>/dev/null; }

if ! n8n_is_intact; then
  echo "[n8n] installing n8n $version into $dir (takes about 5 minutes the first time)" >&2
  rm -rf "$dir" && mkdir -p "$dir"
  aside="$dir.sqlite3"
  range=$(npm view "n8n@$version" dependencies.sqlite3 2>/dev/null || true)
  aside_build=
  if [ -n "$range" ]; then
    (build_sqlite3_aside "$range" "$aside") &
    aside_build=$!
  fi
  cd "$dir"
  cat > package.json <<JSON
{ "name": "n8n-runtime", "private": true, "overrides": { $overrides } }
JSON
  npm install "n8n@$version" --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  if [ -n "$aside_build" ] && wait "$aside_build" && [ "$(sqlite3_version "$aside")" = "$(sqlite3_version "$dir")" ]; then
    rm -rf node_modules/sqlite3/build && mv "$aside/node_modules/sqlite3/build" node_modules/sqlite3/build
  else
    npm_config_nodedir="$NODE24_HOME" npm_config_build_from_source=true JOBS=max npm rebuild sqlite3 --loglevel=error >&2
  fi
  rm -rf "$aside"
  touch .installed
  n8n_is_intact || { echo "[n8n] install in $dir is not usable" >&2; exit 1; }
fi
echo "$dir"
