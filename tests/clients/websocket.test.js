// GraphQL over WebSocket (graphql-transport-ws) with the real clients: graphql-ws over Node's `ws`, Apollo Client's
// GraphQLWsLink beside its HTTP link, urql's subscriptionExchange; then each close code of the protocol, provoked
// with a bare socket; and the graphql-http audit of the HTTP side.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { gql } from '@apollo/client';
import { auditServer } from 'graphql-http';
import WebSocket from 'ws';
import { delay, graphql, startService } from '../browser/support/service.js';
import { createApolloLiveClient, createUrqlLiveClient, createWsClient } from './setups/live.js';

const apiKey = 'websocket-tests-curator-key';
const changes = 'subscription($after: Int) { graphChanged(afterSequence: $after) { sequence operation nodeIds actor } }';

let service;
let wsUrl;

before(async () => {
  service = await startService({
    settings: {
      CareerGraph__Auth__ApiKeys__0__Name: 'ws-tests',
      CareerGraph__Auth__ApiKeys__0__Sha256: createHash('sha256').update(apiKey).digest('hex'),
      CareerGraph__Limits__Subscriptions__ConnectionInitSeconds: '1',
    },
  });
  wsUrl = `${service.baseUrl.replace('http', 'ws')}/graphql`;
}, { timeout: 120_000 });

after(async () => {
  await service?.stop();
});

/** A change made over HTTP by the curator; returns nothing, the subscribers see it. */
async function describeCareer(id, description) {
  const data = await graphql(service.baseUrl, 'mutation($id: ID!, $d: String) { updateCareer(input: {id: $id, description: $d}) { userErrors { code } } }',
    { id, d: description }, { 'X-Api-Key': apiKey });
  assert.deepEqual(data.updateCareer.userErrors, []);
}

/** Collects what a graphql-ws subscription sends until `count` results have come. */
function collect(client, payload, count) {
  const results = [];
  let unsubscribe;
  const done = new Promise((resolve, reject) => {
    unsubscribe = client.subscribe(payload, {
      next: result => {
        results.push(result);
        if (results.length === count) resolve(results);
      },
      error: reject,
      complete: () => resolve(results),
    });
  });
  return { done, stop: () => unsubscribe() };
}

/** Waits until the service has taken the subscription: the feed joins asynchronously after the subscribe message. */
const settle = () => delay(500);

describe('graphql-ws client (Node ws)', () => {
  test('runs a query over the socket', async () => {
    const client = createWsClient(wsUrl, { webSocketImpl: WebSocket });
    try {
      const [result] = await collect(client, { query: '{ career(id: "mlops-engineer") { name } }' }, 1).done;
      assert.deepEqual(result, { data: { career: { name: 'MLOps Engineer' } } });
    } finally {
      await client.dispose();
    }
  });

  test('receives a change made through HTTP, with the actor for a curator, then replays it with afterSequence', async () => {
    const client = createWsClient(wsUrl, { webSocketImpl: WebSocket, apiKey });
    try {
      const live = collect(client, { query: changes }, 1);
      await settle();
      await describeCareer('mlops-engineer', 'Runs models in production.');
      const [event] = await live.done;
      live.stop();
      const change = event.data.graphChanged;
      assert.equal(change.operation, 'UPDATE_NODE');
      assert.deepEqual(change.nodeIds, ['mlops-engineer']);
      assert.equal(change.actor, 'key:ws-tests');

      await describeCareer('cloud-engineer', 'Missed while away.');
      const replay = collect(client, { query: changes, variables: { after: change.sequence } }, 1);
      const [missed] = await replay.done;
      replay.stop();
      assert.equal(missed.data.graphChanged.sequence, change.sequence + 1);
      assert.deepEqual(missed.data.graphChanged.nodeIds, ['cloud-engineer']);
    } finally {
      await client.dispose();
    }
  });

  test('a document that cannot run ends its operation with an error message carrying the code', async () => {
    const client = createWsClient(wsUrl, { webSocketImpl: WebSocket });
    try {
      await assert.rejects(collect(client, { query: 'subscription { graphChanged { actor } }' }, 1).done, errors => {
        assert.equal(errors[0].extensions.code, 'UNAUTHENTICATED'); // actor is for curators
        return true;
      });
    } finally {
      await client.dispose();
    }
  });
});

describe('Apollo Client 4 with GraphQLWsLink (split)', () => {
  test('subscribes over the socket and queries over HTTP', async () => {
    const wsClient = createWsClient(wsUrl, { webSocketImpl: WebSocket });
    const client = createApolloLiveClient(`${service.baseUrl}/graphql`, wsClient, { headers: { 'X-Api-Key': apiKey } });
    try {
      const received = new Promise((resolve, reject) => {
        const subscription = client.subscribe({ query: gql`subscription { graphChanged(nodeIds: ["data-engineer"]) { sequence nodeIds } }` })
          .subscribe({ next: result => { subscription.unsubscribe(); resolve(result); }, error: reject });
      });
      await settle();
      const { data } = await client.mutate({ mutation: gql`mutation { updateCareer(input: {id: "data-engineer", description: "Builds pipelines."}) { userErrors { code } } }` });
      assert.deepEqual(data.updateCareer.userErrors, []);
      const result = await received;
      assert.deepEqual(result.data.graphChanged.nodeIds, ['data-engineer']);
    } finally {
      await wsClient.dispose();
    }
  });
});

describe('urql 6 with subscriptionExchange and graphql-ws', () => {
  test('receives a change made through HTTP', async () => {
    const wsClient = createWsClient(wsUrl, { webSocketImpl: WebSocket });
    const client = createUrqlLiveClient(`${service.baseUrl}/graphql`, wsClient);
    try {
      const received = new Promise(resolve => {
        const { unsubscribe } = client.subscription('subscription { graphChanged(nodeIds: ["devops-engineer"]) { nodeIds } }', {})
          .subscribe(result => { unsubscribe(); resolve(result); });
      });
      await settle();
      await describeCareer('devops-engineer', 'Automates delivery.');
      const result = await received;
      assert.equal(result.error, undefined);
      assert.deepEqual(result.data.graphChanged.nodeIds, ['devops-engineer']);
    } finally {
      await wsClient.dispose();
    }
  });
});

/** A bare socket: what the server sends, and how it closes. */
function bareSocket({ protocol = 'graphql-transport-ws', headers } = {}) {
  const socket = new WebSocket(wsUrl, protocol ? [protocol] : [], { headers });
  const messages = [];
  const closed = new Promise((resolve, reject) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('unexpected-response', (_, response) => resolve({ status: response.statusCode }));
    socket.on('error', reject);
  });
  socket.on('message', data => messages.push(JSON.parse(data.toString())));
  const opened = new Promise(resolve => socket.on('open', resolve));
  const send = message => socket.send(JSON.stringify(message));
  let read = 0;
  const nextMessage = async () => {
    while (messages.length === read) await delay(20);
    return messages[read++];
  };
  return { socket, messages, closed, opened, send, nextMessage };
}

async function initialised(payload) {
  const bare = bareSocket();
  await bare.opened;
  bare.send({ type: 'connection_init', payload });
  assert.deepEqual(await bare.nextMessage(), { type: 'connection_ack' });
  return bare;
}

describe('graphql-transport-ws close codes', () => {
  test('4400: a message the protocol does not know', async () => {
    const bare = await initialised();
    bare.send({ type: 'start', id: '1', payload: { query: '{ stats { careers } }' } }); // the old subscriptions-transport-ws
    const { code, reason } = await bare.closed;
    assert.equal(code, 4400);
    assert.match(reason, /unknown type 'start'/);
  });

  test('4400: a subscribe without a query', async () => {
    const bare = await initialised();
    bare.send({ type: 'subscribe', id: '1', payload: { variables: {} } });
    assert.equal((await bare.closed).code, 4400);
  });

  test('4401: subscribe before connection_ack', async () => {
    const bare = bareSocket();
    await bare.opened;
    bare.send({ type: 'subscribe', id: '1', payload: { query: '{ stats { careers } }' } });
    assert.deepEqual(await bare.closed, { code: 4401, reason: 'Unauthorized' });
  });

  test('4403: connection_init with a key the service does not know', async () => {
    const bare = bareSocket();
    await bare.opened;
    bare.send({ type: 'connection_init', payload: { apiKey: 'not-a-known-key' } });
    const { code, reason } = await bare.closed;
    assert.equal(code, 4403);
    assert.match(reason, /^Forbidden: the apiKey in connection_init is not a key this service knows/);
    assert.equal(bare.messages.length, 0);
  });

  test('4403: a malformed bearer token in connection_init', async () => {
    const bare = bareSocket();
    await bare.opened;
    bare.send({ type: 'connection_init', payload: { authorization: 'Bearer not.a.token' } });
    assert.equal((await bare.closed).code, 4403);
  });

  test('4408: no connection_init within ConnectionInitSeconds', async () => {
    const bare = bareSocket();
    await bare.opened;
    assert.deepEqual(await bare.closed, { code: 4408, reason: 'Connection initialisation timeout' });
  });

  test('4409: a second subscribe with the id of a running operation', async () => {
    const bare = await initialised();
    bare.send({ type: 'subscribe', id: 'same', payload: { query: 'subscription { graphChanged { sequence } }' } });
    bare.send({ type: 'subscribe', id: 'same', payload: { query: 'subscription { graphChanged { sequence } }' } });
    assert.deepEqual(await bare.closed, { code: 4409, reason: 'Subscriber for same already exists' });
  });

  test('an id may be used again once its operation completed', async () => {
    const bare = await initialised();
    bare.send({ type: 'subscribe', id: 'again', payload: { query: '{ stats { careers } }' } });
    assert.equal((await bare.nextMessage()).type, 'next');
    assert.deepEqual(await bare.nextMessage(), { id: 'again', type: 'complete' });
    bare.send({ type: 'subscribe', id: 'again', payload: { query: '{ stats { careers } }' } });
    assert.equal((await bare.nextMessage()).type, 'next');
    bare.send({ type: 'ping', payload: { at: 1 } });
    const messages = [await bare.nextMessage(), await bare.nextMessage()];
    assert.ok(messages.some(m => m.type === 'pong' && m.payload.at === 1), JSON.stringify(messages));
    bare.socket.close(1000);
    assert.equal((await bare.closed).code, 1000);
  });

  test('4429: a second connection_init', async () => {
    const bare = await initialised();
    bare.send({ type: 'connection_init' });
    assert.deepEqual(await bare.closed, { code: 4429, reason: 'Too many initialisation requests' });
  });

  test('4406: a socket without the graphql-transport-ws subprotocol', async () => {
    const bare = bareSocket({ protocol: null });
    assert.equal((await bare.closed).code, 4406);
  });

  test('403 before the upgrade: a page from an origin that is not configured', async () => {
    const bare = bareSocket({ headers: { Origin: 'https://elsewhere.example' } });
    assert.deepEqual(await bare.closed, { status: 403 });
  });
});

describe('graphql-http audit', () => {
  test('every MUST and SHOULD of GraphQL over HTTP passes', async () => {
    const results = await auditServer({ url: `${service.baseUrl}/graphql` });
    const failed = results.filter(result => result.status !== 'ok').map(result => `${result.status} ${result.id}: ${result.name}`);
    assert.deepEqual(failed, []);
    assert.equal(results.length, 61);
  });
});
