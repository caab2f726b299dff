#!/usr/bin/env bash
# npm test: everything. Build, lint (strict), n8n's community-package scanner (both legs), unit and engine tests,
# then end-to-end tests against a real n8n: single process, queue mode, and queue mode with a webhook process.
# Jest arguments (e.g. a suite folder) focus the single-process end-to-end run and skip the queue-mode runs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/runtime-env.sh # Node 24 once, before anything installs with it
started_all=$SECONDS

# A cold machine spends most of its time installing n8n (about 5 minutes). It installs in the background, as
# does Redis (apt-get, root only), while the dev dependencies install and the checks that need no n8n run.
bash scripts/ensure-n8n.sh >/dev/null &
n8n_install=$!
bash scripts/install-system-packages.sh &
system_install=$!
bash scripts/ensure-deps.sh
export PATH="$PWD/node_modules/.bin:$PATH"

echo "== build"
npm run build:dist --silent
echo "== lint (n8n-node lint, strict)"
bash scripts/lint.sh
echo "== n8n community-package scanner (source and packed tarball)"
node scripts/scan.mjs
echo "== unit + engine tests"
jest --selectProjects unit engine

wait "$n8n_install" || { echo "== n8n $N8N_VERSION could not be installed (scripts/ensure-n8n.sh)"; exit 1; }
wait "$system_install" || true
echo "== installs and checks took $((SECONDS - started_all)) s"
redis=false
command -v redis-server >/dev/null 2>&1 && redis=true

# Queue mode (Redis + main + worker) moves two things: webhook requests and trigger emits are received by the main
# process (or a webhook process) and the execution runs on a worker, and a trigger's answer to the platform has to
# come back from there. So the queue-mode run repeats every suite with a trigger (webhook or WebSocket), which
# covers every platform's trigger -> execution -> answer path, the retailCRM WebSocket trigger with its socket
# killed included. Not repeated: suites of action nodes only (faults/platform-faults, retailcrm/actions), since an
# action runs the same code on a worker as in the main process; and the 20-kill socket soak (faults/
# retailcrm-socket), whose queue-mode path retailcrm/triggers runs with 4 kills and a 700 ms kill storm. The bridge
# suites run in queue mode only (below). The editor suite (list pickers, trigger panels) reads the main process only.
queue_excluded='^test/e2e/[^/]*\.test\.ts$|^test/e2e/(harness|hostile|durability|editor)/|^test/e2e/faults/|^test/e2e/retailcrm/actions\.test\.ts$'
# Lanes of about the same length: the long single-process suites (BRIX delivery waits, fault injection, kill and
# restart), then the webhook-process corpus and a few queue-mode suites; the other single-process suites; the
# other queue-mode suites.
long_single='^test/e2e/(brix|faults|durability)/'
queue_tail='^test/e2e/(selarti/|bridges/examples)'
# The bridge suites (matrix, examples) run once, in queue mode: there a bridge's answer travels back through a
# second trigger, from a worker, the path a bridge takes in production; the single-process path is the same code.
queue_only='^test/e2e/bridges/'

e2e() { CHAT_BRIDGE_SKIP_BUILD=true jest --selectProjects e2e --runInBand "$@"; }

suites_matching() { ls test/e2e/*.test.ts test/e2e/*/*.test.ts | grep -E "$1" | grep -Ev "${2:-^$}" || true; }

single_lane() {
  local suites started=$SECONDS
  mapfile -t suites < <(suites_matching "$1" "${2:-}")
  [ ${#suites[@]} -gt 0 ] || { echo "== no end-to-end suite matches $1"; return 1; }
  echo "== end-to-end tests (real n8n $N8N_VERSION): ${suites[*]}"
  local status=0
  e2e "${suites[@]}" || status=1
  echo "== end-to-end tests took $((SECONDS - started)) s"
  return $status
}

queue_lane() {
  local suites started=$SECONDS
  mapfile -t suites < <(suites_matching "$1" "$queue_excluded${2:+|$2}")
  [ ${#suites[@]} -gt 0 ] || { echo "== no queue-mode suite matches $1"; return 1; }
  echo "== end-to-end tests in queue mode: ${suites[*]}"
  local status=0
  CHAT_BRIDGE_N8N_MODE=queue e2e "${suites[@]}" || status=1
  echo "== queue-mode end-to-end tests took $((SECONDS - started)) s"
  return $status
}

webhook_lane() {
  local started=$SECONDS
  echo "== hostile input in queue mode with a separate n8n webhook process (main serves no production webhooks)"
  local status=0
  CHAT_BRIDGE_N8N_MODE=webhook e2e test/e2e/hostile || status=1
  echo "== webhook-process end-to-end tests took $((SECONDS - started)) s"
  return $status
}

long_lane() {
  local status=0
  single_lane "$long_single" || status=1
  webhook_lane || status=1
  queue_lane "$queue_tail" || status=1
  return $status
}

# Each lane prefixes its lines so interleaved output stays readable, and keeps them in a log from which the failures
# are repeated at the end (CI shows only the tail of a long run).
lane_logs=$(mktemp -d)
trap 'rm -rf "$lane_logs"' EXIT
run_lane() {
  local name=$1
  shift
  ( set -o pipefail; "$@" 2>&1 | sed -u "s/^/[$name] /" | tee "$lane_logs/$name.log" )
}
repeat_failures() {
  echo "== what failed:"
  grep -hE '^\[[a-z-]+\] (FAIL |  +✕ |  ● |== .*(failed|took))' "$lane_logs"/*.log | grep -v ' ● Console' | head -60 || true
}

# Jobs: the long single-process suites, the other single-process suites, queue mode, the webhook-process corpus,
# the queue-mode tail. They are independent (own n8n, ports, folders, databases) and run side by side in lanes:
# two lanes (single process, queue mode) from 2 cores, three from 6 (on 2 cores three lanes made n8n's queue mode
# lose track of executions under the load: jobs whose end never reached main). CHAT_BRIDGE_E2E_LANES=1|2|3 overrides.
cores=$(nproc 2>/dev/null || echo 2)
lanes=${CHAT_BRIDGE_E2E_LANES:-$(( cores >= 6 ? 3 : cores >= 2 ? 2 : 1 ))}

all_jobs() {
  local status=0
  single_jobs || status=1
  queue_jobs || status=1
  return $status
}
single_rest() { single_lane '.' "$long_single|^test/e2e/hostile/|$queue_only"; }
queue_main() { queue_lane '.' "$queue_tail"; }
single_jobs() {
  local status=0
  single_lane "$long_single" || status=1
  single_rest || status=1
  return $status
}
queue_jobs() {
  local status=0
  queue_main || status=1
  webhook_lane || status=1
  queue_lane "$queue_tail" || status=1
  return $status
}

# Jest arguments run only those suites, in a single process.
if [ $# -gt 0 ]; then
  echo "== end-to-end tests (real n8n $N8N_VERSION)"
  e2e "$@"
else
  started=$SECONDS
  pids=()
  if ! $redis; then
    single_lane '.' || { echo "== end-to-end tests failed"; exit 1; }
    echo "== queue-mode end-to-end tests skipped: redis-server is not installed (scripts/install-system-packages.sh)"
  else
    # With Redis, the hostile-input corpus runs once, against queue mode with a separate `n8n webhook` process
    # (the longest path a request can take: webhook process, Redis, worker); the trigger code that answers each
    # request is the same in every mode, and every platform suite also sends malformed and unauthenticated
    # requests in single mode.
    echo "== end-to-end tests in $lanes lane(s) ($cores cores)"
    case "$lanes" in
      1) run_lane e2e all_jobs & pids+=($!) ;;
      2) run_lane single single_jobs & pids+=($!); run_lane queue queue_jobs & pids+=($!) ;;
      *) run_lane single-long long_lane & pids+=($!)
         run_lane single single_rest & pids+=($!)
         run_lane queue queue_main & pids+=($!) ;;
    esac
    status=0
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
    echo "== end-to-end tests took $((SECONDS - started)) s"
    [ $status -eq 0 ] || { repeat_failures; echo "== end-to-end tests failed (see the lines of the failing lane above)"; exit 1; }
  fi
fi
echo "== npm test took $((SECONDS - started_all)) s"
