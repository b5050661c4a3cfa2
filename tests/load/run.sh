#!/usr/bin/env bash
# Load test on loopback: starts CareerGraph (Release, embedded store, seeds) twice, with and without its answer cache,
# the REST peer (tests/load/RestPeer: the same answers computed per request by a hand-written minimal API), the
# graphql-js peer and the graphql-jit peer (graphql-js-peer.mjs without and with --jit, over the same graph exported
# from the seeded store) and the HTTP floor (tests/load/BareEndpoint: CareerGraph's requests answered with a fixed answer
# of the same size) on free ports, checks that all answer alike, drives each with autocannon for a fixed time, prints a
# table, and stops everything.
# Usage: tests/load/run.sh [seconds-per-run] [connections] [rounds]
# Rounds (1 by default): every server measured once a round, per query; with more, the table gives medians and each
# ratio the median of the rounds' ratios with its range, which a machine whose speed drifts during the run needs.
# CAREERGRAPH_SERVICE=<a build's CareerGraph.Api.dll, or a published CareerGraph.Api> measures that build instead of this
# checkout's Release build (e.g. one published as the Dockerfile publishes it: docs/performance.md);
# CAREERGRAPH_BEFORE=<another build's CareerGraph.Api.dll, or a published CareerGraph.Api> adds that build, answer cache
# off, to the same run;
# CAREERGRAPH_BEFORE=plans-off adds this build with compiled plans off (CareerGraph:Execution:CompiledPlans=false).
# CAREERGRAPH_ONET=<O*NET 27.0 folder> runs it all on the O*NET store instead: imported and seeded once, then every
# server (the REST peer too) on its own copy of that file, and the graphql-js peers on its export.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-5}
connections=${2:-16}
rounds=${3:-1}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 600); do curl -sf "$@" >/dev/null && return 0; sleep 0.1; done; echo "timed out waiting for $1" >&2; return 1; } # url [curl options]

dotnet build "$root/src/CareerGraph.Api" -c Release -v quiet -nologo >/dev/null
dotnet build "$here/RestPeer" -c Release -v quiet -nologo >/dev/null
dotnet build "$here/BareEndpoint" -c Release -v quiet -nologo >/dev/null
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)

# A build as a command (into the array `run`): a .dll runs on the shared runtime, anything else is a published service.
as_command() { if [[ $1 == *.dll ]]; then run=(dotnet "$1"); else run=("$1"); fi; }
service=${CAREERGRAPH_SERVICE:-$root/src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll}

# The O*NET store, prepared once: every server opens its own copy, the seeds already in it.
app="$root/src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll"
if [ -n "${CAREERGRAPH_ONET:-}" ]; then
  CareerGraph__Embedded__Path="$work/base.db" Serilog__MinimumLevel__Default=Warning dotnet "$app" import onet "$CAREERGRAPH_ONET" >/dev/null
  CareerGraph__Embedded__Path="$work/base.db" Serilog__MinimumLevel__Default=Warning dotnet "$app" seed --path "$root/seeds" >/dev/null
  for copy in cached uncached before rest; do
    cp "$work/base.db" "$work/$copy.db"
    [ ! -f "$work/base.db.snapshot" ] || cp "$work/base.db.snapshot" "$work/$copy.db.snapshot"
  done
fi

# The load comes from one address, so the per-client rate limit is off for these runs.
start_service() { # port, database, answer cache on/off
  as_command "$service"
  CareerGraph__Embedded__Path="$2" CareerGraph__ResponseCache__Enabled="$3" CareerGraph__Limits__RateLimit__PermitLimit=0 \
  Serilog__MinimumLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    "${run[@]}" --urls "http://127.0.0.1:$1" >"$work/service-$1.log" 2>&1 &
  pids+=($!)
}
cached_port=$(free_port); start_service "$cached_port" "$work/cached.db" true
uncached_port=$(free_port); start_service "$uncached_port" "$work/uncached.db" false
before=()
if [ -n "${CAREERGRAPH_BEFORE:-}" ]; then
  before_port=$(free_port)
  before_dll=$CAREERGRAPH_BEFORE; before_plans=true
  if [ "$before_dll" = plans-off ]; then before_dll="$root/src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll"; before_plans=false; fi
  as_command "$before_dll"
  CareerGraph__Embedded__Path="$work/before.db" CareerGraph__ResponseCache__Enabled=false CareerGraph__Limits__RateLimit__PermitLimit=0 \
  CareerGraph__Execution__CompiledPlans=$before_plans Serilog__MinimumLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    "${run[@]}" --urls "http://127.0.0.1:$before_port" >"$work/service-before.log" 2>&1 &
  pids+=($!)
  before=("http://127.0.0.1:$before_port")
fi
rest_port=$(free_port)
rest_data=(--Seeds="$root/seeds")
[ -z "${CAREERGRAPH_ONET:-}" ] || rest_data=(--Database="$work/rest.db")
dotnet "$here/RestPeer/bin/Release/net10.0/RestPeer.dll" --urls "http://127.0.0.1:$rest_port" "${rest_data[@]}" >"$work/rest.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$cached_port/ready"
wait_for "http://127.0.0.1:$uncached_port/ready"
[ -z "${before_port:-}" ] || wait_for "http://127.0.0.1:$before_port/ready"
wait_for "http://127.0.0.1:$rest_port/careers/machine-learning-engineer"
CareerGraph__Embedded__Path="$work/uncached.db" Serilog__MinimumLevel__Default=Warning \
  dotnet "$root/src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll" export --format json "$work/graph.json" >/dev/null
js_port=$(free_port)
node "$here/graphql-js-peer.mjs" "$work/graph.json" "$js_port" >"$work/graphql-js.log" 2>&1 &
pids+=($!)
jit_port=$(free_port)
node "$here/graphql-js-peer.mjs" "$work/graph.json" "$jit_port" --jit >"$work/graphql-jit.log" 2>&1 &
pids+=($!)
floor_port=$(free_port)
dotnet "$here/BareEndpoint/bin/Release/net10.0/BareEndpoint.dll" --urls "http://127.0.0.1:$floor_port" >"$work/floor.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$js_port/graphql?query=%7B__typename%7D"
wait_for "http://127.0.0.1:$jit_port/graphql?query=%7B__typename%7D"
wait_for "http://127.0.0.1:$floor_port/answer" -X PUT -d '{}'

echo "${CAREERGRAPH_ONET:+O*NET store ($CAREERGRAPH_ONET) with the seeds; }$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $seconds s per run after a warm-up run of as long, $rounds round(s), $connections connections, .NET SDK $(dotnet --version)"
node "$here/load.mjs" "http://127.0.0.1:$cached_port" "http://127.0.0.1:$uncached_port" "http://127.0.0.1:$rest_port" \
  "http://127.0.0.1:$js_port" "http://127.0.0.1:$jit_port" "http://127.0.0.1:$floor_port" "$work/graph.json" "$seconds" "$connections" "$rounds" "${before[@]}"
