// Drives a running CareerGraph and the bare endpoint with autocannon, on loopback only, for a fixed time each.
// Usage: node load.mjs <careergraph-url> <bare-url> [seconds] [connections]
import autocannon from 'autocannon';

const [service, bare, seconds = '10', connections = '16'] = process.argv.slice(2);
for (const url of [service, bare]) {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+/.test(url ?? '')) {
    console.error(`Refusing ${url}: the load test only targets loopback.`);
    process.exit(2);
  }
}

export const queries = {
  'career with skills and see-also': '{ career(id: "machine-learning-engineer") { name skills { importance skill { name } } seeAlso { weight career { name } } } }',
  'path with shared skills': '{ path(from: "ML Engineer", to: "Cloud Engineer") { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }',
  'search': '{ search(text: "cloud enginer", first: 10) { node { id name } matched score } }',
};

function run(url, body) {
  return autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: body }),
    duration: Number(seconds),
    connections: Number(connections),
  });
}

const results = [];
for (const [name, query] of Object.entries(queries)) {
  await run(service, query); // warm up, then measure
  const r = await run(service, query);
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  results.push({ name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bytes: r.throughput.average / r.requests.average });
}
await run(bare, queries['career with skills and see-also']);
const b = await run(bare, 'bare');
const baseline = { name: 'bare minimal API (same size JSON)', rps: b.requests.average, p50: b.latency.p50, p99: b.latency.p99, bytes: b.throughput.average / b.requests.average };

console.log(`| Endpoint | req/s | p50 ms | p99 ms | answer bytes | vs bare |`);
console.log(`|---|---:|---:|---:|---:|---:|`);
for (const r of [...results, baseline])
  console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.bytes.toFixed(0)} | ${(r.rps / baseline.rps).toFixed(2)}× |`);
