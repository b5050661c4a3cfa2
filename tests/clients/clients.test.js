// Each client, set up as docs/clients.md shows (setups/), against the built service started for the run:
// the walk, a page turned with fetchMore / a Relay connection, persisted queries, and an error with its code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { CombinedGraphQLErrors, gql } from '@apollo/client';
import RelayRuntime from 'relay-runtime';
import { startService } from '../browser/support/service.js';
import { CareersPageQuery, SearchQuery, WalkQuery } from './operations.js';

const here = new URL('.', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const walk = { from: 'ML Engineer', to: 'Cloud Engineer' };
const walkNames = path => path.steps.map(step => step.career.name);

// The generated files the set-ups import: made afresh from schema.graphql, as a front-end build would.
const npx = (...args) => execFileSync('npx', ['--no-install', ...args], { cwd: here, stdio: 'pipe', encoding: 'utf8' });

/** fetch that records what each request sent: method, whether the document was in it, and the persisted-query hash. */
function recordingFetch() {
  const sent = [];
  const fetchAndRecord = async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const method = (init.method ?? 'GET').toUpperCase();
    const request = method === 'GET'
      ? { query: url.searchParams.get('query'), extensions: JSON.parse(url.searchParams.get('extensions') ?? 'null') }
      : JSON.parse(init.body);
    const response = await fetch(input, init);
    sent.push({ method, hasQuery: Boolean(request.query), hash: request.extensions?.persistedQuery?.sha256Hash, status: response.status });
    return response;
  };
  return { sent, fetch: fetchAndRecord };
}

let service;
let setups;

before(async () => {
  npx('graphql-codegen', '--config', 'codegen.yml');
  npx('relay-compiler');
  service = await startService();
  // Imported after generation: the Apollo set-up reads the generated possibleTypes.
  setups = {
    apollo: await import('./setups/apollo.js'),
    urql: await import('./setups/urql.js'),
    relay: await import('./setups/relay.js'),
  };
}, { timeout: 300_000 });

after(async () => {
  await service?.stop();
});

describe('GraphQL Code Generator', () => {
  test('the client preset types every operation and fragment-matcher lists the Node types', () => {
    const types = readFileSync(new URL('generated/gql/graphql.ts', import.meta.url), 'utf8');
    assert.match(types, /export type WalkQuery = /);
    assert.match(types, /export const CareersPageDocument = /);
    const { possibleTypes } = JSON.parse(readFileSync(new URL('generated/possible-types.json', import.meta.url), 'utf8'));
    assert.deepEqual([...possibleTypes.Node].sort(), ['Career', 'Industry', 'Skill']);
  });
});

describe('Apollo Client 4', () => {
  test('walks from ML Engineer to Cloud Engineer through MLOps Engineer', async () => {
    const client = setups.apollo.createApolloClient(`${service.baseUrl}/graphql`);
    const { data } = await client.query({ query: WalkQuery, variables: walk });
    assert.deepEqual(walkNames(data.path), ['Machine Learning Engineer', 'MLOps Engineer', 'Cloud Engineer']);
    assert.ok(data.path.sharedSkills.some(skill => skill.name === 'Python'));
  });

  test('fetchMore appends the next page to the same list (relayStylePagination)', async () => {
    const client = setups.apollo.createApolloClient(`${service.baseUrl}/graphql`);
    const first = await client.query({ query: CareersPageQuery, variables: { first: 5 } });
    assert.equal(first.data.careers.edges.length, 5);
    assert.ok(first.data.careers.pageInfo.hasNextPage);

    const watch = client.watchQuery({ query: CareersPageQuery, variables: { first: 5 } });
    const subscription = watch.subscribe(() => {});
    try {
      await watch.fetchMore({ variables: { after: first.data.careers.pageInfo.endCursor } });
      const merged = client.readQuery({ query: CareersPageQuery, variables: { first: 5 } }).careers;
      assert.equal(merged.edges.length, 10);
      const ids = merged.edges.map(edge => edge.node.id);
      assert.equal(new Set(ids).size, 10);
      assert.deepEqual(ids.slice(0, 5), first.data.careers.edges.map(edge => edge.node.id));
    } finally {
      subscription.unsubscribe();
    }
  });

  test('fragments on the Node interface are kept thanks to the generated possibleTypes', async () => {
    const client = setups.apollo.createApolloClient(`${service.baseUrl}/graphql`);
    const { data } = await client.query({ query: SearchQuery, variables: { text: 'python' } });
    const python = data.search.find(hit => hit.node.id === 'python');
    assert.equal(python?.node.name, 'Python');
    assert.equal(python.node.kind, 'SKILL');
  });

  test('persisted queries: the hash alone first, the document once after PERSISTED_QUERY_NOT_FOUND, then the hash alone', async () => {
    const recorder = recordingFetch();
    // A document no other test sent: the service has not seen its hash yet.
    const query = gql`query ShortWalk($from: String!, $to: String!) { path(from: $from, to: $to) { steps { career { id name } } } }`;
    const variables = { from: 'Data Scientist', to: 'MLOps Engineer' };
    const first = setups.apollo.createApolloClient(`${service.baseUrl}/graphql`, recorder);
    await first.query({ query, variables });
    assert.deepEqual(recorder.sent.map(({ method, hasQuery, status }) => ({ method, hasQuery, status })), [
      { method: 'GET', hasQuery: false, status: 404 },
      { method: 'POST', hasQuery: true, status: 200 },
    ]);
    assert.equal(recorder.sent[0].hash, recorder.sent[1].hash);

    const second = setups.apollo.createApolloClient(`${service.baseUrl}/graphql`, recorder); // a fresh cache: it must ask
    const { data } = await second.query({ query, variables });
    assert.deepEqual(recorder.sent.slice(2).map(({ method, hasQuery, status }) => ({ method, hasQuery, status })), [
      { method: 'GET', hasQuery: false, status: 200 },
    ]);
    assert.equal(data.path.steps.at(-1).career.name, 'MLOps Engineer');
  });

  test('an error carries its code', async () => {
    const client = setups.apollo.createApolloClient(`${service.baseUrl}/graphql`);
    await assert.rejects(client.query({ query: WalkQuery, variables: { from: 'Underwater Basket Weaver', to: 'Cloud Engineer' } }), error => {
      assert.ok(CombinedGraphQLErrors.is(error), String(error));
      assert.equal(error.errors[0].extensions.code, 'NOT_FOUND');
      return true;
    });
  });
});

describe('urql 6', () => {
  test('walks over GET, with persisted queries', async () => {
    const recorder = recordingFetch();
    const client = setups.urql.createUrqlClient(`${service.baseUrl}/graphql`, recorder);
    const result = await client.query(WalkQuery, walk, { requestPolicy: 'network-only' }).toPromise();
    assert.equal(result.error, undefined);
    assert.deepEqual(walkNames(result.data.path), ['Machine Learning Engineer', 'MLOps Engineer', 'Cloud Engineer']);
    const again = await client.query(WalkQuery, walk, { requestPolicy: 'network-only' }).toPromise();
    assert.equal(again.data.path.hops, 2);
    assert.ok(recorder.sent.every(request => request.method === 'GET'), JSON.stringify(recorder.sent));
    assert.deepEqual(recorder.sent.map(({ hasQuery }) => hasQuery), [false, true, false]);
  });

  test('an error carries its code', async () => {
    const client = setups.urql.createUrqlClient(`${service.baseUrl}/graphql`);
    const result = await client.query(CareersPageQuery, { first: 1000 }).toPromise();
    assert.equal(result.error.graphQLErrors[0].extensions.code, 'INVALID_ARGUMENT');
    assert.equal(result.error.graphQLErrors[0].extensions.data.argument, 'first');
  });
});

describe('Relay', () => {
  const { createOperationDescriptor, fetchQuery, getSelector } = RelayRuntime;
  const artifact = name => require(`./relay/__generated__/${name}.graphql.js`);

  test('walks from ML Engineer to Cloud Engineer', async () => {
    const environment = setups.relay.createRelayEnvironment(`${service.baseUrl}/graphql`);
    const data = await fetchQuery(environment, artifact('WalkQuery'), walk).toPromise();
    assert.deepEqual(walkNames(data.path), ['Machine Learning Engineer', 'MLOps Engineer', 'Cloud Engineer']);
  });

  test('the @connection merges the next page fetched by the generated pagination query', async () => {
    const environment = setups.relay.createRelayEnvironment(`${service.baseUrl}/graphql`);
    const query = artifact('CareerListQuery');
    const operation = createOperationDescriptor(query, {});
    await fetchQuery(environment, query, {}).toPromise();
    const read = () => environment.lookup(getSelector(artifact('CareerList_query'), environment.lookup(operation.fragment).data)).data;
    // What usePaginationFragment reads, and then does on loadNext: run the pagination query after the last cursor.
    const firstPage = read().careers;
    assert.equal(firstPage.edges.length, 5);
    assert.ok(firstPage.pageInfo.hasNextPage);
    await fetchQuery(environment, artifact('CareerListPaginationQuery'), { first: 5, after: firstPage.pageInfo.endCursor }).toPromise();
    const merged = read().careers;
    assert.equal(merged.edges.length, 10);
    assert.equal(new Set(merged.edges.map(edge => edge.node.id)).size, 10);
  });

  test('a @refetchable fragment refetches a career through node(id:)', async () => {
    const environment = setups.relay.createRelayEnvironment(`${service.baseUrl}/graphql`);
    const data = await fetchQuery(environment, artifact('CareerCardRefetchQuery'), { id: 'mlops-engineer' }).toPromise();
    const card = environment.lookup(getSelector(artifact('CareerCard_career'), data.node)).data;
    assert.equal(card.name, 'MLOps Engineer');
  });
});
