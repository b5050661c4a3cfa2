#!/usr/bin/env bash
# Start-up and memory, against a bare ASP.NET Core app started the same way: time from process start to the first
# answer, peak RSS after 50 more requests, and (for CareerGraph) throughput in the first 10 s of load right after the
# first answer against the next 10 s. CareerGraph runs as built (JIT only), as published with ReadyToRun beside the
# shared runtime, and as the Dockerfile publishes it (with its runtime, composite ReadyToRun); its answer cache is off
# here, so every request runs the whole GraphQL pipeline.
# Loopback only; stops everything it starts.
# Usage: tests/load/startup.sh <embedded-db-path> [runs]
#   An empty or missing database file is seeded on the first start (reported as its own row).
#   CAREERGRAPH_BEFORE=<path to another build's CareerGraph.Api.dll> adds its rows, started on the same file, in turn
#   with this build's: a before-and-after comparison in one run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
db=${1:?usage: startup.sh <embedded-db-path> [runs]}
runs=${2:-3}
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build "$root/src/CareerGraph.Api" -c Release -v quiet -nologo >/dev/null
dotnet build "$here/BareEndpoint" -c Release -v quiet -nologo >/dev/null
# Each publish builds in a folder of its own (--artifacts-path): the two differ (beside the shared runtime or with it,
# one image or one per assembly) and would otherwise share the working tree's intermediate files.
dotnet publish "$root/src/CareerGraph.Api" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  --artifacts-path "$work/r2r-build" -v quiet -nologo -o "$work/r2r" >/dev/null
dotnet publish "$root/src/CareerGraph.Api" -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true \
  --artifacts-path "$work/image-build" -v quiet -nologo -o "$work/image" >/dev/null
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
built="$root/src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll"
bare="$here/BareEndpoint/bin/Release/net10.0/BareEndpoint.dll"
query='{"query":"{ path(from: \"ML Engineer\", to: \"Cloud Engineer\") { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }"}'
echo '{"data":{"path":{"hops":2}}}' >"$work/bare.json"

# label, dll, load (yes/no), extra arguments
measure() {
  local port started answered rss first warm
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  started=$(date +%s%N)
  CareerGraph__Embedded__Path="$db" CareerGraph__ResponseCache__Enabled=false CareerGraph__Limits__RateLimit__PermitLimit=0 \
  Serilog__MinimumLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    $([[ $2 == *.dll ]] && echo dotnet) "$2" --urls "http://127.0.0.1:$port" "${@:4}" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$query" -o "$work/answer.json"; then break; fi
    sleep 0.01
  done
  answered=$(date +%s%N)
  first=; warm=
  if [ "$3" = yes ]; then
    read -r first warm < <(node "$here/startload.mjs" "http://127.0.0.1:$port/graphql" "$query")
  else
    for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$query" -o /dev/null; done
  fi
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  if [ -n "$first" ]; then
    printf '| %s | %d | %d | %s | %s | %s× |\n' "$1" $(( (answered - started) / 1000000 )) $(( rss / 1024 )) "$first" "$warm" "$(python3 -c "print(f'{$first/$warm:.2f}')")"
  else
    printf '| %s | %d | %d | | | |\n' "$1" $(( (answered - started) / 1000000 )) $(( rss / 1024 ))
  fi
}

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| Start | first answer ms | peak RSS MB | req/s in the first 10 s | req/s in the next 10 s | first / next |"
echo "|---|---:|---:|---:|---:|---:|"
[ -s "$db" ] || measure "CareerGraph, first start (loads the seeds)" "$built" no
for i in $(seq 1 "$runs"); do measure "bare ASP.NET Core app" "$bare" no --Body="$work/bare.json"; done
for i in $(seq 1 "$runs"); do
  measure "CareerGraph, built (JIT)" "$built" no
  [ -z "${CAREERGRAPH_BEFORE:-}" ] || measure "before, built (JIT)" "$CAREERGRAPH_BEFORE" no
done
for i in $(seq 1 "$runs"); do
  measure "CareerGraph, ReadyToRun" "$work/r2r/CareerGraph.Api.dll" no
  measure "CareerGraph, as in the image (composite ReadyToRun)" "$work/image/CareerGraph.Api" no
done
measure "CareerGraph, built (JIT), under load" "$built" yes
measure "CareerGraph, ReadyToRun, under load" "$work/r2r/CareerGraph.Api.dll" yes
measure "CareerGraph, as in the image, under load" "$work/image/CareerGraph.Api" yes
echo "answer: $(head -c 200 "$work/answer.json")"
