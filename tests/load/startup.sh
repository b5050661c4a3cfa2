#!/usr/bin/env bash
# Start-up and memory: time from process start to the first answered GraphQL query, and peak RSS after a few
# queries, for the Release build on the embedded store. Loopback only; stops the service at the end.
# Usage: tests/load/startup.sh <embedded-db-path> [runs]
#   An empty or missing database file is seeded on the first start (reported as its own row).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
db=${1:?usage: startup.sh <embedded-db-path> [runs]}
runs=${2:-5}
dll="$root/src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll"
[ -f "$dll" ] || dotnet build "$root/src/CareerGraph.Api" -c Release -v quiet -nologo >/dev/null
query='{"query":"{ path(from: \"ML Engineer\", to: \"Cloud Engineer\") { hops } stats { careers skills aliases edges } }"}'

measure() {
  local port pid started answered rss
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  started=$(date +%s%N)
  CareerGraph__Embedded__Path="$db" Serilog__MinimumLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$query" -o "$work/answer.json"; then break; fi
    sleep 0.01
  done
  answered=$(date +%s%N)
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$query" -o /dev/null; done
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s | %d | %d |\n' "$1" $(( (answered - started) / 1000000 )) $(( rss / 1024 ))
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| Start | first answer ms | peak RSS MB |"
echo "|---|---:|---:|"
[ -s "$db" ] || measure "first start (loads the seeds)"
for i in $(seq 1 "$runs"); do measure "start $i"; done
echo "answer: $(head -c 200 "$work/answer.json")"
