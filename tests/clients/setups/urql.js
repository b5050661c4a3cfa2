// urql (@urql/core 6) as docs/clients.md sets it up: queries over GET (cacheable), with persisted queries.
import { Client, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';

export function createUrqlClient(url, { fetch = globalThis.fetch } = {}) {
  return new Client({
    url,
    fetch,
    preferGetMethod: 'force',
    exchanges: [persistedExchange({ preferGetForPersistedQueries: true }), fetchExchange],
  });
}
