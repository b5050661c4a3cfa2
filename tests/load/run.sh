#!/usr/bin/env bash
# Load test on loopback: starts CareerGraph (Release, embedded store) and the bare endpoint on free ports,
# drives both with autocannon for a fixed time, prints a table, and stops everything.
# Usage: tests/load/run.sh [seconds-per-run] [connections] [embedded-db-path]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-10}
connections=${2:-16}
work=$(mktemp -d)
db=${3:-$work/careergraph.db}
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done; echo "timed out waiting for $1" >&2; return 1; }

dotnet build "$root/src/CareerGraph.Api" -c Release -v quiet -nologo >/dev/null
dotnet build "$here/BareEndpoint" -c Release -v quiet -nologo >/dev/null
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)

service_port=$(free_port)
# The load comes from one address, so the per-client rate limit is off for this run.
CareerGraph__Embedded__Path="$db" CareerGraph__Limits__RateLimit__PermitLimit=0 Serilog__MinimumLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$root/src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll" --urls "http://127.0.0.1:$service_port" >"$work/service.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$service_port/ready"

# The bare endpoint answers with the service's own answer to the first query, so sizes match.
curl -s "http://127.0.0.1:$service_port/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ career(id: \"machine-learning-engineer\") { name skills { importance skill { name } } seeAlso { weight career { name } } } }"}' >"$work/body.json"
bare_port=$(free_port)
dotnet "$here/BareEndpoint/bin/Release/net10.0/BareEndpoint.dll" --urls "http://127.0.0.1:$bare_port" --Body="$work/body.json" >"$work/bare.log" 2>&1 &
pids+=($!)
sleep 1

echo "$(nproc) cores, $seconds s per run, $connections connections, $(dotnet --version)"
node "$here/load.mjs" "http://127.0.0.1:$service_port" "http://127.0.0.1:$bare_port" "$seconds" "$connections"
