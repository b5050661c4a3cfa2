#!/usr/bin/env bash
# Measures, on this machine, the full O*NET import into the embedded store (and that a second import changes
# nothing), then the service with it loaded: time from process start to the first answered query, a path between
# two O*NET occupations, and peak memory. Release build, a throwaway database, loopback only; stops what it starts.
# Usage: tests/load/measure-onet.sh [onet-folder]     (default ../shared/data/onet-27.0)
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-../shared/data/onet-27.0}
work=$(mktemp -d)
pid=""
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export CareerGraph__Embedded__Path="$work/careergraph.db"
dotnet build -c Release src/CareerGraph.Api -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
app=src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in first second; do
  echo "== import onet $data ($run run, whole process)"
  start=$(now)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "peak RSS %M KB" -o "$work/time.txt" dotnet "$app" import onet "$data" 2>"$work/import.err"
    rss=$(cat "$work/time.txt")
  else
    dotnet "$app" import onet "$data" 2>"$work/import.err"; rss="peak RSS not measured (no /usr/bin/time)"
  fi
  echo "   import wall time: $(seconds "$start" "$(now)") s, $rss"
done

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/graphql"
query() { curl -s -H 'content-type: application/json' -d "$1" "$url"; }
echo "== serve on $url"
start=$(now)
dotnet "$app" serve --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 1500); do
  if query '{"query":"{ stats { careers skills industries aliases } }"}' >"$work/first.json" 2>/dev/null && grep -q '"data"' "$work/first.json"; then break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.01
done
answered=$(now)
# CPU time the service used until then (user + system): a figure that depends less on other load on the machine.
cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
echo "   start to first answer: $(seconds "$start" "$answered") s wall, $cpu s CPU  $(cat "$work/first.json")"
path='{"query":"{ path(from: \"Web Developers\", to: \"Database Architects\") { hops steps { career { id name } via } } }"}'
start=$(now)
echo "   path: $(query "$path")"
echo "   path answered in $(seconds "$start" "$(now)") s (first path query)"
for _ in 1 2 3 4 5; do query "$path" >/dev/null; query '{"query":"{ search(text: \"software develper\", first: 5) { matched } }"}' >/dev/null; done
echo "   peak RSS of the service: $(awk '/VmHWM/ { print $2, $3 }' "/proc/$pid/status"), now $(awk '/VmRSS/ { print $2, $3 }' "/proc/$pid/status")"
