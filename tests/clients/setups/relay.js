// Relay (relay-runtime 21) as docs/clients.md sets it up: one network function, the default store, and the
// artifacts relay-compiler writes into relay/__generated__ (see relay.config.json).
import RelayRuntime from 'relay-runtime';

const { Environment, Network, RecordSource, Store } = RelayRuntime;

export function createRelayEnvironment(url) {
  return new Environment({
    network: Network.create(async (operation, variables) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query: operation.text, variables }),
      });
      return response.json();
    }),
    store: new Store(new RecordSource()),
  });
}
