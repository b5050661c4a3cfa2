#!/usr/bin/env bash
# One start, timed from outside: milliseconds from process start to the first answer of the path query (polled every
# 10 ms), then peak RSS after 20 more requests. For comparing builds start against start, alternating them in a loop.
# Loopback only; stops what it starts. The service runs from an empty folder of its own, with its answer cache off.
# Usage: tests/load/first-answer.sh <embedded-db-path> <CareerGraph.Api (published) | CareerGraph.Api.dll | BareEndpoint.dll> [NAME=value ...]
#   e.g. for i in 1 2 3; do tests/load/first-answer.sh /tmp/onet.db /tmp/before/CareerGraph.Api; tests/load/first-answer.sh /tmp/onet.db /tmp/after/CareerGraph.Api; done
set -euo pipefail
db=${1:?usage: first-answer.sh <embedded-db-path> <service> [NAME=value ...]}
service=${2:?usage: first-answer.sh <embedded-db-path> <service> [NAME=value ...]}
shift 2
db=$(realpath -m "$db") service=$(realpath "$service") # the service runs from another folder
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
query='{"query":"{ path(from: \"ML Engineer\", to: \"Cloud Engineer\") { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }"}'
echo '{"data":{"path":{"hops":2}}}' >"$work/bare.json" # what the bare app answers
command=("$service")
[[ $service == *.dll ]] && command=(dotnet "$service")
[[ $service == *BareEndpoint* ]] && command+=(--Body="$work/bare.json")
cd "$work"
started=$(date +%s%N)
env "$@" CareerGraph__Embedded__Path="$db" CareerGraph__ResponseCache__Enabled=false CareerGraph__Limits__RateLimit__PermitLimit=0 \
  Serilog__MinimumLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  "${command[@]}" --urls "http://127.0.0.1:$port" >"$work/output.log" 2>&1 &
pid=$!
answered=
for _ in $(seq 1 3000); do
  if curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$query" -o /dev/null; then answered=$(date +%s%N); break; fi
  sleep 0.01
done
[ -n "$answered" ] || { echo "no answer within 3000 polls; the service's output:" >&2; cat "$work/output.log" >&2; exit 1; }
for _ in $(seq 1 20); do curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$query" -o /dev/null; done
rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
echo "$(( (answered - started) / 1000000 )) ms first answer, $(( rss / 1024 )) MB peak RSS"
