#!/usr/bin/env bash
# How late a running service answers what another process committed to its file. Two services on one SQLite file:
# a curation write through the second, then the first is asked (every 10 ms) until it answers the change; the time
# from the write's answer to the first's is the delay (its answer cache stays on: it must follow too). Then, with an
# O*NET folder, `import onet` from the command line, timed from the command's exit to the first service answering an
# O*NET career, with the first service's resident and peak memory (VmRSS, VmHWM) before and after.
# Loopback only; stops everything it starts.
# Usage: tests/load/follow.sh <empty-work-folder> [writes] [onet-folder]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
folder=${1:?usage: follow.sh <empty-work-folder> [writes] [onet-folder]}
writes=${2:-20}
onet=${3:-}
mkdir -p "$folder"
db="$folder/follow.db"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

dotnet build "$root/src/CareerGraph.Api" -c Release -v quiet -nologo >/dev/null
dll="$root/src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll"
key=$(openssl rand -hex 32)
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s%N; }
ask() { curl -sf "http://127.0.0.1:$1/graphql" -H 'content-type: application/json' -H "X-Api-Key: $key" -d "$2"; }
start() {
  CareerGraph__Embedded__Path="$db" CareerGraph__Auth__ApiKeys__0__Name=follow CareerGraph__Auth__ApiKeys__0__Sha256="$hash" \
  CareerGraph__Limits__RateLimit__PermitLimit=0 Serilog__MinimumLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$dll" --urls "http://127.0.0.1:$1" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 6000); do ask "$1" '{"query":"{ stats { careers } }"}' >/dev/null && return; sleep 0.01; done
  echo "service on $1 did not answer" >&2; exit 1
}
# Asks $1 the query $2 every 10 ms until the answer contains $3; prints the ms since $4.
wait_for() {
  for _ in $(seq 1 6000); do
    if ask "$1" "$2" | grep -qF "$3"; then echo $(( ($(now) - $4) / 1000000 )); return; fi
    sleep 0.01
  done
  echo "never"
}

first=$(port); start "$first"
second=$(port); start "$second"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
delays=()
for i in $(seq 1 "$writes"); do
  text="Written through the second service, $i of $writes, $RANDOM."
  ask "$first" '{"query":"{ career(id: \"cloud-engineer\") { description } }"}' >/dev/null  # cached on the first service
  ask "$second" "{\"query\":\"mutation { updateCareer(input: { id: \\\"cloud-engineer\\\", description: \\\"$text\\\" }) { career { description } } }\"}" | grep -qF "$text"
  written=$(now)
  delays+=("$(wait_for "$first" '{"query":"{ career(id: \"cloud-engineer\") { description } }"}' "$text" "$written")")
done
printf 'curation write through a second service, seen by the first after (ms): %s\n' "${delays[*]}"
python3 -c "import statistics,sys; d=[int(x) for x in sys.argv[1:] if x!='never']; print(f'median {statistics.median(d):.0f} ms, max {max(d)} ms, never {len(sys.argv)-1-len(d)}')" "${delays[@]}"

rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$1/status"; }
echo "first service before the import: $(rss "${pids[0]}")"
if [ -n "$onet" ]; then
  CareerGraph__Embedded__Path="$db" Serilog__MinimumLevel__Default=Warning dotnet "$dll" import onet "$onet" >/dev/null 2>&1
  imported=$(now)
  echo "import onet from the command line, seen by the first service after $(wait_for "$first" '{"query":"{ resolve(reference: \"Chief Executives\", kind: CAREER) { id } }"}' '"id"' "$imported") ms"
  sleep 2
  echo "first service after following the import: $(rss "${pids[0]}")"
fi
