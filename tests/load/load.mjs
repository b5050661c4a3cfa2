// Drives CareerGraph (with and without its answer cache), the REST peer, the graphql-js and graphql-jit peers with
// autocannon on loopback: first checks that all give each query the same answer (the REST peer the same bytes;
// graphql-js and graphql-jit the same JSON, which they escape differently), then per query a warm-up run of every
// server and rounds of measured runs of fixed length, every server once a round, in an order that turns each round.
// Besides three fixed queries, three mixes vary their arguments per request (random careers, random pairs of careers
// with a path between them, random words of the graph's names), the same seeded sequence for every server, so that no
// answer cache and no warm branch serves them all.
// The HTTP floor (tests/load/BareEndpoint) is sent CareerGraph's very requests and answers each with a fixed answer of
// the query's size, doing nothing else: what HTTP alone costs on this machine, client included, for that query.
// Usage: node load.mjs <careergraph-url> <careergraph-uncached-url> <rest-peer-url> <graphql-js-url> <graphql-jit-url>
//          <bare-endpoint-url> <graph.json> [seconds] [connections] [rounds] [careergraph-before-url]
// The last, optional, is another build of CareerGraph (answer cache off) measured in the same run, for before/after.
// With more than one round, a server's figures are the medians of its rounds, and a ratio is the median of the
// rounds' own ratios (both servers measured minutes apart at most), with their range: a machine whose speed drifts
// while it runs moves both sides of a round alike.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [service, uncached, rest, graphqlJs, graphqlJit, floor, graphFile, seconds = '5', connections = '16', roundsText = '1', before] = process.argv.slice(2);
const rounds = Number(roundsText);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`Rounds must be a whole number of 1 or more, not ${roundsText}.`);
  process.exit(2);
}
for (const url of [service, uncached, rest, graphqlJs, graphqlJit, floor, ...(before ? [before] : [])]) {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+/.test(url ?? '')) {
    console.error(`Refusing ${url}: the load test only targets loopback.`);
    process.exit(2);
  }
}

const careerFields = '{ name skills { importance skill { name } } seeAlso { weight career { name } } }';
const pathFields = '{ hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } }';
const searchFields = '{ node { id name } matched score }';

// Each query as GraphQL and as the REST peer's URL for the same answer; peers: whether graphql-js/-jit answer it.
// A varied query draws its variables per request from `draw`.
export const queries = {
  'career with skills and see-also': {
    graphql: `{ career(id: "machine-learning-engineer") ${careerFields} }`,
    rest: () => '/careers/machine-learning-engineer',
    peers: true,
  },
  'path with shared skills': {
    graphql: `{ path(from: "ML Engineer", to: "Cloud Engineer") ${pathFields} }`,
    rest: () => '/path?from=ML%20Engineer&to=Cloud%20Engineer',
    peers: true,
  },
  'search': {
    graphql: `{ search(text: "cloud enginer", first: 10) ${searchFields} }`,
    rest: () => '/search?text=cloud%20enginer&first=10',
    peers: false, // the typo-forgiving ranking of src/CareerGraph.Embedded/SearchIndex.cs is not ported
  },
  'random career': {
    graphql: `query Career($id: ID!) { career(id: $id) ${careerFields} }`,
    rest: (v) => `/careers/${encodeURIComponent(v.id)}`,
    draw: (random, pools) => ({ id: pick(random, pools.careers) }),
    peers: true,
  },
  'random path': {
    graphql: `query Path($from: String!, $to: String!) { path(from: $from, to: $to) ${pathFields} }`,
    rest: (v) => `/path?from=${encodeURIComponent(v.from)}&to=${encodeURIComponent(v.to)}`,
    draw: (random, pools) => pick(random, pools.pairs),
    peers: true,
  },
  'random search': {
    graphql: `query Search($text: String!) { search(text: $text, first: 10) ${searchFields} }`,
    rest: (v) => `/search?text=${encodeURIComponent(v.text)}&first=10`,
    draw: (random, pools) => ({ text: pick(random, pools.words) }),
    peers: false,
  },
};

// A small seeded generator (mulberry32): every server gets the same sequence of arguments.
function seeded(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (random, list) => list[Math.floor(random() * list.length)];

const graphqlRequest = (url, query, variables) => ({
  url: `${url}/graphql`,
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify(variables ? { query, variables } : { query }),
});
const restRequest = (url, path) => ({ url: `${url}${path}`, method: 'GET' });

async function answer({ url, ...init }) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

// The argument pools, from the graph the peers serve: every career; pairs of careers with a path between them
// (the REST peer answers only those); words of three letters or more from the names of careers, skills and industries.
const graph = JSON.parse(readFileSync(graphFile, 'utf8'));
const careers = graph.nodes.filter((n) => n.kind === 'Career').map((n) => n.id);
const words = [...new Set(graph.nodes.flatMap((n) => n.name.toLowerCase().split(/[^\p{L}\p{N}+#]+/u)).filter((w) => w.length >= 3))].sort();
const random = seeded(24);
const pairs = [];
for (let tries = 0; pairs.length < 200 && tries < 2000; tries++) {
  const pair = { from: pick(random, careers), to: pick(random, careers) };
  const got = JSON.parse(await answer(graphqlRequest(uncached, 'query($from: String!, $to: String!) { path(from: $from, to: $to) { hops } }', pair)));
  if (got.data?.path && pair.from !== pair.to) pairs.push(pair);
}
const pools = { careers, pairs, words };
console.log(`Argument pools: ${careers.length} careers, ${pairs.length} pairs with a path, ${words.length} words.`);

// The same answers everywhere, for the fixed queries and for a sample of every varied one.
const servers = [['uncached', uncached], ...(before ? [['before', before]] : [])];
const answers = {}; // per query, the answers seen; the floor sends the fixed query's, or a varied one's of median length
for (const [name, q] of Object.entries(queries)) {
  const sample = q.draw ? Array.from({ length: 25 }, ((r) => () => q.draw(r, pools))(seeded(7))) : [undefined];
  for (const variables of sample) {
    const expected = await answer(graphqlRequest(service, q.graphql, variables));
    (answers[name] ??= []).push(expected);
    const peers = [...servers.map(([peer, url]) => [peer, graphqlRequest(url, q.graphql, variables)]), ['REST peer', restRequest(rest, q.rest(variables))]];
    for (const [peer, request] of peers) {
      const got = await answer(request);
      if (got !== expected) fail(name, peer, variables, expected, got);
    }
    if (!q.peers) continue;
    for (const [peer, url] of [['graphql-js', graphqlJs], ['graphql-jit', graphqlJit]]) {
      const got = await answer(graphqlRequest(url, q.graphql, variables));
      if (JSON.stringify(JSON.parse(got)) !== JSON.stringify(JSON.parse(expected))) fail(name, peer, variables, expected, got);
    }
  }
}
console.log('CareerGraph and the REST peer answer every query with the same bytes; graphql-js and graphql-jit give the same JSON for the queries they answer.');

function fail(name, peer, variables, expected, got) {
  console.error(`${name} ${JSON.stringify(variables ?? {})}: the ${peer} answers differently.\nCareerGraph: ${expected.slice(0, 400)}\n${peer}: ${got.slice(0, 400)}`);
  process.exit(1);
}

// A fixed query is one request repeated; a varied one draws its arguments per request from a sequence seeded alike for every server.
function load(url, q, graphql) {
  if (!q.draw) return graphql ? graphqlRequest(url, q.graphql) : restRequest(url, q.rest());
  const random = seeded(42);
  const { headers, method } = graphqlRequest(url, q.graphql);
  return {
    url,
    requests: [graphql
      ? { method, path: '/graphql', headers, setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: q.graphql, variables: q.draw(random, pools) }) }) }
      : { method: 'GET', setupRequest: (request) => ({ ...request, path: q.rest(q.draw(random, pools)) }) }],
  };
}

async function run(request) {
  const r = await autocannon({ ...request, duration: Number(seconds), connections: Number(connections) });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${request.url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return r;
}

// Per query: every server warmed up once, then `rounds` rounds of one measured run each, the order turned by one each
// round so that no server is always first after the warm-ups or always after the same neighbour.
const rows = [];
for (const [name, q] of Object.entries(queries)) {
  const servers = [['cached', service, true], ['plain', uncached, true], ['old', before, true], ['peer', rest, false],
    ['js', q.peers && graphqlJs, true], ['jit', q.peers && graphqlJit, true], ['floor', floor, true]].filter(([, url]) => url);
  const sizes = answers[name].toSorted((a, b) => a.length - b.length);
  const given = await fetch(`${floor}/answer`, { method: 'PUT', body: sizes[Math.floor(sizes.length / 2)] });
  if (!given.ok) throw new Error(`${floor}/answer: HTTP ${given.status}`);
  for (const [, url, graphql] of servers) await run(load(url, q, graphql));
  const runs = Object.fromEntries(servers.map(([key]) => [key, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < servers.length; i++) {
      const [key, url, graphql] = servers[(i + round) % servers.length];
      runs[key].push(await run(load(url, q, graphql)));
    }
  }
  rows.push({ name, ...runs, bytes: runs.plain[0].throughput.average / runs.plain[0].requests.average });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const rps = (runs) => median(runs.map((r) => r.requests.average));
const p50 = (runs) => median(runs.map((r) => r.latency.p50));
const p99 = (runs) => median(runs.map((r) => r.latency.p99));
// A ratio of two servers: the median of the rounds' ratios, with their range when there is more than one round.
const spread = (values, digits, unit) => {
  const text = (v) => v.toFixed(digits);
  return `${text(median(values))}${unit}${values.length > 1 ? ` (${text(Math.min(...values))}–${text(Math.max(...values))})` : ''}`;
};
const ratio = (a, b) => (a && b ? spread(a.map((r, i) => r.requests.average / b[i].requests.average), 2, '×') : '—');
const p99Ratio = (a, b) => spread(a.map((r, i) => r.latency.p99 / Math.max(b[i].latency.p99, 1)), 1, '×');
const cell = (runs) => (runs ? `${rps(runs).toFixed(0)} (${p50(runs)}/${p99(runs)})` : '—');
console.log(`req/s (p50/p99 latency in ms); ratios are of req/s; "p99 vs REST" is CareerGraph without cache p99 / REST p99; "HTTP floor" is the bare endpoint sent the same requests${rounds > 1 ? `; medians of ${rounds} rounds, ratios the median of the rounds' ratios (range)` : ''}`);
console.log(`| query | answer bytes | CareerGraph | without answer cache |${before ? ' before, without cache |' : ''} REST peer | graphql-js | graphql-jit | HTTP floor | cached vs REST | cached vs floor | without cache: vs REST | vs graphql-js | vs graphql-jit | p99 vs REST |${before ? ' after / before |' : ''}`);
console.log(`|---|---:|---:|---:|${before ? '---:|' : ''}---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|${before ? '---:|' : ''}`);
for (const { name, cached, plain, old, peer, js, jit, floor: bare, bytes } of rows)
  console.log(`| ${name} | ${bytes.toFixed(0)} | ${cell(cached)} | ${cell(plain)} |${before ? ` ${cell(old)} |` : ''} ${cell(peer)} | ${cell(js)} | ${cell(jit)} | ${cell(bare)} | ${ratio(cached, peer)} | ${ratio(cached, bare)} | ${ratio(plain, peer)} | ${ratio(plain, js)} | ${ratio(plain, jit)} | ${p99Ratio(plain, peer)} |${before ? ` ${ratio(plain, old)} |` : ''}`);
