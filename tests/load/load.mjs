// Drives CareerGraph (with and without its answer cache), the REST peer and the graphql-js peer with autocannon on
// loopback: first checks that all give each query the same answer (the REST peer the same bytes; graphql-js the same
// JSON, which it escapes differently), then per query a warm-up run and a measured run of fixed length each.
// Usage: node load.mjs <careergraph-url> <careergraph-uncached-url> <rest-peer-url> <graphql-js-url> [seconds] [connections]
import autocannon from 'autocannon';

const [service, uncached, rest, graphqlJs, seconds = '5', connections = '16'] = process.argv.slice(2);
for (const url of [service, uncached, rest, graphqlJs]) {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+/.test(url ?? '')) {
    console.error(`Refusing ${url}: the load test only targets loopback.`);
    process.exit(2);
  }
}

// Each query as GraphQL and as the REST peer's URL for the same answer; graphql-js: whether its peer answers it.
export const queries = {
  'career with skills and see-also': {
    graphql: '{ career(id: "machine-learning-engineer") { name skills { importance skill { name } } seeAlso { weight career { name } } } }',
    rest: '/careers/machine-learning-engineer',
    graphqlJs: true,
  },
  'path with shared skills': {
    graphql: '{ path(from: "ML Engineer", to: "Cloud Engineer") { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }',
    rest: '/path?from=ML%20Engineer&to=Cloud%20Engineer',
    graphqlJs: true,
  },
  'search': {
    graphql: '{ search(text: "cloud enginer", first: 10) { node { id name } matched score } }',
    rest: '/search?text=cloud%20enginer&first=10',
    graphqlJs: false, // the typo-forgiving ranking of src/CareerGraph.Embedded/SearchIndex.cs is not ported
  },
};

const graphqlRequest = (url, query) => ({
  url: `${url}/graphql`,
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify({ query }),
});
const restRequest = (url, path) => ({ url: `${url}${path}`, method: 'GET' });

async function answer({ url, ...init }) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

for (const [name, q] of Object.entries(queries)) {
  const expected = await answer(graphqlRequest(service, q.graphql));
  for (const [peer, request] of [['uncached', graphqlRequest(uncached, q.graphql)], ['REST peer', restRequest(rest, q.rest)]]) {
    const got = await answer(request);
    if (got !== expected) {
      console.error(`${name}: the ${peer} answers differently.\nCareerGraph: ${expected.slice(0, 400)}\n${peer}: ${got.slice(0, 400)}`);
      process.exit(1);
    }
  }
  if (q.graphqlJs) {
    const got = await answer(graphqlRequest(graphqlJs, q.graphql));
    if (JSON.stringify(JSON.parse(got)) !== JSON.stringify(JSON.parse(expected))) {
      console.error(`${name}: graphql-js answers differently.\nCareerGraph: ${expected.slice(0, 400)}\ngraphql-js: ${got.slice(0, 400)}`);
      process.exit(1);
    }
  }
}
console.log('CareerGraph and the REST peer answer every query with the same bytes; graphql-js gives the same JSON for the queries it answers.');

async function measure(request) {
  const options = { ...request, duration: Number(seconds), connections: Number(connections) };
  await autocannon(options); // warm-up
  const r = await autocannon(options);
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${request.url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return r;
}

const rows = [];
for (const [name, q] of Object.entries(queries)) {
  const cached = await measure(graphqlRequest(service, q.graphql));
  const plain = await measure(graphqlRequest(uncached, q.graphql));
  const peer = await measure(restRequest(rest, q.rest));
  const js = q.graphqlJs ? await measure(graphqlRequest(graphqlJs, q.graphql)) : null;
  rows.push({ name, cached, plain, peer, js, bytes: cached.throughput.average / cached.requests.average });
}

const rps = (r) => r.requests.average.toFixed(0);
const ratio = (a, b) => `${(a.requests.average / b.requests.average).toFixed(2)}×`;
const cell = (r) => (r ? `${rps(r)} (${r.latency.p50}/${r.latency.p99})` : '—');
console.log('req/s (p50/p99 latency in ms)');
console.log('| query | answer bytes | CareerGraph | without answer cache | REST peer | graphql-js | vs REST | vs graphql-js | without cache: vs REST | vs graphql-js |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { name, cached, plain, peer, js, bytes } of rows)
  console.log(`| ${name} | ${bytes.toFixed(0)} | ${cell(cached)} | ${cell(plain)} | ${cell(peer)} | ${cell(js)} | ${ratio(cached, peer)} | ${js ? ratio(cached, js) : '—'} | ${ratio(plain, peer)} | ${js ? ratio(plain, js) : '—'} |`);
