#!/usr/bin/env bash
# Compiled plans on and off on the O*NET store (answer cache off): imports O*NET into a throwaway embedded database,
# starts the Release build twice on copies of it (CareerGraph:Execution:CompiledPlans true and false), checks that
# both answer alike, then drives each in turn with autocannon on loopback: a career with its skills and see-also, a
# path, search, and random careers (one document, the id in a variable). The REST and graphql-js peers load the seeds
# only, so they are not in this run. Stops what it starts.
# Usage: tests/load/plans-onet.sh [seconds-per-run] [connections] [onet-folder]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-5}
connections=${2:-16}
data=${3:-$root/../shared/data/onet-27.0}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 600); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done; echo "timed out waiting for $1" >&2; return 1; }

dotnet build "$root/src/CareerGraph.Api" -c Release -v quiet -nologo >/dev/null
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
app="$root/src/CareerGraph.Api/bin/Release/net10.0/CareerGraph.Api.dll"
CareerGraph__Embedded__Path="$work/onet.db" Serilog__MinimumLevel__Default=Warning dotnet "$app" import onet "$data" >/dev/null

start_service() { # port, compiled plans true/false
  cp "$work/onet.db" "$work/$1.db"
  CareerGraph__Embedded__Path="$work/$1.db" CareerGraph__ResponseCache__Enabled=false CareerGraph__Limits__RateLimit__PermitLimit=0 \
  CareerGraph__Execution__CompiledPlans="$2" Serilog__MinimumLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$app" --urls "http://127.0.0.1:$1" >"$work/service-$1.log" 2>&1 &
  pids+=($!)
}
on=$(free_port); start_service "$on" true
off=$(free_port); start_service "$off" false
wait_for "http://127.0.0.1:$on/ready"
wait_for "http://127.0.0.1:$off/ready"

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $seconds s per run after a warm-up run of as long, $connections connections, O*NET store, answer cache off"
cd "$here" && node --input-type=module - "http://127.0.0.1:$on" "http://127.0.0.1:$off" "$seconds" "$connections" <<'JS'
import autocannon from 'autocannon';
const [on, off, seconds, connections] = process.argv.slice(2);
const post = async (url, body) => (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
const careerFields = '{ name skills { importance skill { name } } seeAlso { weight career { name } } }';
const ids = JSON.parse(await post(on, { query: '{ careers(first: 100) { nodes { id } } }' })).data.careers.nodes.map((n) => n.id);
const queries = {
  'career with skills and see-also': { query: `{ career(name: "Web Developers") ${careerFields} }` },
  'path with shared skills': { query: '{ path(from: "Web Developers", to: "Database Architects") { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }' },
  'search': { query: '{ search(text: "software develper", first: 10) { node { id name } matched score } }' },
  'random career': { query: `query Career($id: ID!) { career(id: $id) ${careerFields} }`, ids },
};
let seed = 24;
const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const bodyOf = (q) => JSON.stringify(q.ids ? { query: q.query, variables: { id: q.ids[Math.floor(random() * q.ids.length)] } } : { query: q.query });
for (const [name, q] of Object.entries(queries)) {
  for (const sample of q.ids ? q.ids.slice(0, 25) : [null]) {
    const body = sample ? { query: q.query, variables: { id: sample } } : { query: q.query };
    const [a, b] = [await post(on, body), await post(off, body)];
    if (a !== b || a.includes('"errors"')) { console.error(`${name}: the two services answer differently or with errors:\n${a.slice(0, 300)}\n${b.slice(0, 300)}`); process.exit(1); }
  }
}
const run = (url, q) => new Promise((resolve) => {
  autocannon({ url: `${url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, connections: Number(connections), duration: Number(seconds),
    requests: [{ setupRequest: (request) => ({ ...request, body: bodyOf(q) }) }] }, (error, result) => resolve(result));
});
console.log('| query | plans on req/s (p50/p99 ms) | plans off req/s (p50/p99 ms) | on / off |\n|---|---:|---:|---:|');
for (const [name, q] of Object.entries(queries)) {
  const figures = [];
  for (const url of [on, off]) { await run(url, q); figures.push(await run(url, q)); }
  const [a, b] = figures;
  console.log(`| ${name} | ${Math.round(a.requests.average)} (${a.latency.p50}/${a.latency.p99}) | ${Math.round(b.requests.average)} (${b.latency.p50}/${b.latency.p99}) | ${(a.requests.average / b.requests.average).toFixed(2)}× |`);
}
JS
