// The graphql-js peer of the load test: graphql + graphql-http over the same graph in memory (the JSON that
// `careergraph export --format json` writes from the seeded store), resolving the load test's career and path
// queries with the same rules as CareerGraph (src/CareerGraph.Core/Paths: PathFinder, SkillComparison), per request.
// With --jit it is the graphql-jit peer: the same schema and resolvers, each document compiled once by graphql-jit.
// Usage: node graphql-js-peer.mjs <graph.json> <port> [--jit]   (listens on 127.0.0.1 only)
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { buildSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';

const [file, port] = process.argv.slice(2);
const graph = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
const key = (name) => name.trim().replace(/\s+/g, ' ').toLowerCase();
const byName = new Map();
const byAlias = new Map();
for (const n of graph.nodes) {
  if (!byName.has(key(n.name))) byName.set(key(n.name), []);
  byName.get(key(n.name)).push(n);
  for (const alias of n.aliases ?? []) {
    if (!byAlias.has(key(alias))) byAlias.set(key(alias), []);
    byAlias.get(key(alias)).push(n);
  }
}
const edges = graph.edges.map((e) => ({ ...e, strength: e.weight ?? 1, id: `${e.source}|${e.type}|${e.target}` }));
const bySource = new Map();
for (const e of edges) {
  const k = `${e.source}|${e.type}`;
  if (!bySource.has(k)) bySource.set(k, []);
  bySource.get(k).push(e);
}
const outgoing = (id, type) => [...(bySource.get(`${id}|${type}`) ?? [])];
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const requirements = (career) => outgoing(career, 'REQUIRES');
const ordered = (reqs) => [...new Set([...reqs].sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0) || ordinal(a.target, b.target)).map((e) => e.target))];

function resolveCareer(reference) {
  const curatedFirst = (list) => [...list].filter((n) => n.kind === 'Career').sort((a, b) => ordinal(a.source === 'onet' ? 1 : 0, b.source === 'onet' ? 1 : 0) || ordinal(a.id, b.id));
  const byId = nodes.get(reference.trim());
  if (byId?.kind === 'Career') return byId;
  const named = curatedFirst(byName.get(key(reference)) ?? []);
  if (named.length) return named[0];
  const aliased = curatedFirst(byAlias.get(key(reference)) ?? []);
  if (aliased.length) return aliased[0];
  throw new Error(`No career is called '${reference}'.`);
}

// Dijkstra on (hops, summed 1 − weight) over SEE_ALSO and SPECIALISATION_OF in either direction, as PathFinder.
const careers = graph.nodes.filter((n) => n.kind === 'Career').map((n) => n.id);
const links = new Map(careers.map((id) => [id, []]));
for (const e of edges.filter((x) => x.type === 'SEE_ALSO' || x.type === 'SPECIALISATION_OF')) {
  if (!links.has(e.source) || !links.has(e.target)) continue;
  links.get(e.source).push({ to: e.target, edge: e });
  links.get(e.target).push({ to: e.source, edge: e });
}
for (const list of links.values()) list.sort((a, b) => ordinal(a.edge.id, b.edge.id));
const better = (a, b) => a[0] - b[0] || a[1] - b[1];

// A binary heap of [node, cost], cheapest first.
class Queue {
  items = [];
  get length() { return this.items.length; }
  push(item) {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1, up; i > 0 && better(items[(up = (i - 1) >> 1)][1], items[i][1]) > 0; i = up) [items[i], items[up]] = [items[up], items[i]];
  }
  shift() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length) {
      items[0] = last;
      for (let i = 0; ;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let least = i;
        if (l < items.length && better(items[l][1], items[least][1]) < 0) least = l;
        if (r < items.length && better(items[r][1], items[least][1]) < 0) least = r;
        if (least === i) break;
        [items[i], items[least]] = [items[least], items[i]];
        i = least;
      }
    }
    return top;
  }
}

function shortest(from, to, maxHops, minWeight) {
  const cost = new Map([[from, [0, 0]]]);
  const via = new Map();
  const done = new Set();
  const queue = new Queue();
  queue.push([from, [0, 0]]);
  while (queue.length) {
    const [node] = queue.shift();
    if (done.has(node)) continue;
    done.add(node);
    if (node === to) break;
    if (cost.get(node)[0] >= maxHops) continue;
    for (const { to: next, edge } of links.get(node)) {
      if (done.has(next) || edge.strength < minWeight) continue;
      const candidate = [cost.get(node)[0] + 1, cost.get(node)[1] + (1 - edge.strength)];
      if (cost.has(next) && better(cost.get(next), candidate) <= 0) continue;
      cost.set(next, candidate);
      via.set(next, { previous: node, edge });
      queue.push([next, candidate]);
    }
  }
  if (!done.has(to)) return null;
  const steps = [{ career: to, via: null }];
  for (let node = to; node !== from; node = via.get(node).previous) {
    steps[0].via = via.get(node).edge;
    steps.unshift({ career: via.get(node).previous, via: null });
  }
  return steps;
}

function describe(walk) {
  const steps = walk.map(({ career, via }, i) => {
    const need = requirements(career);
    if (i === 0) return { career, via: null, sharedWithPrevious: [], newSkills: ordered(need) };
    const have = new Set(requirements(walk[i - 1].career).map((e) => e.target));
    return { career, via: via.type, sharedWithPrevious: ordered(need.filter((e) => have.has(e.target))), newSkills: ordered(need.filter((e) => !have.has(e.target))) };
  });
  const lists = walk.map(({ career }) => requirements(career));
  const common = lists.slice(1).reduce((set, list) => new Set(list.map((e) => e.target).filter((t) => set.has(t))), new Set(lists[0].map((e) => e.target)));
  const sums = new Map();
  for (const e of lists.flat()) if (common.has(e.target)) sums.set(e.target, (sums.get(e.target) ?? 0) + (e.importance ?? 0));
  const sharedSkills = [...sums].sort((a, b) => b[1] - a[1] || ordinal(a[0], b[0])).map(([id]) => id);
  return { hops: walk.length - 1, steps, sharedSkills };
}

const schema = buildSchema(`
  type Query {
    career(id: ID!): Career
    path(from: String!, to: String!, maxHops: Int = 4, minWeight: Float = 0.5): CareerPath
  }
  type Career { id: ID! name: String! skills: [SkillRequirement!]! seeAlso: [SeeAlso!]! }
  type Skill { id: ID! name: String! }
  type SkillRequirement { importance: Float! skill: Skill! }
  type SeeAlso { weight: Float! career: Career! }
  type CareerPath { hops: Int! steps: [PathStep!]! sharedSkills: [Skill!]! }
  type PathStep { career: Career! via: String sharedWithPrevious: [Skill!]! newSkills: [Skill!]! }
`);
const node = (id) => nodes.get(id);
// Resolvers sit on the schema's fields (not on a root value), so that graphql-js and graphql-jit run the same ones.
const resolvers = {
  Query: {
    career: (_, { id }) => (node(id)?.kind === 'Career' ? node(id) : null),
    path: (_, { from, to, maxHops, minWeight }) => {
      const walk = shortest(resolveCareer(from).id, resolveCareer(to).id, maxHops, minWeight);
      if (!walk) return null;
      const { hops, steps, sharedSkills } = describe(walk);
      return {
        hops,
        steps: steps.map((s) => ({ career: node(s.career), via: s.via, sharedWithPrevious: s.sharedWithPrevious.map(node), newSkills: s.newSkills.map(node) })),
        sharedSkills: sharedSkills.map(node),
      };
    },
  },
  Career: {
    skills: (n) => requirements(n.id).sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0) || ordinal(a.target, b.target))
      .map((e) => ({ importance: e.importance ?? 0, skill: node(e.target) })),
    seeAlso: (n) => outgoing(n.id, 'SEE_ALSO').sort((a, b) => (a.tier ?? 1) - (b.tier ?? 1) || b.strength - a.strength || ordinal(a.target, b.target))
      .map((e) => ({ weight: e.strength, career: node(e.target) })),
  },
};
for (const [type, fields] of Object.entries(resolvers))
  for (const [field, resolve] of Object.entries(fields)) schema.getType(type).getFields()[field].resolve = resolve;

// graphql-jit: each document is parsed, validated and compiled into a function once, then only that function runs.
async function jitOptions() {
  const { compileQuery, isCompiledQuery } = await import('graphql-jit');
  const { parse: parseDocument, validate: validateDocument, execute: executeDocument } = await import('graphql');
  const parsed = new Map();
  const validated = new WeakMap();
  const compiled = new WeakMap();
  return {
    parse: (source) => {
      const key = typeof source === 'string' ? source : source.body;
      if (!parsed.has(key)) parsed.set(key, parseDocument(source));
      return parsed.get(key);
    },
    validate: (schemaToCheck, document, rules) => {
      if (!validated.has(document)) validated.set(document, validateDocument(schemaToCheck, document, rules));
      return validated.get(document);
    },
    execute: (args) => {
      const key = `${args.operationName ?? ''}`;
      let byOperation = compiled.get(args.document);
      if (!byOperation) compiled.set(args.document, (byOperation = new Map()));
      if (!byOperation.has(key)) byOperation.set(key, compileQuery(args.schema, args.document, args.operationName ?? undefined));
      const query = byOperation.get(key);
      return isCompiledQuery(query) ? query.query(args.rootValue, args.contextValue, args.variableValues) : executeDocument(args);
    },
  };
}

const options = process.argv.includes('--jit') ? await jitOptions() : {};
http.createServer({ noDelay: true }, createHandler({ schema, ...options })).listen(Number(port), '127.0.0.1');
